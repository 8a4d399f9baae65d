package dev.aiguard.llm.internal.detect;

import java.util.List;

/**
 * The fast-pass signatures: instruction override, system-prompt extraction, role-play escapes and chat-template
 * delimiter injection. Patterns apply to {@link TextNormalizer normalized} text (lower case, single spaces).
 * Scores: {@link #STRONG} blocks on its own at default thresholds, {@link #MEDIUM} too, {@link #WEAK} only reports.
 */
public final class SignatureSet {

    public static final double STRONG = 0.95;
    public static final double MEDIUM = 0.75;
    public static final double WEAK = 0.4;

    public static final String INJECTION = "prompt.injection";
    public static final String JAILBREAK = "prompt.jailbreak";
    public static final String EXTRACTION = "prompt.extraction";
    public static final String DELIMITER = "prompt.delimiter";
    public static final String ENCODING = "prompt.encoding";

    private static final String DETERMINERS = "(?:(?:all|any|the|your|my|these|those|every|of|previous|prior) )*";

    private static final List<Signature> ALL = List.of(
            Signature.negatable("override.ignore_previous", INJECTION, STRONG,
                    List.of("ignore", "disregard", "forget", "skip", "bypass", "override", "neglect"),
                    "\\b(?:ignore|disregard|forget|skip|bypass|override|neglect)\\b " + DETERMINERS
                            + "(?:previous|prior|preceding|above|earlier|former|original|initial|old|system|given|pre-?programmed)"
                            + "(?: [a-z]+)? (?:instructions?|prompts?|rules|directions|directives|guidelines|commands"
                            + "|context|messages?|constraints|programming|guidance|conversation|text|input|orders)\\b"),
            Signature.negatable("override.ignore_previous_multilingual", INJECTION, STRONG,
                    List.of("ignor", "olvida", "vergiss", "oublie", "dimentica", "esqueça", "忽略", "无视", "無視", "игнор",
                            "забудь", "무시"),
                    "\\b(?:ignor(?:ez|er|a|ar|iere|ieren|ate|em|ando)|olvida|vergiss|oublie[zr]?|dimentica|esque[çc]a)"
                            + "\\b[^.!?\\n]{0,30}\\b(?:instrucciones|instructions|anweisungen|instruktionen|istruzioni"
                            + "|instruções|instrucoes|consignes|indicaciones|regeln|r[eè]gles|reglas|regole)\\b"
                            + "|(?:忽略|无视|無視|忘记|忘掉)[^。！？\\n]{0,12}(?:指令|指示|说明|說明|规则|規則|提示)"
                            + "|(?:指示|命令|ルール)[^。！？\\n]{0,12}(?:無視|忘れ)"
                            + "|(?:игнорир|забудь)[а-я]*[^.!?\\n]{0,30}(?:инструкц|указани|правил)"
                            + "|(?:지시|명령|지침)[^.!?\\n]{0,12}무시"),
            Signature.negatable("override.ignore_everything", INJECTION, STRONG,
                    List.of("ignore", "disregard", "forget"),
                    "\\b(?:ignore|disregard|forget) (?:everything|all)(?: (?:that|you|i|which|we)[a-z' ]{0,24})? "
                            + "(?:above|before|previously|so far|earlier|until now)"),
            Signature.negatable("override.do_not_follow", INJECTION, STRONG,
                    List.of("follow", "obey"),
                    "\\b(?:do not|don't|stop|no longer) (?:follow|obey)(?:ing)? (?:your|the|any|those) "
                            + "(?:previous|prior|original|system|initial|above) (?:instructions|rules|prompt|guidelines)"),
            Signature.of("override.new_instructions", INJECTION, MEDIUM,
                    List.of("instruction", "system"),
                    "(?:^|[^a-z])(?:new|updated|real|actual|true) (?:system )?instructions? ?(?::|are|is)|"
                            + "(?:^|[\\[(#*])\\s?(?:system|admin|developer) (?:override|message|instruction)s? ?[:\\])]"),
            Signature.negatable("extraction.reveal_prompt", EXTRACTION, STRONG,
                    List.of("prompt", "instruction", "message"),
                    "\\b(?:reveal|show|print|output|repeat|display|leak|disclose|dump|tell me|give me|share|write out"
                            + "|spell out|recite|copy|paste|translate|summarize|list)\\b(?: (?:me|us))?"
                            + "(?: (?:all|the|your|exact|full|entire|complete|original|verbatim|initial|hidden|secret))* "
                            + "(?:system prompt|system message|system instructions|initial (?:prompt|instructions)"
                            + "|original (?:prompt|instructions)|hidden (?:prompt|instructions)|secret (?:prompt|instructions)"
                            + "|pre-?prompt|(?:instructions|prompt|rules) you (?:were|have been) given)"),
            Signature.negatable("extraction.what_is_your_prompt", EXTRACTION, WEAK,
                    List.of("your"),
                    "\\bwhat (?:is|are|was|were) your (?:exact |full |original |initial |hidden |secret )*"
                            + "(?:system prompt|system message|instructions|initial prompt|rules|prompt)\\b"),
            Signature.negatable("extraction.repeat_above", EXTRACTION, WEAK,
                    List.of("above", "before", "preceding"),
                    "\\b(?:repeat|print|output|write|copy|return)(?: back)? (?:the |all |everything |every |all the )?"
                            + "(?:words?|text|everything|sentences?|lines?|content|instructions|tokens)"
                            + "(?: (?:written|that (?:came|come|appear)))? (?:above|before|preceding|prior)"),
            Signature.negatable("extraction.starting_with_you_are", EXTRACTION, WEAK,
                    List.of("you are"),
                    "\\b(?:starting|beginning|start|begin) (?:with|from) (?:the (?:words?|phrase) )?[\"'`]?you are\\b"),
            Signature.of("jailbreak.do_anything_now", JAILBREAK, STRONG,
                    List.of("anything now"), "\\bdo anything now\\b"),
            Signature.of("jailbreak.mode", JAILBREAK, MEDIUM,
                    List.of(" mode"),
                    "\\b(?:jailbreak|jailbroken|dan|god|evil|unrestricted|unfiltered|chaos|opposite|dude|stan) mode\\b"
                            + "|\\bdeveloper mode (?:enabled|activated|output|on)\\b"),
            Signature.negatable("jailbreak.no_restrictions_persona", JAILBREAK, STRONG,
                    List.of("act as", "pretend", "you are", "roleplay", "role-play", "role play", "you will be", "simulate",
                            "become", "persona", "character"),
                    "\\b(?:act as|pretend (?:to be|you are|that you are)|you are now|you're now|roleplay as|role-?play as"
                            + "|role play as|you will be|simulate|become|persona|character)\\b[^.!?\\n]{0,80}\\b"
                            + "(?:no|without|free (?:of|from)|zero|doesn't have any|does not have any|not bound by|unbound by"
                            + "|beyond|ignores?|breaks?|bypass(?:es)?) (?:any )?(?:ethical |moral |content |safety |openai )?"
                            + "(?:restrictions|filters|limitations|limits|rules|guidelines|censorship|boundaries|constraints"
                            + "|morals|ethics|polic(?:y|ies))"),
            Signature.of("jailbreak.unfiltered_ai", JAILBREAK, MEDIUM,
                    List.of("unfiltered", "uncensored", "unrestricted", "amoral", "unethical"),
                    "\\b(?:unfiltered|uncensored|unrestricted|amoral|unethical)\\b(?: and [a-z]+)? "
                            + "(?:ai|assistant|chatbot|model|language model|character|persona|version|bot|llm)\\b"),
            Signature.negatable("jailbreak.policy_bypass", JAILBREAK, STRONG,
                    List.of("polic", "guideline"),
                    "\\b(?:ignore|bypass|disregard|break|violate|circumvent|not bound by|free from|no longer (?:follow|bound))"
                            + "[a-z ]{0,30}(?:content polic|safety guideline|ethical guideline|openai(?:'s)? (?:content )?polic"
                            + "|usage polic|community guideline)"),
            Signature.of("jailbreak.stay_in_character", JAILBREAK, MEDIUM,
                    List.of("character"),
                    "\\b(?:stay|remain|never break|don't break|do not break) (?:in )?character\\b"),
            Signature.of("delimiter.chat_template", DELIMITER, STRONG,
                    List.of("<|"),
                    "<\\|(?:im_start|im_end|im_sep|endoftext|eot_id|start_header_id|end_header_id|begin_of_text"
                            + "|system|user|assistant|end|end_of_turn)\\|>"),
            Signature.of("delimiter.llama_inst", DELIMITER, MEDIUM,
                    List.of("[inst]", "[/inst]", "<<sys>>", "<</sys>>", "_of_turn>"),
                    "\\[/?inst\\]|<</?sys>>|<(?:start|end)_of_turn>"));

    /**
     * Signatures for third-party text only (tool results, retrieved documents): sentences that address the model
     * reading the document or tell it how to shape its answer. In a user's own prompt such sentences are normal ("keep
     * your answer short"); in an email or web page the model summarises, they are injected instructions.
     */
    private static final List<Signature> INDIRECT = List.of(
            Signature.negatable("indirect.answer_manipulation", INJECTION, MEDIUM,
                    List.of("your answer", "your response", "your reply", "your output", "your summary", "your message"),
                    "(?:^|[.!?:;\\]\"'] )(?:modify|change|alter|rewrite|encode|replace|add|include|append|insert|end|begin"
                            + "|start|conclude|respond|reply|write|format|translate|make|use|provide|mention|say|tell)\\b"
                            + "[^.!?\\n]{0,80}\\byour (?:answer|response|reply|output|summary|message)s?\\b"),
            Signature.of("indirect.addresses_the_model", INJECTION, MEDIUM,
                    List.of("ai", "assistant", "model", "llm", "gpt", "you read", "you see", "you process"),
                    "\\b(?:(?:important|urgent|attention|note|instructions?|message) (?:to|for) (?:the |any )?"
                            + "(?:ai|assistant|language model|llm|model|chatbot|gpt)s?\\b"
                            + "|(?:when|if|after|once) (?:you|the (?:ai|assistant|model)) (?:read|see|process|summari[sz]e|parse)s? "
                            + "this\\b|(?:dear|hey|hi|attention) (?:ai|assistant|chatgpt|gpt|claude|gemini|llm)\\b)"));

    private SignatureSet() {
    }

    /** Every signature for direct prompt text, in evaluation order. */
    public static List<Signature> all() {
        return ALL;
    }

    /** Extra signatures applied to tool results and retrieved documents. */
    public static List<Signature> indirect() {
        return INDIRECT;
    }
}
