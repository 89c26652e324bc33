package dev.citadel.platform.engines;

import dev.citadel.platform.pki.SecureFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The small state file ({@code tier.properties} in the run dir) that lets a later process find a
 * running tier: the spec, and the pid of each engine. Pure conversion plus an atomic write.
 */
final class TierState {

    static final String FILE = "tier.properties";
    /** Set once the first start has replaced the default superuser; never done twice. */
    static final String CASSANDRA_SECURED = "cassandra.secured";
    /** An engine's network namespace: a supervisor restarting it must start it in the same zone. */
    static final String NETNS = "netns.";
    /** The engines run as their own accounts: a supervisor restarting one must start it the same way. */
    static final String SEPARATE_USERS = "engines.separate-users";

    private TierState() {
    }

    static Path file(Path runDir) {
        return runDir.resolve(FILE);
    }

    static String render(DataTierSpec spec, Map<String, Long> pids, boolean cassandraSecured) {
        Properties p = new Properties();
        p.setProperty("cluster.name", spec.clusterName());
        p.setProperty(CASSANDRA_SECURED, Boolean.toString(cassandraSecured));
        p.setProperty(SEPARATE_USERS, Boolean.toString(spec.separateUsers()));
        int i = 0;
        for (CassandraNodeSpec n : spec.cassandraNodes()) {
            String k = "cassandra." + i++ + ".";
            p.setProperty(k + "name", n.name());
            p.setProperty(k + "dc", n.dataCenter());
            p.setProperty(k + "rack", n.rack());
            p.setProperty(k + "address", n.listenAddress());
            p.setProperty(k + "seeds", String.join(",", n.seedAddresses()));
            p.setProperty(k + "nativePort", Integer.toString(n.nativePort()));
            p.setProperty(k + "storagePort", Integer.toString(n.storagePort()));
            p.setProperty(k + "jmxPort", Integer.toString(n.jmxPort()));
            p.setProperty(k + "heapMb", Integer.toString(n.heapMb()));
            p.setProperty(k + "dir", n.nodeDir().toString());
        }
        i = 0;
        for (KafkaBrokerSpec b : spec.kafkaBrokers()) {
            String k = "kafka." + i++ + ".";
            p.setProperty(k + "name", b.name());
            p.setProperty(k + "host", b.host());
            p.setProperty(k + "clientPort", Integer.toString(b.clientPort()));
            p.setProperty(k + "controllerPort", Integer.toString(b.controllerPort()));
            p.setProperty(k + "nodeId", Integer.toString(b.nodeId()));
            p.setProperty(k + "heapMb", Integer.toString(b.heapMb()));
            p.setProperty(k + "dir", b.dir().toString());
        }
        new TreeMap<>(spec.namespaces()).forEach((name, ns) -> p.setProperty(NETNS + name, ns));
        new TreeMap<>(pids).forEach((name, pid) -> p.setProperty("pid." + name, Long.toString(pid)));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Citadel data tier; written by platform/engines");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void write(Path runDir, DataTierSpec spec, Map<String, Long> pids, boolean cassandraSecured) {
        SecureFiles.write(file(runDir), render(spec, pids, cassandraSecured));
    }

    static Properties read(Path runDir) {
        Path file = file(runDir);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no data tier state in " + runDir + " (" + FILE + " missing)");
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static DataTierSpec spec(Properties p, Path runDir) {
        List<CassandraNodeSpec> nodes = new ArrayList<>();
        for (int i = 0; p.containsKey("cassandra." + i + ".name"); i++) {
            String k = "cassandra." + i + ".";
            nodes.add(new CassandraNodeSpec(p.getProperty(k + "name"), p.getProperty(k + "dc"), p.getProperty(k + "rack"),
                    p.getProperty(k + "address"), Arrays.asList(p.getProperty(k + "seeds").split(",")),
                    integer(p, k + "nativePort"), integer(p, k + "storagePort"), integer(p, k + "jmxPort"),
                    integer(p, k + "heapMb"), Path.of(p.getProperty(k + "dir"))));
        }
        List<KafkaBrokerSpec> brokers = new ArrayList<>();
        for (int i = 0; p.containsKey("kafka." + i + ".name"); i++) {
            String k = "kafka." + i + ".";
            brokers.add(new KafkaBrokerSpec(p.getProperty(k + "name"), p.getProperty(k + "host"),
                    integer(p, k + "clientPort"), integer(p, k + "controllerPort"), integer(p, k + "nodeId"),
                    integer(p, k + "heapMb"), Path.of(p.getProperty(k + "dir"))));
        }
        Map<String, String> namespaces = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(NETNS)) {
                namespaces.put(key.substring(NETNS.length()), p.getProperty(key));
            }
        }
        return new DataTierSpec(p.getProperty("cluster.name"), nodes, brokers, runDir, namespaces,
                Boolean.parseBoolean(p.getProperty(SEPARATE_USERS, "false")));
    }

    static Map<String, Long> pids(Properties p) {
        Map<String, Long> pids = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("pid.")) {
                pids.put(key.substring(4), Long.parseLong(p.getProperty(key)));
            }
        }
        return pids;
    }

    static boolean cassandraSecured(Properties p) {
        return Boolean.parseBoolean(p.getProperty(CASSANDRA_SECURED, "false"));
    }

    private static int integer(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("tier state lacks " + key);
        }
        return Integer.parseInt(v);
    }
}
