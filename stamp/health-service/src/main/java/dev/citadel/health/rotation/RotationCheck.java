package dev.citadel.health.rotation;

import dev.citadel.health.check.CheckOutcome;
import dev.citadel.health.check.HealthCheck;

/** The state switch as a check: down while the operator has taken the stamp out of rotation. */
public final class RotationCheck implements HealthCheck {

    public static final String NAME = "state-switch";

    private final RotationState state;

    public RotationCheck(RotationState state) {
        this.state = state;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run() {
        return state.current() == Rotation.IN
                ? CheckOutcome.up("in rotation")
                : CheckOutcome.down("taken out of rotation by an operator at " + state.changedAt());
    }
}
