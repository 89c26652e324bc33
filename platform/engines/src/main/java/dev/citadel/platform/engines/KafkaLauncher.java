package dev.citadel.platform.engines;

import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.engines.kafka.KafkaCommandLine;
import dev.citadel.platform.engines.kafka.KafkaConfig;
import dev.citadel.platform.engines.kafka.KafkaLayout;
import dev.citadel.platform.engines.kafka.KafkaTls;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.engines.process.EngineStartException;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.platform.engines.process.LogTail;
import dev.citadel.platform.engines.process.TcpProbe;
import dev.citadel.platform.pki.SecureFiles;
import dev.citadel.platform.pki.TlsBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/** Prepares, formats, launches and checks the Kafka brokers of one tier. */
final class KafkaLauncher {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

    private final DataTierSpec spec;
    private final TierMaterials materials;

    KafkaLauncher(DataTierSpec spec, TierMaterials materials) {
        this.spec = spec;
        this.materials = materials;
    }

    /** Writes certificate and configuration, formats the storage on first start, and launches the broker. */
    EngineProcess launch(KafkaBrokerSpec broker) {
        KafkaLayout layout = new KafkaLayout(broker.dir());
        try {
            Files.createDirectories(layout.serverProperties().getParent());
            Files.createDirectories(layout.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directories of " + broker.name(), e);
        }
        TlsBundle bundle = materials.engineTls(layout.tlsDir(), broker.name(), broker.host());
        KafkaTls tls = new KafkaTls(bundle.keyStore(), bundle.trustStore(), bundle.password());
        SecureFiles.write(layout.serverProperties(),
                KafkaConfig.serverProperties(broker, layout, tls, materials.kafkaAdminPassword()));
        SecureFiles.write(layout.log4j2(), KafkaConfig.log4j2(new LogRotation(spec.logFile(broker.name()))));
        LaunchPrefix prefix = spec.launchPrefix(broker.name())
                .then(EngineAccounts.prepare(spec, broker.name(), broker.dir()));
        String classpath = EngineAccounts.classpath(spec, EngineClasspath.kafka(), "kafka");
        if (!Files.exists(layout.metaProperties())) {
            format(broker, layout, prefix, classpath);
        }
        List<String> argv = prefix.apply(KafkaCommandLine.server(broker, layout, EngineClasspath.javaExecutable(), classpath));
        return EngineProcess.startWithConsoleFile(broker.name(), argv, layout.workDir(), spec.logFile(broker.name()),
                spec.consoleFile(broker.name()));
    }

    private void format(KafkaBrokerSpec broker, KafkaLayout layout, LaunchPrefix prefix, String classpath) {
        Path log = spec.logFile(broker.name() + "-format");
        List<String> argv = prefix.apply(KafkaCommandLine.format(broker, layout, EngineClasspath.javaExecutable(),
                classpath, Uuid.randomUuid().toString(), materials.kafkaAdminPassword()));
        try {
            Files.createDirectories(log.getParent());
            // Root opens this log for the child, in a directory components may write: never through a planted link.
            Files.write(log, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            Process p = new ProcessBuilder(argv).directory(layout.workDir().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new EngineStartException("formatting " + broker.name() + " took over " + FORMAT_TIMEOUT.toSeconds()
                        + " s; last lines of " + log + ":\n" + LogTail.lastLines(log, 40));
            }
            if (p.exitValue() != 0) {
                throw new EngineStartException("formatting " + broker.name() + " failed with exit code " + p.exitValue()
                        + "; last lines of " + log + ":\n" + LogTail.lastLines(log, 40));
            }
        } catch (IOException e) {
            throw new EngineStartException("cannot run the storage format of " + broker.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("interrupted while formatting " + broker.name(), e);
        }
    }

    /** Ready = an Admin client over SASL_SSL, as the admin, can describe the cluster. */
    void awaitReady(EngineProcess process, KafkaBrokerSpec broker, Duration timeout) {
        // Wait for the socket first: an Admin client polling a closed port only fills logs with retries.
        InetSocketAddress endpoint = new InetSocketAddress(broker.host(), broker.clientPort());
        process.awaitReady(timeout, () -> TcpProbe.listening(endpoint));
        try (Admin admin = access(broker).admin()) {
            process.awaitReady(timeout, () -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS) != null);
        }
    }

    KafkaAccess access(KafkaBrokerSpec broker) {
        return new KafkaAccess(broker.name(), broker.bootstrapServers(), materials.kafkaAdminPassword(),
                materials.clientTrustStore(), materials.clientTrustStorePassword());
    }
}
