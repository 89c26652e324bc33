package dev.citadel.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.chaos.RequestOutcome.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosVerdictTest {

    private static final long INJECTED = 10_000;

    private static RequestOutcome ok(long end, Operation op) {
        return new RequestOutcome(end - 20, end, op, op.read() ? 200 : 202, "", "region2", op.read() ? "" : "/w/" + end);
    }

    private static RequestOutcome failed(long end, Operation op, int status, String error) {
        return new RequestOutcome(end - 20, end, op, status, error, status > 0 ? "region1" : "", "");
    }

    @Test
    void aRunWithoutFailuresPassesWithZeroMovedIn() {
        List<RequestOutcome> run = List.of(ok(5_000, Operation.GET_ITEM), ok(12_000, Operation.RATE),
                ok(13_000, Operation.LIST_ITEMS));

        ChaosVerdict v = ChaosVerdict.of("kill-web-ui", "d", run, INJECTED, 20_000, 0);

        assertThat(v.passed()).isTrue();
        assertThat(v.movedInMillis()).isZero();
        assertThat(v.rtoMillis()).isEqualTo(10_000);
        assertThat(v.acceptedWrites()).isEqualTo(1);
        assertThat(v.reads()).isEqualTo(1);
        assertThat(v.readAvailability()).isEqualTo(100.0);
    }

    @Test
    void oneFailedReadMissesTheTargetAndCountsByKind() {
        List<RequestOutcome> run = List.of(ok(11_000, Operation.GET_ITEM), failed(11_500, Operation.GET_ITEM, 503, ""),
                failed(11_800, Operation.LIST_ITEMS, 0, "timeout"));

        ChaosVerdict v = ChaosVerdict.of("kill-cassandra", "d", run, INJECTED, 15_000, 0);

        assertThat(v.passed()).isFalse();
        assertThat(v.missed()).anySatisfy(m -> assertThat(m).startsWith("2 failed reads"));
        assertThat(v.errors()).containsEntry("HTTP 503", 1).containsEntry("timeout", 1);
        assertThat(v.failedReads()).isEqualTo(2);
        assertThat(v.readAvailability()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(v.movedInMillis()).isEqualTo(1_800);
    }

    @Test
    void failedWritesUnderATenthOfAPercentPassButOneLostWriteDoesNot() {
        List<RequestOutcome> run = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            run.add(ok(11_000 + i, Operation.COMMENT));
        }
        run.add(failed(11_000, Operation.COMMENT, 503, ""));

        assertThat(ChaosVerdict.of("x", "d", run, INJECTED, 15_000, 0).passed()).isTrue();
        assertThat(ChaosVerdict.of("x", "d", run, INJECTED, 15_000, 1).missed())
                .containsExactly("1 accepted writes lost (target 0)");
    }

    @Test
    void tooManyFailedWritesSlowMovementAndNoRecoveryAreEachMissed() {
        List<RequestOutcome> run = List.of(ok(11_000, Operation.RATE), failed(14_000, Operation.RATE, 503, ""));

        ChaosVerdict v = ChaosVerdict.of("kill-stamp", "d", run, INJECTED, -1, 0);

        assertThat(v.rtoMillis()).isEqualTo(-1);
        assertThat(v.missed()).containsExactly("50.00 % failed writes (target < 0.1 %)",
                "traffic moved in 4.0 s (target 2 s)", "never fully healthy again");
    }

    @Test
    void requestsBeforeTheInjectionAreOutsideTheWindowButTheirFailuresStillCount() {
        List<RequestOutcome> run = List.of(failed(2_000, Operation.GET_ITEM, 500, ""), ok(12_000, Operation.GET_ITEM));

        ChaosVerdict v = ChaosVerdict.of("x", "d", run, INJECTED, 15_000, 0);

        assertThat(v.reads()).isEqualTo(1);
        assertThat(v.failedReads()).isZero();
        assertThat(v.movedInMillis()).isZero();
        assertThat(v.passed()).isFalse();
        assertThat(v.errors()).containsEntry("HTTP 500", 1);
    }
}
