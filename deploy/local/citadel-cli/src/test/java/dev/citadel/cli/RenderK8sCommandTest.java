package dev.citadel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderK8sCommandTest {

    static final Path TOPOLOGY = Path.of("..", "topology.yaml").toAbsolutePath().normalize();

    @TempDir
    Path out;

    private int run(StringWriter stdout, StringWriter stderr, String... args) {
        CommandLine cli = CitadelCommand.commandLine(CommandLine.defaultFactory());
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        return cli.execute(args);
    }

    @Test
    void writesTheGlobalDirectoryAndTheChosenRegionOnly() throws Exception {
        StringWriter stdout = new StringWriter();
        int code = run(stdout, new StringWriter(), "render", "k8s", "--topology", TOPOLOGY.toString(),
                "--region", "region2", "--out", out.toString(), "--image-prefix", "registry.example/citadel/",
                "--image-tag", "1.2.3");
        assertThat(code).isZero();
        assertThat(out.resolve("global/kustomization.yaml")).exists();
        assertThat(out.resolve("region2/kustomization.yaml")).exists();
        assertThat(out.resolve("region1")).doesNotExist();
        String services = Files.readString(out.resolve("region2/services.yaml"));
        assertThat(services).contains("image: registry.example/citadel/catalog-api:1.2.3")
                .contains("namespace: citadel-region2").doesNotContain("citadel-region1");
        assertThat(Files.readString(out.resolve("region2/network-policies.yaml")))
                .contains("cassandra.datastax.com/datacenter: dc2");
        assertThat(stdout.toString()).contains("wrote " + out.resolve("region2/kafka.yaml"));
    }

    @Test
    void theRenderedTopologyFollowsTheTopologyFile() throws Exception {
        Path topology = Files.writeString(out.resolve("topology.yaml"), """
                clusterName: other
                regions:
                  - name: west
                    cassandra: {dataCenter: dcw, address: 127.0.9.10}
                    kafka: {address: 127.0.9.20, port: 9193}
                """);
        int code = run(new StringWriter(), new StringWriter(), "render", "k8s", "--topology", topology.toString(),
                "--out", out.resolve("m").toString());
        assertThat(code).isZero();
        assertThat(Files.readString(out.resolve("m/west/kafka.yaml"))).contains("port: 9193");
        assertThat(Files.readString(out.resolve("m/global/cassandra.yaml"))).contains("name: dcw")
                .contains("k8sContext: west");
        assertThat(Files.readString(out.resolve("m/global/pki.yaml"))).contains("commonName: other CA");
    }

    @Test
    void anUnknownRegionIsAUsageError() {
        StringWriter stderr = new StringWriter();
        int code = run(new StringWriter(), stderr, "render", "k8s", "--topology", TOPOLOGY.toString(),
                "--region", "mars", "--out", out.toString());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr.toString()).contains("no region 'mars'");
        assertThat(out.resolve("global")).doesNotExist();
    }
}
