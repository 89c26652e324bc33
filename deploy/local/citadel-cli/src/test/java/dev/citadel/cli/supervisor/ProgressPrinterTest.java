package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void prefixesEachStepWithTheElapsedSeconds() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), now::get);

        printer.step("CA ready");
        now.addAndGet(12_345_000_000L);
        printer.step("cassandra-region1 ready");

        assertThat(out.toString()).isEqualTo("[   0.0s] CA ready%n[  12.3s] cassandra-region1 ready%n".formatted());
    }
}
