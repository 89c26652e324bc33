package dev.citadel.platform.engines.cassandra;

import dev.citadel.platform.engines.CassandraNodeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs nodetool against one node: Cassandra's classpath, TLS trust and the operator's JMX
 * credentials from files (no secret on argv, which other users of the machine can read). Pure.
 */
public final class NodetoolCommandLine {

    public static final String MAIN_CLASS = "org.apache.cassandra.tools.NodeTool";

    private NodetoolCommandLine() {
    }

    /** Nodetool against the node's JMX on {@code host} ({@code DataTierSpec.jmxHost}). */
    public static List<String> build(CassandraNodeSpec node, String host, CassandraLayout layout, String javaExecutable,
                                     String classpath, List<String> nodetoolArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable);
        argv.add("@" + layout.nodetoolJvmOptions());
        argv.add("-Xmx128m");
        argv.add("-XX:+UseSerialGC");
        argv.add("-Djava.net.preferIPv4Stack=true");
        argv.addAll(CassandraCommandLine.JAVA17_MODULE_FLAGS);
        argv.add("-Dlogback.configurationFile=" + layout.logbackTools().toUri());
        argv.add("-cp");
        argv.add(classpath);
        argv.add(MAIN_CLASS);
        argv.add("--host");
        argv.add(host);
        argv.add("--port");
        argv.add(Integer.toString(node.jmxPort()));
        argv.add("--username");
        argv.add(CassandraJmx.OPERATOR);
        argv.add("--password-file");
        argv.add(layout.nodetoolCredentials().toString());
        argv.addAll(nodetoolArgs);
        return List.copyOf(argv);
    }
}
