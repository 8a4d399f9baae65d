package dev.aiguard.cli.internal.console;

import dev.aiguard.api.SecurityEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * Server-rendered HTML: the login form and the dashboard with its first data already in the tables (the script
 * then refreshes them from {@code /api} and draws the charts and the graph). Every value is HTML-escaped.
 */
final class ConsolePage {

    private static final int FIRST_EVENTS = 50;

    private final ConsoleData data;
    private final Supplier<PolicyInfo> policy;

    ConsolePage(ConsoleData data, Supplier<PolicyInfo> policy) {
        this.data = data;
        this.policy = policy;
    }

    String login(boolean failed) {
        return head("AIGuard console - sign in") + """
                <body class="login">
                <main>
                <h1>AIGuard console</h1>
                <p>Enter the admin token that <code>aiguard serve</code> printed when it started.</p>
                """ + (failed ? "<p class=\"error\" id=\"login-error\">Wrong token.</p>\n" : "") + """
                <form method="post" action="/login">
                <label for="token">Admin token</label>
                <input type="password" id="token" name="token" autocomplete="off" autofocus required>
                <button type="submit" id="login">Sign in</button>
                </form>
                </main>
                </body>
                </html>
                """;
    }

    String dashboard() {
        PolicyInfo p = policy.get();
        StringBuilder b = new StringBuilder(head("AIGuard console"));
        b.append("<body>\n<header>\n<h1>AIGuard console</h1>\n<p id=\"policy\">")
                .append(esc(p.serving())).append(" &middot; policy <strong id=\"policy-version\">").append(esc(p.version()))
                .append("</strong> (").append(esc(p.mode())).append(", ").append(esc(p.source())).append(")");
        if (!p.egress().isEmpty()) {
            b.append(" &middot; egress: <span id=\"policy-egress\">").append(esc(p.egress())).append("</span>");
        }
        b.append("</p>\n<p class=\"stages\">stages: ").append(esc(p.stages().isEmpty() ? "none" : String.join(", ", p.stages())))
                .append("</p>\n<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>\n")
                .append("</header>\n<main>\n");
        b.append("""
                <section class="charts">
                <h2>Traffic</h2>
                <div id="chart-traffic" class="chart"></div>
                <div id="chart-tokens" class="chart"></div>
                </section>
                """);
        b.append("<section class=\"top\">\n<h2>Top identities by cost (tokens)</h2>\n<ol id=\"top-cost\">\n");
        for (Tally.Row r : data.identities().top(ConsoleData.TOKENS, 10)) {
            b.append("<li><span class=\"who\">").append(esc(r.key())).append("</span> <span class=\"n\">")
                    .append(r.get(ConsoleData.TOKENS)).append(" tokens</span></li>\n");
        }
        b.append("</ol>\n<h2>Top identities by blocks</h2>\n<ol id=\"top-blocks\">\n");
        for (Tally.Row r : data.identities().top(ConsoleData.BLOCKS, 10)) {
            b.append("<li><span class=\"who\">").append(esc(r.key())).append("</span> <span class=\"n\">")
                    .append(r.get(ConsoleData.BLOCKS)).append(" blocks</span></li>\n");
        }
        b.append("</ol>\n</section>\n");
        b.append("<section class=\"rules\">\n<h2>Rules: enforced vs. monitor (would block)</h2>\n<table id=\"rules\">\n")
                .append("<thead><tr><th>rule</th><th>enforced</th><th>would block</th><th>findings</th></tr></thead>\n<tbody>\n");
        data.rules().all().forEach(r -> b.append("<tr><td>").append(esc(r.key())).append("</td><td>")
                .append(r.get(ConsoleData.ENFORCED)).append("</td><td>").append(r.get(ConsoleData.WOULD_BLOCK))
                .append("</td><td>").append(r.get(ConsoleData.FINDINGS)).append("</td></tr>\n"));
        b.append("</tbody>\n</table>\n</section>\n");
        b.append("""
                <section class="graph">
                <h2>Who talks to what</h2>
                <p class="legend">identities &rarr; routes and models; workloads &rarr; egress destinations</p>
                <div id="graph" class="chart tall"></div>
                </section>
                <section class="events">
                <h2>Security events</h2>
                <form id="filters">
                <label>stage <input name="stage" id="filter-stage"></label>
                <label>rule <input name="rule" id="filter-rule"></label>
                <label>identity <input name="identity" id="filter-identity"></label>
                <label>verdict <select name="verdict" id="filter-verdict">
                <option value="">any</option><option value="blocked">blocked</option><option value="would_block">would_block</option><option value="allowed">allowed</option><option value="error">error</option>
                </select></label>
                <button type="submit">Filter</button>
                </form>
                <table id="events">
                <thead><tr><th>time</th><th>verdict</th><th>identity</th><th>stage</th><th>rule</th><th>request</th><th>message</th></tr></thead>
                <tbody>
                """);
        List<SecurityEvent> first = data.events(e -> true, FIRST_EVENTS);
        first.forEach(e -> b.append(eventRow(e)));
        b.append("""
                </tbody>
                </table>
                </section>
                </main>
                <script src="/static/echarts.min.js"></script>
                <script src="/static/console.js"></script>
                </body>
                </html>
                """);
        return b.toString();
    }

    private static String eventRow(SecurityEvent e) {
        String rule = !e.ruleIds().isEmpty() ? e.ruleIds().get(0)
                : !e.findings().isEmpty() ? e.findings().get(0).ruleId() : e.reason();
        String request = (e.method() == null ? "" : e.method() + " ") + (e.path() == null ? "" : e.path());
        return "<tr class=\"" + esc(ConsoleViews.verdict(e)) + "\"><td>" + esc(e.time().toString()) + "</td><td>"
                + esc(ConsoleViews.verdict(e)) + "</td><td>" + esc(ConsoleViews.identity(e)) + "</td><td>"
                + esc(ConsoleViews.stage(e)) + "</td><td>" + esc(rule) + "</td><td>" + esc(request) + "</td><td>"
                + esc(e.message()) + "</td></tr>\n";
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title)
                + "</title>\n<link rel=\"stylesheet\" href=\"/static/console.css\">\n</head>\n";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
