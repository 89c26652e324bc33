package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged logback.xml: every log the edge writes rotates by size and has a total cap. */
class LogbackConfigTest {

    @Test
    void everyLogFileRotatesBySizeWithATotalCapAndNothingGoesToStdout(@TempDir Path dir) throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("edge.log.dir", dir.toString());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        List<Appender<?>> appenders = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<? extends Appender<?>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                appenders.add(it.next());
            }
        }
        assertThat(appenders).extracting(Appender::getName).containsExactlyInAnyOrder("EDGE", "ACCESS");
        for (Appender<?> a : appenders) {
            assertThat(a).isInstanceOf(RollingFileAppender.class);
            RollingFileAppender<?> rolling = (RollingFileAppender<?>) a;
            assertThat(rolling.getRollingPolicy()).isInstanceOf(SizeAndTimeBasedRollingPolicy.class);
            SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) rolling.getRollingPolicy();
            assertThat(totalSizeCap(policy).getSize()).isPositive();
            assertThat(policy.getMaxHistory()).isPositive();
        }
        assertThat(appenders).extracting(a -> Path.of(((RollingFileAppender<?>) a).getFile()).getFileName().toString())
                .containsExactlyInAnyOrder("edge.log", "edge-access.log");
        context.stop();
    }

    /** Logback has a setter but no getter for the cap. */
    private static FileSize totalSizeCap(TimeBasedRollingPolicy<?> policy) throws ReflectiveOperationException {
        Field f = TimeBasedRollingPolicy.class.getDeclaredField("totalSizeCap");
        f.setAccessible(true);
        FileSize cap = (FileSize) f.get(policy);
        assertThat(cap).as("totalSizeCap").isNotNull();
        return cap;
    }
}
