package dev.citadel.cli.engines;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends the CLI's own library logging (Cassandra driver, Kafka admin client, engines launcher) to a file in the run
 * directory, so the terminal shows only progress lines and the table, while the detail is kept for diagnosis.
 */
public final class CliLogging {

    private CliLogging() {}

    public static void toFile(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: leave its configuration alone
        }
        // The log directory is shared with the components when they run as their own accounts.
        dev.citadel.platform.engines.process.FileOwnership.keepOnlyOwn(logFile);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-dir-file");
        appender.setFile(logFile.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        // While a broker boots, the admin client logs every reconnect attempt at INFO: ~100 MB per slow start.
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    }
}
