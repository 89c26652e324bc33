package dev.citadel.platform.engines.kafka;

import dev.citadel.platform.engines.KafkaBrokerSpec;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.pki.Secret;
import java.util.ArrayList;
import java.util.List;

/** The child-JVM command lines of a Kafka broker: the one-off storage format, and the server. Pure. */
public final class KafkaCommandLine {

    public static final String MAIN_CLASS = "kafka.Kafka";
    public static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private KafkaCommandLine() {
    }

    public static List<String> server(KafkaBrokerSpec broker, KafkaLayout layout, String javaExecutable,
                                      String classpath) {
        List<String> argv = jvm(broker.name(), broker.heapMb(), layout, javaExecutable, classpath);
        argv.add(MAIN_CLASS);
        argv.add(layout.serverProperties().toString());
        return List.copyOf(argv);
    }

    /**
     * Formats the KRaft storage with the admin's SCRAM credential (the broker's inter-broker login
     * needs it before the broker can serve the Admin API that would otherwise create it). The
     * password is on this short-lived command line: StorageTool takes it no other way; never log it.
     */
    public static List<String> format(KafkaBrokerSpec broker, KafkaLayout layout, String javaExecutable,
                                      String classpath, String clusterId, Secret adminPassword) {
        List<String> argv = jvm(broker.name() + "-format", 256, layout, javaExecutable, classpath);
        argv.add(STORAGE_TOOL);
        argv.add("format");
        argv.add("--cluster-id");
        argv.add(clusterId);
        argv.add("--config");
        argv.add(layout.serverProperties().toString());
        argv.add("--add-scram");
        argv.add(KafkaConfig.SCRAM_MECHANISM + "=[name=" + KafkaConfig.ADMIN_USER + ",password=" + adminPassword.reveal() + "]");
        return List.copyOf(argv);
    }

    private static List<String> jvm(String marker, int heapMb, KafkaLayout layout, String javaExecutable,
                                    String classpath) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable);
        argv.add(EngineProcess.marker(marker));
        argv.add("-Xms" + heapMb + "m");
        argv.add("-Xmx" + heapMb + "m");
        argv.add("-XX:+UseG1GC");
        argv.add("-XX:MaxGCPauseMillis=20");
        argv.add("-XX:+ExitOnOutOfMemoryError");
        argv.add("-XX:HeapDumpPath=" + layout.workDir());
        argv.add("-Djava.awt.headless=true");
        argv.add("-Djava.net.preferIPv4Stack=true");
        argv.add("-Dkafka.logs.dir=" + layout.workDir());
        argv.add("-Dlog4j2.configurationFile=" + layout.log4j2().toUri());
        argv.add("-cp");
        argv.add(classpath);
        return argv;
    }
}
