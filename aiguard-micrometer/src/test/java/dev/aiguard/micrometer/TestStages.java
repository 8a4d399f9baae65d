package dev.aiguard.micrometer;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small real stages for observer tests: identity from a header, token budgets, and a rule that blocks. */
final class TestStages {

    private TestStages() {
    }

    /** Sets the principal from {@code X-Tenant} (tenant) and {@code X-User} (subject). */
    static Stage identity() {
        return exchange -> {
            String tenant = exchange.request().headers().first("X-Tenant").orElse(null);
            String user = exchange.request().headers().first("X-User").orElse("anonymous");
            exchange.principal(new Principal(user, tenant, Set.of(), null, Map.of()));
            return StageOutcome.pass();
        };
    }

    /** Reserves {@code X-Reserve} tokens; at completion charges what the model reported and refunds the rest. */
    static Stage budget() {
        return new Stage() {
            @Override
            public StageOutcome inspect(Exchange exchange) {
                long reserve = Long.parseLong(exchange.request().headers().first("X-Reserve").orElse("0"));
                exchange.addCost(Exchange.TOKENS_RESERVED, reserve);
                return StageOutcome.pass();
            }

            @Override
            public void complete(Exchange exchange, ResponseInfo response) {
                long reserved = exchange.cost(Exchange.TOKENS_RESERVED);
                long used = exchange.verdict().blocked() ? 0 : Math.min(reserved, response.usage().totalTokens());
                exchange.addCost(Exchange.TOKENS_CHARGED, used);
                exchange.addCost(Exchange.TOKENS_REFUNDED, reserved - used);
            }
        };
    }

    /** Blocks (403) when the path contains {@code /attack/RULE}, naming RULE; finds nothing otherwise. */
    static Stage rules() {
        return exchange -> {
            String path = exchange.request().path();
            int at = path.indexOf("/attack/");
            if (at < 0) {
                return StageOutcome.pass();
            }
            String rule = path.substring(at + "/attack/".length());
            Finding f = Finding.of("rules", rule, Severity.HIGH, "attack " + rule);
            return StageOutcome.block(Block.forbidden("test.rule", List.of(rule)), List.of(f));
        };
    }

    static GuardRequest request(String path, String tenant, long reserve) {
        return GuardRequest.builder().method("POST").uri(path)
                .headers(dev.aiguard.api.Headers.of("X-Tenant", tenant, "X-User", "u-" + tenant,
                        "X-Reserve", Long.toString(reserve)))
                .build();
    }
}
