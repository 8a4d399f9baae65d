package dev.aiguard.output.internal.pii;

import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Match;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds this exchange's placeholders in the response and puts the original values back. Not a detection. */
final class VaultDetector implements Detector {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[PII_[A-Z_]{2,24}_[0-9]{1,4}]");

    private final Vault vault;

    VaultDetector(Vault vault) {
        this.vault = vault;
    }

    @Override
    public String id() {
        return "vault.restore";
    }

    @Override
    public String kind() {
        return "vault";
    }

    @Override
    public boolean reports() {
        return false;
    }

    @Override
    public String replacement(String matched) {
        String original = vault.original(matched);
        return original == null ? matched : original;
    }

    @Override
    public void find(CharSequence text, int from, int to, List<Match> out) {
        if (text.toString().indexOf("[PII_", from) < 0) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        m.region(from, text.length());
        while (m.find() && m.start() < to) {
            if (vault.original(m.group()) != null) {
                out.add(new Match(m.start(), m.end(), this, false));
            }
        }
    }
}
