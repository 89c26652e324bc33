package dev.citadel.edge.admin;

/** The WAF's runtime mode as the admin API sees it; backed by the WAF's own policy snapshot. */
public interface WafSwitch {
    /** @return "prevention" or "detection". */
    String mode();

    /** @throws IllegalArgumentException for any other value. */
    void mode(String mode);

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
