package dev.citadel.platform.engines.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import dev.citadel.platform.engines.LogRotation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The generated logback.xml, loaded by real logback: a handshake failure is one line, other errors keep their stack. */
class CassandraLogbackTest {

    @TempDir
    Path dir;

    @Test
    void aFailedInternodeTlsHandshakeIsLoggedOnOneLineWithItsCause() throws Exception {
        LoggerContext context = configure();
        Logger log = context.getLogger("org.apache.cassandra.net.InboundConnectionInitiator");
        log.error("Failed to properly handshake with peer {}. Closing the channel.", "/127.0.0.99:41234",
                new RuntimeException("io.netty.handler.codec.DecoderException",
                        new SSLHandshakeException("Received fatal alert: certificate_unknown")));
        log.info("messaging connection established");
        context.stop();

        List<String> lines = Files.readAllLines(dir.resolve("cassandra-dc1.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ERROR").contains("Failed to properly handshake with peer /127.0.0.99:41234",
                "java.lang.RuntimeException: io.netty.handler.codec.DecoderException");
        assertThat(lines.get(1)).startsWith("INFO").endsWith("messaging connection established");
    }

    @Test
    void otherErrorsKeepTheirFullStackTrace() throws Exception {
        LoggerContext context = configure();
        context.getLogger("org.apache.cassandra.db.ColumnFamilyStore")
                .error("flush failed", new IllegalStateException("disk full", new java.io.IOException("ENOSPC")));
        context.getLogger("org.apache.cassandra.service.StorageService").info("next event");
        context.stop();

        String log = Files.readString(dir.resolve("cassandra-dc1.log"));
        assertThat(log).contains("flush failed\njava.lang.IllegalStateException: disk full\n\tat ",
                "Caused by: java.io.IOException: ENOSPC");
        assertThat(log.lines().filter(l -> l.startsWith("INFO"))).singleElement()
                .asString().endsWith("next event");
    }

    @Test
    void configurationLoadsWithoutLogbackErrors() throws Exception {
        LoggerContext context = configure();
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getEffectiveLevel() >= Status.WARN).toList();
        context.stop();
        assertThat(errors).isEmpty();
    }

    private LoggerContext configure() throws Exception {
        String xml = CassandraConfig.logback(new LogRotation(dir.resolve("cassandra-dc1.log")));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own initialisation would set
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }
}
