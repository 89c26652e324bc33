package dev.citadel.egress.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.citadel.egress.config.EgressProperties.DecisionLog;
import org.slf4j.LoggerFactory;

/**
 * Points the {@code egress.decisions} logger at {@code decisionLog.file}: one JSON object per line, rolled by size to
 * {@code <file>.1 .. <file>.<maxFiles>} (the oldest dropped). Built in code because the file comes from the YAML
 * configuration, not from logback.xml.
 */
public final class DecisionLogAppender {
    private DecisionLogAppender() {
    }

    public static void install(DecisionLog config) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        String file = config.file().toAbsolutePath().toString();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("DECISIONS");
        appender.setFile(file);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(config.maxFiles());
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(config.maxFileSizeMb() + "MB"));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();

        Logger logger = context.getLogger(dev.citadel.egress.observe.DecisionLog.LOGGER);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.detachAndStopAllAppenders();
        logger.setAdditive(false);
        logger.addAppender(appender);
    }
}
