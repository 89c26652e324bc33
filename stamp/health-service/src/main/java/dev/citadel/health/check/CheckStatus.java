package dev.citadel.health.check;

/** A check's verdict: {@code UP} lets the stamp take traffic, anything else does not. */
public enum CheckStatus {
    UP, DOWN
}
