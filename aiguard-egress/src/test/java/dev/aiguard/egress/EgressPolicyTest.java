package dev.aiguard.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EgressPolicyTest {

    private final FakeDns dns = new FakeDns()
            .answer("api.openai.com", "104.18.7.192")
            .answer("eu.api.openai.com", "104.18.7.193")
            .answer("uploads.pinecone.io", "34.1.2.3")
            .answer("idx.pinecone.io", "34.1.2.4")
            .answer("vectordb.internal", "10.20.0.5")
            .answer("metadata.internal.example", "169.254.169.254")
            .answer("bücher.example", "93.184.216.34")
            .answer("xn--bcher-kva.example", "93.184.216.34")
            .answer("mixed.example", List.of("93.184.216.35", "10.0.0.9"));

    private EgressDecision check(EgressPolicy policy, String url) {
        return EgressGuard.builder(policy).resolver(dns).build().check(url);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://api.openai.com/v1/chat/completions, ALLOWED",
            "https://API.OpenAI.com./v1/embeddings, ALLOWED",
            "http://api.openai.com/v1/chat, NOT_ALLOWLISTED",
            "https://api.openai.com:8443/v1/chat, NOT_ALLOWLISTED",
            "https://api.openai.com/v2/chat, NOT_ALLOWLISTED",
            "https://api.openai.com/v1x, NOT_ALLOWLISTED",
            "https://eu.api.openai.com/v1/chat, NOT_ALLOWLISTED",
            "https://idx.pinecone.io/query, ALLOWED",
            "https://uploads.pinecone.io/x, DENIED_BY_RULE",
            "https://pinecone.io/, UNRESOLVABLE",
            "http://vectordb.internal:6333/collections, ALLOWED",
            "http://vectordb.internal:6334/collections, PRIVATE",
            "http://10.20.0.5:6333/, ALLOWED",
            "http://10.20.0.6:6333/, ALLOWED",
            "http://10.21.0.6:6333/, PRIVATE",
            "http://metadata.internal.example/, CLOUD_METADATA",
            "https://bücher.example/, ALLOWED",
            "https://mixed.example/, PRIVATE"
    })
    void rulesMatchSchemeHostPortPathAndAddresses(String url, EgressReason expected) {
        EgressPolicy policy = EgressPolicy.builder().enforce()
                .allow(EgressRule.host("api.openai.com").schemes("https").ports(443).pathPrefix("/v1/"))
                .allow(EgressRule.host("*.pinecone.io"))
                .allow(EgressRule.host("vectordb.internal").ports(6333))
                .allow(EgressRule.cidr("10.20.0.0/16").ports(6333))
                .allow(EgressRule.host("metadata.internal.example"))
                .allow(EgressRule.host("xn--bcher-kva.example"))
                .allow(EgressRule.host("mixed.example"))
                .deny(EgressRule.host("uploads.pinecone.io"))
                .build();
        assertThat(check(policy, url).reason()).isEqualTo(expected);
    }

    @Test
    void hostRulesNeverOpenInternalAddresses() {
        EgressPolicy byName = EgressPolicy.builder().enforce().allow(EgressRule.host("vectordb.internal")).build();
        assertThat(check(byName, "http://vectordb.internal/").reason()).isEqualTo(EgressReason.PRIVATE);
        EgressPolicy any = EgressPolicy.builder().enforce().allow(EgressRule.anyHost()).build();
        assertThat(check(any, "http://10.20.0.5/").reason()).isEqualTo(EgressReason.PRIVATE);
    }

    @Test
    void metadataOpensOnlyToARuleNamingThatSingleAddress() {
        EgressPolicy wide = EgressPolicy.builder().enforce().allow(EgressRule.cidr("169.254.0.0/16")).build();
        assertThat(check(wide, "http://169.254.169.254/").reason()).isEqualTo(EgressReason.CLOUD_METADATA);
        assertThat(check(wide, "http://169.254.10.10/").reason()).isEqualTo(EgressReason.ALLOWED);
        EgressPolicy exact = EgressPolicy.builder().enforce().allow(EgressRule.cidr("169.254.169.254/32")).build();
        assertThat(check(exact, "http://169.254.169.254/latest/").reason()).isEqualTo(EgressReason.ALLOWED);
        EgressPolicy literalHost = EgressPolicy.builder().enforce().allow(EgressRule.host("169.254.169.254")).build();
        assertThat(check(literalHost, "http://169.254.169.254/").reason()).isEqualTo(EgressReason.ALLOWED);
    }

    @Test
    void specialNamesNeedAnExactNameRuleAndTheirAddressesACidrRule() {
        FakeDns local = new FakeDns().answer("localhost", "127.0.0.1");
        EgressPolicy wildcard = EgressPolicy.builder().enforce().allow(EgressRule.anyHost(),
                EgressRule.cidr("127.0.0.0/8")).build();
        assertThat(EgressGuard.builder(wildcard).resolver(local).build().check("http://localhost/").reason())
                .isEqualTo(EgressReason.LOOPBACK);
        assertThat(EgressGuard.builder(wildcard).resolver(local).build().check("http://x.localhost/").reason())
                .isEqualTo(EgressReason.LOOPBACK);
        EgressPolicy named = EgressPolicy.builder().enforce().allow(EgressRule.host("localhost"),
                EgressRule.cidr("127.0.0.0/8")).build();
        assertThat(EgressGuard.builder(named).resolver(local).build().check("http://localhost:8080/").reason())
                .isEqualTo(EgressReason.ALLOWED);
    }

    @Test
    void denyRulesWinOverAllowRules() {
        EgressPolicy policy = EgressPolicy.builder().enforce()
                .allow(EgressRule.cidr("10.0.0.0/8"), EgressRule.anyHost())
                .deny(EgressRule.cidr("10.20.0.0/16"), EgressRule.host("*.openai.com").ports(80))
                .build();
        assertThat(check(policy, "http://10.20.0.5/").reason()).isEqualTo(EgressReason.DENIED_BY_RULE);
        assertThat(check(policy, "http://vectordb.internal/").reason()).isEqualTo(EgressReason.DENIED_BY_RULE);
        assertThat(check(policy, "http://10.30.0.5/").reason()).isEqualTo(EgressReason.ALLOWED);
        assertThat(check(policy, "http://eu.api.openai.com/").reason()).isEqualTo(EgressReason.DENIED_BY_RULE);
        assertThat(check(policy, "https://eu.api.openai.com/").reason()).isEqualTo(EgressReason.ALLOWED);
    }

    @Test
    void denyAnyHostOnAPortCoversNamesAndAddresses() {
        EgressPolicy policy = EgressPolicy.builder().enforce().allow(EgressRule.anyHost())
                .deny(EgressRule.anyHost().ports(25)).build();
        assertThat(check(policy, "http://api.openai.com:25/").reason()).isEqualTo(EgressReason.DENIED_BY_RULE);
        assertThat(check(policy, "http://8.8.8.8:25/").reason()).isEqualTo(EgressReason.DENIED_BY_RULE);
        assertThat(check(policy, "http://8.8.8.8:80/").reason()).isEqualTo(EgressReason.ALLOWED);
    }

    @Test
    void wildcardMatchesSubdomainsOnly() {
        EgressPolicy policy = EgressPolicy.builder().enforce().allow(EgressRule.host("*.openai.com")).build();
        dns.answer("openai.com", "104.18.7.1").answer("evilopenai.com", "6.6.6.6");
        assertThat(check(policy, "https://api.openai.com/").reason()).isEqualTo(EgressReason.ALLOWED);
        assertThat(check(policy, "https://eu.api.openai.com/").reason()).isEqualTo(EgressReason.ALLOWED);
        assertThat(check(policy, "https://openai.com/").reason()).isEqualTo(EgressReason.NOT_ALLOWLISTED);
        assertThat(check(policy, "https://evilopenai.com/").reason()).isEqualTo(EgressReason.NOT_ALLOWLISTED);
    }

    @Test
    void theDefaultPolicyDeniesEverythingIncludingPublicHosts() {
        assertThat(check(EgressPolicy.defaults(), "https://api.openai.com/").reason())
                .isEqualTo(EgressReason.NOT_ALLOWLISTED);
        assertThat(check(EgressPolicy.defaults(), "https://8.8.8.8/").reason()).isEqualTo(EgressReason.NOT_ALLOWLISTED);
        assertThat(check(EgressPolicy.defaults(), "gopher://127.0.0.1/").reason())
                .isEqualTo(EgressReason.UNSUPPORTED_SCHEME);
        assertThat(check(EgressPolicy.defaults(), null).reason()).isEqualTo(EgressReason.INVALID_URL);
    }

    @Test
    void invalidRulesFailWhenThePolicyIsBuilt() {
        assertThatThrownBy(() -> EgressRule.host("exa mple.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressRule.cidr("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressRule.cidr("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressRule.host("a.com").ports(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressRule.host("a.com").pathPrefix("v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressRule.host("*.10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostOnlyResolutionPathChecksNameAndAddresses() throws Exception {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().enforce()
                .allow(EgressRule.host("api.openai.com").schemes("https").ports(443)).build()).resolver(dns).build();
        assertThat(guard.resolve("api.openai.com")).hasSize(1);
        assertThatThrownBy(() -> guard.resolve("vectordb.internal")).isInstanceOf(EgressDeniedException.class)
                .satisfies(e -> assertThat(((EgressDeniedException) e).decision().reason())
                        .isEqualTo(EgressReason.PRIVATE));
        assertThatThrownBy(() -> guard.resolve("idx.pinecone.io")).isInstanceOf(EgressDeniedException.class)
                .satisfies(e -> assertThat(((EgressDeniedException) e).decision().reason())
                        .isEqualTo(EgressReason.NOT_ALLOWLISTED));
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(EgressDeniedException.class);
        assertThatThrownBy(() -> guard.resolve("bad host")).isInstanceOf(EgressDeniedException.class);
    }
}
