package dev.citadel.cli.topology;

/**
 * The two-region topology the planning tests share: region1 at 127.0.1.x (its Cassandra data centre named dc1),
 * region2 at 127.0.2.x, every other setting the default.
 */
public final class TwoRegions {

    public static final String YAML = """
            regions:
              - name: region1
                cassandra: {address: 127.0.1.10, dataCenter: dc1}
                kafka: {address: 127.0.1.20}
              - name: region2
                cassandra: {address: 127.0.2.10}
                kafka: {address: 127.0.2.20}
            """;
    public static final Topology TOPOLOGY = TopologyLoader.parse("t.yaml", YAML);

    private TwoRegions() {}
}
