package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.internal.operator.Operator;
import dev.aiguard.waf.internal.seclang.ActionDirective;
import dev.aiguard.waf.internal.seclang.ActionSpec;
import dev.aiguard.waf.internal.seclang.DefaultActionDirective;
import dev.aiguard.waf.internal.seclang.Directive;
import dev.aiguard.waf.internal.seclang.MarkerDirective;
import dev.aiguard.waf.internal.seclang.OperatorSpec;
import dev.aiguard.waf.internal.seclang.RuleDirective;
import dev.aiguard.waf.internal.seclang.SourceLocation;
import dev.aiguard.waf.internal.seclang.Target;
import dev.aiguard.waf.internal.transform.Transformation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helpers: builds directives from compact SecLang-like strings and compiles them with small fake
 * operators and transformations, so the runtime is tested on its own.
 */
final class TestRules {

    static final Path FILE = Path.of("test.conf");

    private TestRules() {
    }

    static RuleDirective rule(String targets, String operator, String actions) {
        return new RuleDirective(targets(targets), operator(operator), actions(actions), new SourceLocation(FILE, 1));
    }

    static RuleDirective ruleAt(int line, String targets, String operator, String actions) {
        return new RuleDirective(targets(targets), operator(operator), actions(actions),
                new SourceLocation(FILE, line));
    }

    static ActionDirective action(String actions) {
        return new ActionDirective(actions(actions), new SourceLocation(FILE, 1));
    }

    static MarkerDirective marker(String name) {
        return new MarkerDirective(name, new SourceLocation(FILE, 1));
    }

    static DefaultActionDirective defaults(String actions) {
        return new DefaultActionDirective(actions(actions), new SourceLocation(FILE, 1));
    }

    static List<Target> targets(String text) {
        List<Target> out = new ArrayList<>();
        for (String t : text.split("\\|")) {
            boolean exclude = t.startsWith("!");
            if (exclude) {
                t = t.substring(1);
            }
            boolean count = t.startsWith("&");
            if (count) {
                t = t.substring(1);
            }
            int colon = t.indexOf(':');
            String name = colon < 0 ? t : t.substring(0, colon);
            String key = colon < 0 ? null : t.substring(colon + 1);
            boolean regex = key != null && key.length() > 1 && key.startsWith("/") && key.endsWith("/");
            if (regex) {
                key = key.substring(1, key.length() - 1);
            }
            out.add(new Target(name.toUpperCase(Locale.ROOT), key, regex, count, exclude));
        }
        return out;
    }

    static OperatorSpec operator(String text) {
        boolean negated = text.startsWith("!");
        String t = negated ? text.substring(1) : text;
        if (!t.startsWith("@")) {
            return new OperatorSpec("rx", t, negated);
        }
        int space = t.indexOf(' ');
        return new OperatorSpec(space < 0 ? t.substring(1) : t.substring(1, space),
                space < 0 ? "" : t.substring(space + 1), negated);
    }

    static List<ActionSpec> actions(String text) {
        List<ActionSpec> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : (text + ",").toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                String a = cur.toString().trim();
                if (!a.isEmpty()) {
                    int colon = a.indexOf(':');
                    out.add(colon < 0 ? new ActionSpec(a.toLowerCase(Locale.ROOT), null)
                            : new ActionSpec(a.substring(0, colon).toLowerCase(Locale.ROOT), a.substring(colon + 1)));
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        return out;
    }

    static RuleSet compile(Directive... directives) {
        return compile(EngineConfig.defaults(), directives);
    }

    static RuleSet compile(EngineConfig config, Directive... directives) {
        return new RuleCompiler(null, config, TestRules::fakeOperator, TestRules::fakeTransformation)
                .compile(List.of(directives));
    }

    static WafRequest get(String uri, String... headers) {
        return request("GET", uri, "", headers);
    }

    static WafRequest request(String method, String uri, String body, String... headers) {
        List<HttpHeader> list = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(new HttpHeader(headers[i], headers[i + 1]));
        }
        return new WafRequest(method, uri, "HTTP/1.1", list, "10.0.0.1", 4444, "localhost", 80,
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Transaction run(RuleSet rules, WafRequest request) {
        Transaction tx = new Transaction(rules, request, "test-1");
        tx.processRequestHeaders();
        tx.processRequestBody();
        return tx;
    }

    static List<Integer> ids(Transaction tx) {
        return tx.matches().stream().map(RuleMatch::id).toList();
    }

    /** Fake operators: rx (java.util.regex, with captures), numeric comparisons, streq, within, unconditional. */
    static Operator fakeOperator(String name, String argument, dev.aiguard.waf.internal.operator.OperatorEnv env) {
        return switch (name) {
            case "rx" -> {
                Pattern p = Pattern.compile(argument, Pattern.DOTALL);
                yield (value, ctx) -> {
                    Matcher m = p.matcher(value);
                    if (!m.find()) {
                        return false;
                    }
                    if (ctx.captureEnabled()) {
                        List<String> groups = new ArrayList<>();
                        for (int i = 0; i <= Math.min(m.groupCount(), 9); i++) {
                            groups.add(m.group(i) == null ? "" : m.group(i));
                        }
                        ctx.captured(groups);
                    }
                    return true;
                };
            }
            case "eq" -> (value, ctx) -> num(value) == num(ctx.expandMacros(argument));
            case "gt" -> (value, ctx) -> num(value) > num(ctx.expandMacros(argument));
            case "lt" -> (value, ctx) -> num(value) < num(ctx.expandMacros(argument));
            case "ge" -> (value, ctx) -> num(value) >= num(ctx.expandMacros(argument));
            case "streq" -> (value, ctx) -> value.equals(ctx.expandMacros(argument));
            case "within" -> (value, ctx) -> ctx.expandMacros(argument).contains(value);
            case "unconditionalMatch" -> (value, ctx) -> true;
            default -> throw new IllegalArgumentException("unknown operator '@" + name + "'");
        };
    }

    private static long num(String s) {
        return Numbers.parseLong(s);
    }

    static Transformation fakeTransformation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lowercase" -> fake("lowercase", s -> s.toLowerCase(Locale.ROOT));
            case "length" -> fake("length", s -> Integer.toString(s.length()));
            case "removenulls" -> fake("removeNulls", s -> s.replace("\0", ""));
            case "urldecode" -> fake("urlDecode", dev.aiguard.waf.internal.body.UrlEncoded::decode);
            case "trim" -> fake("trim", String::trim);
            default -> throw new IllegalArgumentException("unknown transformation 't:" + name + "'");
        };
    }

    private static Transformation fake(String name, java.util.function.UnaryOperator<String> f) {
        return new Transformation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String apply(String input) {
                return f.apply(input);
            }
        };
    }
}
