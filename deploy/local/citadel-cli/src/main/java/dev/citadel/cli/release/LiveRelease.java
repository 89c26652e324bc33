package dev.citadel.cli.release;

import dev.citadel.cli.chaos.ChaosTls;
import dev.citadel.cli.provision.StampPki;
import dev.citadel.cli.provision.StampProvisioner;
import dev.citadel.cli.services.ClassDataSharing;
import dev.citadel.cli.services.ServiceJava;
import dev.citadel.cli.services.EdgeConfig;
import dev.citadel.cli.services.EgressFirewallConfig;
import dev.citadel.cli.services.JarSnapshot;
import dev.citadel.cli.services.JsonFiles;
import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.ProcessIdentities;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceSpec;
import dev.citadel.cli.services.ServicesState;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.pki.SecretDirectory;
import dev.citadel.platform.pki.SecureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release carried out on this machine: the new unit's services join the running supervisor's plan, its stamps
 * join the edge through the admin API (cloned beside the old unit's origins), weights move through the admin API, the
 * gate reads the edge's {@code /metrics} and the new stamps' health models, and a unit is retired by taking its
 * origins out of the edge, then its services out of the plan (the supervisor SIGTERMs them: Spring's graceful
 * shutdown lets requests in flight finish and the processor's consumer commit). Both units of a region share its
 * Cassandra data centre; each has its own Kafka broker ({@link UnitBrokers}), which goes only after its processor has
 * consumed what the unit's catalog-api wrote to it.
 */
public final class LiveRelease implements ReleaseRun.Actions {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long a new unit's service may take to stop, beyond the supervisor's own grace. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);
    /** How long a leaving unit's processor may take to finish its broker's topic once nothing produces to it. */
    private static final Duration KAFKA_DRAIN_WAIT = Duration.ofSeconds(60);
    /**
     * How long the smoke test lets the new stamp's health model judge a warm unit before it asks it. The smoke test's
     * comment is the new processor's first record, and a cold JVM's first record (its first Cassandra session and
     * write) takes seconds: one such sample keeps the processor's mean enqueue-to-stored latency red for the health
     * model's whole window (1 min by default); asked sooner, the model is either red for it or has not scraped it
     * yet (then the gate at the first step sees it red, as measured). The window plus one evaluation round and slack.
     */
    private static final Duration COLD_START_AGEING = Duration.ofSeconds(75);
    /** How long a new stamp's health model then has to say green. */
    private static final Duration HEALTH_WAIT = Duration.ofSeconds(60);

    private final Topology topology;
    private final RunLayout layout;
    private final ReleaseUnit oldUnit;
    private final ReleaseUnit newUnit;
    private final Duration drain;
    private final PrintWriter out;
    private final HttpClient admin;
    private final HttpClient stamps;
    private final URI edgeAdmin;
    private final UnitBrokers brokers;
    private List<String> newServices = List.of();

    public LiveRelease(Topology topology, RunLayout layout, ReleaseUnit oldUnit, Duration drain, PrintWriter out) {
        this.topology = topology;
        this.layout = layout;
        this.oldUnit = oldUnit;
        this.newUnit = oldUnit.other();
        this.drain = drain;
        this.out = out;
        this.admin = HttpClient.newBuilder().sslContext(OperatorTls.context(layout))
                .connectTimeout(Duration.ofSeconds(3)).build();
        this.stamps = HttpClient.newBuilder().sslContext(ChaosTls.edgeClient(layout))
                .connectTimeout(Duration.ofSeconds(3)).build();
        var edge = topology.edge();
        this.edgeAdmin = URI.create("https://" + edge.address() + ":" + edge.managementPort());
        this.brokers = new UnitBrokers(topology, layout, this::say);
    }

    public ReleaseUnit newUnit() {
        return newUnit;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    // ---- preparing and starting the new unit ------------------------------------------------------------------

    /**
     * Copies the new version's jars, gives every stamp service a certificate for both units' addresses (the running
     * ones reload it online), writes the new unit's egress configuration and adds its services to the plan.
     */
    public void start(Path from, Integer faultAfter, ProcessIdentities identities) {
        Path jars = JarSnapshot.copy(from, layout, newUnit.jarsDirectory());
        ServiceJava serviceJava = ServiceJava.current();
        ClassDataSharing.prepare(jars, serviceJava.executable(), component -> identities.prefixOf(topology, component));
        say("jars of the new version copied into " + jars);
        StampPki pki = StampPki.loadOrCreate(layout, topology.clusterName());
        Topology placed = newUnit.place(topology);
        for (Region region : topology.regions()) {
            for (ServiceKind kind : List.of(ServiceKind.EGRESS_FIREWALL, ServiceKind.CATALOG_API,
                    ServiceKind.BACKGROUND_PROCESSOR, ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI)) {
                String address = node(topology, kind, region.name()).address();
                pki.reissueService(kind, region.name(), ReleaseUnit.B.certificateAddresses(address));
            }
            Path egress = newUnit.egressConfig(layout, region.name());
            Path original = layout.egressConfig(region.name());
            SecureFiles.write(egress, EgressFirewallConfig.render(placed, layout, region.name()));
            keepOwner(original, egress);
        }
        say("service certificates reissued for both units' addresses");
        brokers.start(newUnit);
        ServicePlan built = ServicePlan.of(placed, layout, jars, serviceJava, Files::isRegularFile,
                (kind, region) -> dev.citadel.platform.engines.process.LaunchPrefix.NONE, identities);
        List<ServiceSpec> specs = new ArrayList<>();
        for (ServiceSpec s : newUnit.services(built, layout)) {
            if (faultAfter != null && s.kind() == ServiceKind.CATALOG_API) {
                List<String> argv = new ArrayList<>(s.argv());
                argv.add("--citadel.catalog-api.fault.fail-after-requests=" + faultAfter);
                s = new ServiceSpec(s.name(), s.region(), s.kind(), s.displayAddress(), argv, s.environment(),
                        s.workDir(), s.logFile(), s.readinessUrl());
            }
            specs.add(s);
        }
        identities.apply(specs, layout);
        newServices = specs.stream().map(ServiceSpec::name).toList();
        ServicePlan current = plan();
        Set<String> running = current.services().stream().map(ServiceSpec::name).collect(Collectors.toSet());
        List<ServiceSpec> next = new ArrayList<>(current.services());
        specs.stream().filter(s -> !running.contains(s.name())).forEach(next::add);
        JsonFiles.write(layout.servicesPlan(), new ServicePlan(next, current.skipped()));
        say("unit " + newUnit.label() + " starting: " + String.join(", ", newServices));
    }

    /** Empty when every service of the new unit is ready in time; else what was not. */
    public List<String> awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long t0 = System.nanoTime();
        while (true) {
            Map<String, String> states = new LinkedHashMap<>();
            SupervisorProcess.state(layout).ifPresent(s -> s.services().forEach(svc -> states.put(svc.name(),
                    svc.state())));
            List<String> pending = newServices.stream()
                    .filter(n -> !ServicesState.READY.equals(states.get(n))).toList();
            if (pending.isEmpty()) {
                say("unit " + newUnit.label() + " ready after " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
                return List.of();
            }
            if (System.nanoTime() > deadline) {
                return pending.stream().map(n -> n + " not ready after " + timeout.toSeconds() + " s ("
                        + states.getOrDefault(n, "not started") + "; see `citadel logs " + n + "`)").toList();
            }
            Thread.sleep(1000);
        }
    }

    /** The new unit's stamps beside the old unit's in every origin group, at weight 0. */
    public void addOrigins() throws InterruptedException {
        Topology placed = newUnit.place(topology);
        for (EdgeConfig.Group group : EdgeConfig.groups()) {
            for (Region region : topology.regions()) {
                ServiceNode node = node(placed, group.kind(), region.name());
                ServiceNode health = placed.stamp(region.name()).healthService();
                String base = group.name() + "-" + region.name();
                String uri = "/origins/" + newUnit.name(base) + "/clone?from=" + oldUnit.name(base) + "&host="
                        + node.address() + "&port=" + node.port() + "&probeHost=" + health.address() + "&probePort="
                        + health.port() + "&weight=0";
                HttpResponse<String> r = adminCall("POST", uri);
                if (r.statusCode() != 201 && r.statusCode() != 409) {
                    throw new IllegalStateException("the edge refused to add " + newUnit.name(base) + ": "
                            + r.statusCode() + " " + r.body());
                }
            }
        }
        // Two probe rounds, so a new origin's health is its own before it gets any weight.
        Thread.sleep(1500);
        say("unit " + newUnit.label() + " added to the edge at weight 0: " + newUnit.origins(topology));
    }

    // ---- the gate's world ---------------------------------------------------------------------------------------

    /**
     * Every new stamp's requests first, then one ageing wait for all of them (the stamps' health models age their
     * windows side by side), then each model must say green.
     */
    @Override
    public List<String> smokeTest() {
        List<String> failures = new ArrayList<>();
        Topology placed = newUnit.place(topology);
        try {
            for (Region region : topology.regions()) {
                try {
                    requests(placed, region.name()).forEach(f -> failures.add(region.name() + ": " + f));
                } catch (IOException e) {
                    failures.add(region.name() + ": " + e.getMessage());
                }
            }
            if (failures.isEmpty()) {
                failures.addAll(healthAfterAgeing(placed));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        }
        return failures;
    }

    /**
     * The id the edge itself sends this stamp: the stamp's own file may list two during an edge-id rotation, the
     * edge's copy names the one in use.
     */
    private String edgeId(String region) {
        Path file = layout.edgeIdFile(region);
        return SecretDirectory.open(file.getParent()).read(file.getFileName().toString()).orElseThrow().reveal();
    }

    /** List, get, a stored image, a comment posted and read back: straight to the new stamp's catalog-api. */
    private List<String> requests(Topology placed, String region) throws IOException, InterruptedException {
        ServiceNode api = placed.stamp(region).catalogApi();
        String base = "https://" + api.address() + ":" + api.port();
        String edgeId = edgeId(region);
        String apiKey = SecretDirectory.open(layout.tierSecrets()).read(StampProvisioner.RELEASE_API_KEY)
                .orElseThrow().reveal();
        List<String> failures = new ArrayList<>();
        HttpResponse<String> list = stamp("GET", base + "/api/1.0/catalogitem?limit=20", edgeId, apiKey, null);
        if (list.statusCode() != 200) {
            return List.of("list answered " + list.statusCode());
        }
        JsonNode items = JSON.readTree(list.body());
        if (!items.isArray() || items.isEmpty()) {
            return List.of("list is empty");
        }
        String id = items.get(0).get("id").asString();
        HttpResponse<String> get = stamp("GET", base + "/api/1.0/catalogitem/" + id, edgeId, apiKey, null);
        if (get.statusCode() != 200) {
            failures.add("get answered " + get.statusCode());
        }
        String image = null;
        for (JsonNode item : items) {
            JsonNode url = item.get("imageUrl");
            // Stored images are served by the stamps at /images/{id}; the item names them by their public URL.
            String path = url == null || !url.isString() ? null : imagePath(url.asString());
            if (path != null) {
                image = path;
                break;
            }
        }
        if (image == null) {
            failures.add("no item of the first page has a stored image to fetch");
        } else {
            HttpResponse<byte[]> img = stamps.send(request("GET", base + image, edgeId, apiKey, null).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (img.statusCode() != 200 || img.body().length == 0) {
                failures.add("image " + image + " answered " + img.statusCode() + " with " + img.body().length
                        + " bytes");
            }
        }
        String text = "release smoke test " + UUID.randomUUID();
        HttpResponse<String> post = stamp("POST", base + "/api/1.0/catalogitem/" + id + "/comments", edgeId, apiKey,
                "{\"authorName\":\"citadel release\",\"text\":\"" + text + "\"}");
        if (post.statusCode() != 202) {
            failures.add("comment answered " + post.statusCode());
        } else {
            String commentId = JSON.readTree(post.body()).get("id").asString();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                Thread.sleep(500);
                HttpResponse<String> back = stamp("GET", base + "/api/1.0/catalogitem/" + id + "/comments/"
                        + commentId, edgeId, apiKey, null);
                seen = back.statusCode() == 200 && back.body().contains(text);
            }
            if (!seen) {
                failures.add("comment " + commentId + " not readable within 30 s (processor or Kafka)");
            }
        }
        return failures;
    }

    /** After {@link #COLD_START_AGEING}, each new stamp's health model has {@link #HEALTH_WAIT} to say green. */
    private List<String> healthAfterAgeing(Topology placed) throws InterruptedException {
        say("requests passed on every new stamp; letting the new processors' cold first records leave the health"
                + " models' window (" + COLD_START_AGEING.toSeconds() + " s)");
        Thread.sleep(COLD_START_AGEING.toMillis());
        long deadline = System.nanoTime() + HEALTH_WAIT.toNanos();
        Map<String, String> health = new LinkedHashMap<>();
        while (true) {
            for (Region region : topology.regions()) {
                if (!"green".equals(health.get(region.name()))) {
                    health.put(region.name(), healthOf(placed, region.name()));
                }
            }
            if (health.values().stream().allMatch("green"::equals) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        List<String> failures = new ArrayList<>();
        health.forEach((region, h) -> {
            if (!"green".equals(h)) {
                failures.add(region + ": health model not green within " + HEALTH_WAIT.toSeconds() + " s: " + h);
            }
        });
        return failures;
    }

    static String imagePath(String imageUrl) {
        try {
            String path = URI.create(imageUrl).getPath();
            return path != null && path.startsWith("/images/") ? path : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private HttpResponse<String> stamp(String method, String url, String edgeId, String apiKey, String body)
            throws IOException, InterruptedException {
        return stamps.send(request(method, url, edgeId, apiKey, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String url, String edgeId, String apiKey, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-Edge-Id", edgeId).header("X-API-KEY", apiKey)
                // Smoke-test data expires on its own (catalog-api's test-data TTL).
                .header("X-TEST-DATA", "true");
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private String healthOf(Topology placed, String region) {
        ServiceNode health = placed.stamp(region).healthService();
        try {
            String edgeId = edgeId(region);
            HttpResponse<String> r = stamps.send(HttpRequest.newBuilder(URI.create("https://" + health.address() + ":"
                    + health.port() + "/health/stamp")).timeout(Duration.ofSeconds(5)).header("X-Edge-Id", edgeId)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return "green";
            }
            return "HTTP " + r.statusCode() + r.headers().firstValue("X-Citadel-Verdict").map(v -> " " + v).orElse("")
                    + failingChecks(r.body());
        } catch (IOException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The checks of a {@code /health/stamp} body that are not UP, with their details ({@code health-score DOWN:
     * stamp red, …; red: background-processor (enqueue-to-stored-ms=8250.0)}): what an operator needs to know why a
     * release stopped. Empty when the body says nothing readable.
     */
    static String failingChecks(String body) {
        try {
            JsonNode checks = JSON.readTree(body).get("checks");
            if (checks == null || !checks.isArray()) {
                return "";
            }
            List<String> failing = new ArrayList<>();
            for (JsonNode c : checks) {
                String status = c.path("status").asString("");
                if (!"UP".equals(status)) {
                    failing.add(c.path("name").asString("?") + " " + status + ": " + c.path("detail").asString(""));
                }
            }
            return failing.isEmpty() ? "" : " (" + String.join("; ", failing) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public Map<String, String> newUnitHealth() {
        Topology placed = newUnit.place(topology);
        Map<String, String> health = new LinkedHashMap<>();
        topology.regions().forEach(r -> health.put(newUnit.name(r.name()), healthOf(placed, r.name())));
        return health;
    }

    @Override
    public void setWeights(int percentToNewUnit) {
        ReleaseSteps.Weights w = ReleaseSteps.weights(percentToNewUnit);
        // Raise before lowering: the group never has all its weight at 0 in between.
        List<String[]> order = new ArrayList<>();
        for (EdgeConfig.Group group : EdgeConfig.groups()) {
            for (Region region : topology.regions()) {
                String base = group.name() + "-" + region.name();
                order.add(new String[] {newUnit.name(base), String.valueOf(w.newUnit())});
                order.add(new String[] {oldUnit.name(base), String.valueOf(w.oldUnit())});
            }
        }
        order.sort((a, b) -> Integer.compare(Integer.parseInt(b[1]), Integer.parseInt(a[1])));
        for (String[] o : order) {
            HttpResponse<String> r = adminCall("POST", "/origins/" + o[0] + "/weight?value=" + o[1]);
            if (r.statusCode() == 404 && percentToNewUnit == 0 && o[0].equals(newUnitName(o[0]))) {
                // Rolling back a release that died before its unit joined the edge: nothing to take away.
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the edge refused weight " + o[1] + " for " + o[0] + ": "
                        + r.statusCode() + " " + r.body());
            }
        }
    }

    /** {@code name} if it is one of the new unit's origins, else null. */
    private String newUnitName(String name) {
        return newUnit.origins(topology).contains(name) ? name : null;
    }

    @Override
    public Map<String, OriginStats> scrape() {
        HttpResponse<String> r = adminCall("GET", "/metrics");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the edge's /metrics answered " + r.statusCode());
        }
        return OriginStats.parse(r.body());
    }

    @Override
    public void soak(Duration window) throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end && !rollbackRequested()) {
            Thread.sleep(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    @Override
    public boolean rollbackRequested() {
        return Files.exists(layout.runDir().resolve(ReleaseState.ROLLBACK_MARKER));
    }

    // ---- retiring a unit ------------------------------------------------------------------------------------------

    @Override
    public String destroyNewUnit() {
        return retire(newUnit, newServices.isEmpty() ? servicesOf(newUnit) : newServices);
    }

    @Override
    public String drainAndDestroyOldUnit() {
        String retired = retire(oldUnit, servicesOf(oldUnit));
        // A restarted edge must find the unit that serves now under the names it has at run time.
        Path config = layout.edgeConfig();
        Path tmp = config.resolveSibling("edge.yaml.next");
        SecureFiles.write(tmp, EdgeConfig.render(newUnit.place(topology), layout, newUnit.suffix()));
        keepOwner(config, tmp);
        try {
            Files.move(tmp, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot replace " + config, e);
        }
        say("edge configuration now names unit " + newUnit.label() + "'s origins");
        return retired;
    }

    /** The stamp services of {@code unit} in the current plan. */
    private List<String> servicesOf(ReleaseUnit unit) {
        Set<String> names = new java.util.HashSet<>();
        for (Region region : topology.regions()) {
            for (ServiceKind kind : List.of(ServiceKind.EGRESS_FIREWALL, ServiceKind.CATALOG_API,
                    ServiceKind.BACKGROUND_PROCESSOR, ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI)) {
                names.add(unit.name(kind.component(region.name())));
            }
        }
        return plan().services().stream().map(ServiceSpec::name).filter(names::contains).toList();
    }

    /**
     * Its weights are 0 already: waits {@code drain} for requests in flight and takes its origins out of the edge.
     * Then, so that no comment it accepted is lost with its broker: every service but the processors leaves (no more
     * producers), the processors finish their broker's topic (bounded by {@link #KAFKA_DRAIN_WAIT}), leave, and the
     * brokers go. Returns what the drain found, for the timeline.
     */
    private String retire(ReleaseUnit unit, List<String> services) {
        try {
            Thread.sleep(drain.toMillis());
            for (String origin : unit.origins(topology)) {
                HttpResponse<String> r = adminCall("DELETE", "/origins/" + origin);
                if (r.statusCode() != 200 && r.statusCode() != 404) {
                    throw new IllegalStateException("the edge refused to remove " + origin + ": " + r.statusCode()
                            + " " + r.body());
                }
            }
            Set<String> processors = topology.regions().stream()
                    .map(r -> unit.name(ServiceKind.BACKGROUND_PROCESSOR.component(r.name())))
                    .collect(Collectors.toSet());
            leave(unit, services.stream().filter(s -> !processors.contains(s)).toList());
            List<String> drained = brokers.awaitDrained(unit, KAFKA_DRAIN_WAIT);
            drained.forEach(this::say);
            leave(unit, services.stream().filter(processors::contains).toList());
            brokers.remove(unit);
            say("unit " + unit.label() + " stopped");
            return String.join("; ", drained);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retiring unit " + unit.label(), e);
        }
    }

    /** Takes {@code services} out of the plan and waits until each process is gone. */
    private void leave(ReleaseUnit unit, List<String> services) throws InterruptedException {
        if (services.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        Map<String, Long> pids = new LinkedHashMap<>();
        SupervisorProcess.state(layout).ifPresent(s -> s.services().stream()
                .filter(svc -> services.contains(svc.name())).forEach(svc -> pids.put(svc.name(), svc.pid())));
        ServicePlan current = plan();
        JsonFiles.write(layout.servicesPlan(), new ServicePlan(current.services().stream()
                .filter(s -> !services.contains(s.name())).toList(), current.skipped()));
        say("unit " + unit.label() + " leaving: " + String.join(", ", services));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (var e : pids.entrySet()) {
            while (e.getValue() > 0 && EngineProcess.isEngine(e.getValue(), e.getKey())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(e.getKey() + " (pid " + e.getValue() + ") still runs "
                            + STOP_WAIT.toSeconds() + " s after it left the plan");
                }
                Thread.sleep(200);
            }
        }
        say(String.format(java.util.Locale.ROOT, "%s stopped in %.1f s", String.join(", ", services),
                (System.nanoTime() - t0) / 1e9));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private ServicePlan plan() {
        return JsonFiles.read(layout.servicesPlan(), ServicePlan.class).orElseThrow(
                () -> new IllegalStateException("no " + layout.servicesPlan() + "; run `citadel up`"));
    }

    private HttpResponse<String> adminCall(String method, String pathAndQuery) {
        try {
            return admin.send(HttpRequest.newBuilder(edgeAdmin.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the edge's admin API at " + edgeAdmin + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ServiceNode node(Topology topology, ServiceKind kind, String region) {
        return ServiceCommandLines.node(kind, topology.stamp(region));
    }

    /** A file root writes for a component (running under its own account) stays readable by it. */
    private static void keepOwner(Path like, Path file) {
        try {
            if (Files.exists(like) && !Files.getOwner(file).equals(Files.getOwner(like))) {
                Files.setOwner(file, Files.getOwner(like));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot give " + file + " the owner of " + like, e);
        }
    }
}
