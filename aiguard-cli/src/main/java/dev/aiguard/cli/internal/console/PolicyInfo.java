package dev.aiguard.cli.internal.console;

import java.util.List;

/**
 * The active policy as the console shows it.
 *
 * @param version digest of the policy in force
 * @param mode    guard-wide mode
 * @param source  where it was read from (file, or a description)
 * @param stages  {@code name (type, mode)} per stage, in order
 * @param egress  one line about the egress policy, or empty when none
 * @param serving what {@code aiguard serve} runs (demo, reverse proxy, egress proxy) and where
 */
public record PolicyInfo(String version, String mode, String source, List<String> stages, String egress,
                         String serving) {

    public PolicyInfo {
        stages = List.copyOf(stages);
        egress = egress == null ? "" : egress;
    }
}
