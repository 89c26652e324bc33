package dev.citadel.edge.admin;

/** The WAF's runtime mode as the admin API sees it; backed by the WAF's own policy snapshot. */
public interface WafSwitch {
    /** @return "prevention" or "detection". */
    String mode();

    /** @throws IllegalArgumentException for any other value. */
    void mode(String mode);

    /**
     * Re-reads the WAF section of the configuration and swaps the loaded rule set in whole.
     * @return what now runs (engine, mode, rule count, threshold, …)
     * @throws IllegalArgumentException the new section is invalid; the running rules are kept
     * @throws IllegalStateException the change cannot be made without a restart; the running rules are kept
     */
    default java.util.Map<String, Object> reload() {
        throw new IllegalStateException("no WAF is configured on this edge (waf.enabled: false); enabling it needs"
                + " a restart");
    }

    /** No WAF wired in: the admin API says so instead of pretending. */
    WafSwitch NONE = new WafSwitch() {
        @Override
        public String mode() {
            return "absent";
        }

        @Override
        public void mode(String mode) {
            throw new IllegalArgumentException("no WAF is configured on this edge");
        }
    };
}
