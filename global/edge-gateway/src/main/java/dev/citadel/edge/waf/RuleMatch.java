package dev.citadel.edge.waf;

/** One rule that fired: where (target and argument name) and on what (a short, printable fragment). */
public record RuleMatch(String ruleId, String category, Severity severity, String target, String fragment) {

    static final int MAX_FRAGMENT = 48;

    /** Keeps log lines short and single-line: attackers control this text. */
    static String printable(String s) {
        String cut = s.length() > MAX_FRAGMENT ? s.substring(0, MAX_FRAGMENT) + "…" : s;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
