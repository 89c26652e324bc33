package dev.citadel.platform.engines.cassandra;

import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.process.EngineProcess;
import java.util.ArrayList;
import java.util.List;

/** The child-JVM command line of a Cassandra node. Pure: spec and paths in, argv out. */
public final class CassandraCommandLine {

    public static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /** From Cassandra 5.0's own conf/jvm17-server.options: without them it fails on Java 17. */
    static final List<String> JAVA17_MODULE_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /**
     * Single-machine fast start. Gossip settling and ring delay exist for real networks of many
     * nodes; here every peer is on loopback and known from the seed list.
     */
    static final List<String> FAST_START = List.of(
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dcassandra.ring_delay_ms=15000",
            "-Dcassandra.superuser_setup_delay_ms=500",
            "-Dcassandra.auto_bootstrap=false");

    private CassandraCommandLine() {
    }

    public static List<String> build(CassandraNodeSpec node, CassandraLayout layout, String javaExecutable,
                                     String classpath) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable);
        argv.add(EngineProcess.marker(node.name()));
        argv.add("-Xms" + node.heapMb() + "m");
        argv.add("-Xmx" + node.heapMb() + "m");
        argv.add("-Xss256k");
        argv.add("-XX:+UseG1GC");
        argv.add("-XX:+ExitOnOutOfMemoryError");
        argv.add("-XX:HeapDumpPath=" + layout.workDir());
        argv.add("-Djava.net.preferIPv4Stack=true");
        argv.add("-Djdk.attach.allowAttachSelf=true");
        argv.addAll(JAVA17_MODULE_FLAGS);
        argv.add("-Dcassandra-foreground=yes");
        argv.add("-Dcassandra.config=" + layout.yaml().toUri());
        argv.add("-Dcassandra-rackdc.properties=" + layout.rackDc().toUri());
        argv.add("-Dcassandra.storagedir=" + layout.dataDir());
        argv.add("-Dcassandra.logdir=" + layout.workDir());
        argv.add("-Dlogback.configurationFile=" + layout.logback().toUri());
        // JMX comes from Citadel's agent only (TLS, password, 127.0.0.1:jmxPort for registry and connector), so no
        // cassandra.jmx.* or com.sun.management.jmxremote.* property: Cassandra's own TLS JMX and the JDK's agent
        // bind the wildcard address, and the JDK's agent adds a local connector on a random port.
        argv.add("-javaagent:" + layout.jmxAgentJar() + "=" + layout.jmxAgentConfig());
        argv.addAll(FAST_START);
        argv.add("-cp");
        argv.add(classpath);
        argv.add(MAIN_CLASS);
        return List.copyOf(argv);
    }
}
