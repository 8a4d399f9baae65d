package dev.aiguard.output.internal.detect;

import dev.aiguard.output.internal.detect.Detector.Continuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.aiguard.output.internal.detect.Starts.beforeAt;
import static dev.aiguard.output.internal.detect.Starts.digitOrLetterDigit;
import static dev.aiguard.output.internal.detect.Starts.literal;
import static dev.aiguard.output.internal.detect.Starts.numberStart;
import static dev.aiguard.output.internal.detect.Starts.twoLettersThenDigit;

/**
 * The built-in detectors, by policy name. Secrets are recognised by their documented formats and validated by checksum
 * (GitHub) or entropy (random key bodies); personal data by format and checksum (Luhn, IBAN mod 97, national id check
 * letters, SSN never-issued ranges).
 */
public final class Detectors {

    /** National id detectors; only those listed in the policy's {@code nationalIds} run (default: all). */
    public static final Set<String> NATIONAL_IDS = Set.of("us_ssn", "uk_nino", "es_dni");

    /** Prefixes of OpenAI and Anthropic keys; what follows is the random body whose entropy is checked. */
    private static final java.util.regex.Pattern KEY_PREFIX =
            java.util.regex.Pattern.compile("^sk-(?:ant-[a-z]{3,6}[0-9]{0,3}-|proj-|svcacct-|admin-)?");

    private static final Map<String, Detector> BUILT_IN = build();

    private Detectors() {
    }

    /** Every built-in detector by policy name, in a fixed order. */
    public static Map<String, Detector> builtIn() {
        return BUILT_IN;
    }

    private static Map<String, Detector> build() {
        List<Detector> all = new ArrayList<>();
        // Lookbehinds keep a key shape inside a longer token (base64, hashes) from matching.
        all.add(new RegexDetector("secret.aws_access_key", "secret",
                "(?<![A-Za-z0-9+/=])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9+/=])",
                s -> s.substring(4).chars().distinct().count() > 3, Continuation.NONE,
                literal("AKIA", "ASIA", "ABIA", "ACCA")));
        all.add(new RegexDetector("secret.github_token", "secret",
                "(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])",
                s -> s.startsWith("github_pat_") ? Checks.randomKey(s.substring(11), 4.0) : Checks.githubChecksum(s),
                Continuation.NONE, literal("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")));
        all.add(new RegexDetector("secret.slack_token", "secret",
                "(?<![A-Za-z0-9-])(xox[abprs]-[0-9]{6,15}-[A-Za-z0-9-]{10,100}"
                        + "|https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})",
                s -> Checks.randomKey(s.substring(s.lastIndexOf(s.startsWith("xox") ? '-' : '/') + 1), 3.0),
                Continuation.TOKEN, literal("xox", "https://hooks.slack.com")));
        all.add(new RegexDetector("secret.stripe_key", "secret",
                "(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99})(?![A-Za-z0-9_])",
                s -> Checks.randomKey(s.substring(8), 3.5), Continuation.TOKEN, literal("sk_live_", "sk_test_", "rk_live_", "rk_test_")));
        all.add(new RegexDetector("secret.google_api_key", "secret",
                "(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])",
                s -> Checks.randomKey(s.substring(4), 3.5), Continuation.NONE, literal("AIza")));
        all.add(new RegexDetector("secret.openai_key", "secret",
                "(?<![A-Za-z0-9_-])(sk-(?:ant-[a-z]{3,6}[0-9]{0,3}-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300})",
                s -> Checks.randomKey(KEY_PREFIX.matcher(s).replaceFirst("").replace("-", "").replace("_", ""), 3.8),
                Continuation.TOKEN, literal("sk-")));
        all.add(new PemDetector());
        all.add(new RegexDetector("secret.jwt", "secret",
                "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*)",
                Checks::jwt, Continuation.TOKEN, literal("eyJ")));

        all.add(new RegexDetector("pii.email", "pii",
                "(?<![A-Za-z0-9._%+-])([A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                        + "[A-Za-z0-9])?\\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-]|\\.[A-Za-z0-9])",
                s -> !s.contains(".."), Continuation.NONE, beforeAt()));
        all.add(new RegexDetector("pii.phone", "pii",
                "(?<![\\w+.-])(\\+[1-9][0-9]{0,2}(?:[ .-]?\\(?[0-9]{1,4}\\)?){2,5}|\\(?[2-9][0-9]{2}\\)?[ .-][2-9][0-9]{2}"
                        + "[ .-][0-9]{4})(?![\\w.-]?[0-9])",
                s -> {
                    int n = Checks.digitsOf(s).length();
                    return s.startsWith("+") ? n >= 8 && n <= 15 : n == 10;
                }, Continuation.NONE, numberStart()));
        all.add(new RegexDetector("pii.payment_card", "pii",
                "(?<![0-9.-])(?<![0-9][ -])((?:[0-9][ -]?){12,18}[0-9])(?![0-9]|[ .-][0-9])",
                Checks::paymentCard, Continuation.NONE, numberStart()));
        all.add(new RegexDetector("pii.iban", "pii",
                "(?<![A-Za-z0-9])([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30})(?![A-Za-z0-9])",
                Checks::iban, Continuation.NONE, twoLettersThenDigit()));
        all.add(new RegexDetector("pii.us_ssn", "pii",
                "(?<![0-9-])([0-9]{3}-[0-9]{2}-[0-9]{4})(?![0-9]|-[0-9])",
                Checks::usSsn, Continuation.NONE, numberStart()));
        all.add(new RegexDetector("pii.uk_nino", "pii",
                "(?<![A-Za-z0-9])([A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D])(?![A-Za-z0-9])",
                Checks::ukNino, Continuation.NONE, twoLettersThenDigit()));
        all.add(new RegexDetector("pii.es_dni", "pii",
                "(?<![A-Za-z0-9])([0-9XYZ][0-9]{7}-?[A-Z])(?![A-Za-z0-9])",
                Checks::esDni, Continuation.NONE, digitOrLetterDigit()));
        Map<String, Detector> byName = new LinkedHashMap<>();
        for (Detector d : all) {
            byName.put(d.name(), d);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }
}
