package dev.citadel.cli;

import dev.citadel.cli.k8s.K8sManifests;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code citadel render k8s}: the Kustomize directories of a topology ({@code global/} and one per region), so the
 * cluster runs what the topology file says. Pure output: nothing is applied to any cluster.
 */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = {"Writes Kubernetes manifests for the topology: DIR/global (edge, management namespace, Cassandra "
                + "cluster, PKI) and DIR/<region> per region (stamp namespace: services, Kafka, certificates, "
                + "NetworkPolicies). Apply each with `kubectl apply -k`; see deploy/k8s/README.md.",
                "Exit 13 if the topology is invalid, 2 for an unknown region."})
public final class RenderK8sCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE",
            defaultValue = "${env:CITADEL_HOME:-.}/deploy/local/topology.yaml",
            description = "Topology file (default: ${DEFAULT-VALUE}).")
    Path topologyFile;

    @Option(names = "--region", paramLabel = "R",
            description = "Only this region's directory (and global/); repeatable. Default: every region.")
    List<String> regions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "${env:CITADEL_HOME:-.}/deploy/k8s",
            description = "Where the directories are written (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--image-prefix", paramLabel = "PREFIX", defaultValue = "citadel/",
            description = "Registry and path before each image name (default: ${DEFAULT-VALUE}).")
    String imagePrefix;

    @Option(names = "--image-tag", paramLabel = "TAG", defaultValue = "0.1.0",
            description = "Tag of every image (default: ${DEFAULT-VALUE}).")
    String imageTag;

    @Override
    public Integer call() {
        Topology topology = TopologyLoader.load(topologyFile.toAbsolutePath().normalize());
        List<String> known = topology.regions().stream().map(Topology.Region::name).toList();
        List<String> wanted = regions == null || regions.isEmpty() ? known : regions;
        for (String r : wanted) {
            if (!known.contains(r)) {
                throw new ExitException(ExitCode.USAGE, "no region '" + r + "' in " + topologyFile + " (regions: "
                        + String.join(", ", known) + ")");
            }
        }
        K8sManifests manifests = new K8sManifests(topology, new K8sManifests.Images(imagePrefix, imageTag));
        Map<String, String> files = new TreeMap<>(manifests.global());
        wanted.forEach(r -> files.putAll(manifests.region(r)));
        PrintWriter console = spec.commandLine().getOut();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = out.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
                console.println("wrote " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifests under " + out, e);
        }
        console.flush();
        return ExitCode.OK;
    }
}
