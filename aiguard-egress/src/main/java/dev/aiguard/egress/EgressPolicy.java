package dev.aiguard.egress;

import dev.aiguard.api.Mode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What outbound traffic is allowed. Deny by default: a destination needs an allow rule, deny rules win over allow
 * rules, and internal addresses (loopback, private, link-local, CGNAT, ULA, multicast, unspecified, reserved, the
 * IPv6 forms that embed them, cloud metadata endpoints and names) are denied unless an address rule covers them.
 *
 * <pre>{@code
 * EgressPolicy policy = EgressPolicy.builder().enforce()
 *         .allow(EgressRule.host("api.openai.com").schemes("https").ports(443))
 *         .allow(EgressRule.host("*.pinecone.io"))
 *         .deny(EgressRule.host("uploads.pinecone.io"))
 *         .build();
 * }</pre>
 *
 * @param mode           {@code ENFORCE} denies, {@code MONITOR} reports "would deny" and lets the call through,
 *                       {@code OFF} checks nothing
 * @param allow          allow rules
 * @param deny           deny rules (checked first)
 * @param permitUserInfo whether URLs may carry {@code user:password@} (refused by default: a classic confusion trick)
 */
public record EgressPolicy(Mode mode, List<EgressRule> allow, List<EgressRule> deny, boolean permitUserInfo) {

    public EgressPolicy {
        Objects.requireNonNull(mode, "mode");
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** Enforcing, no allow rules: every destination is denied. */
    public static EgressPolicy defaults() {
        return builder().enforce().build();
    }

    /** Starts a policy; the first step chooses the mode. */
    public static ModeStep builder() {
        return new ModeStep();
    }

    /** First builder step: the mode. */
    public static final class ModeStep {

        private ModeStep() {
        }

        /** Denied destinations are refused. */
        public Builder enforce() {
            return mode(Mode.ENFORCE);
        }

        /** Denied destinations are reported as "would deny" and allowed. */
        public Builder monitor() {
            return mode(Mode.MONITOR);
        }

        /** Any mode. */
        public Builder mode(Mode mode) {
            return new Builder(Objects.requireNonNull(mode, "mode"));
        }
    }

    /** Second builder step: rules and options. */
    public static final class Builder {

        private final Mode mode;
        private final List<EgressRule> allow = new ArrayList<>();
        private final List<EgressRule> deny = new ArrayList<>();
        private boolean permitUserInfo;

        private Builder(Mode mode) {
            this.mode = mode;
        }

        public Builder allow(EgressRule... rules) {
            allow.addAll(Arrays.asList(rules));
            return this;
        }

        public Builder deny(EgressRule... rules) {
            deny.addAll(Arrays.asList(rules));
            return this;
        }

        /** Accept URLs with user info (the host after the last {@code @} is what counts). */
        public Builder permitUserInfo() {
            permitUserInfo = true;
            return this;
        }

        public EgressPolicy build() {
            return new EgressPolicy(mode, allow, deny, permitUserInfo);
        }
    }
}
