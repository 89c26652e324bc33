package dev.citadel.catalogbench;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.EventHeaders;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;

/**
 * The catalog workload's benchmarks: starts a real data tier, migrates the schema, runs catalog-api and
 * background-processor as child JVMs (their built jars) and measures each path next to its raw-client peer in
 * the same run, then prints one table. Everything it starts is stopped at the end, also on failure.
 */
public final class BenchMain {

    static final String KEYSPACE = "citadel_catalog";
    static final String TOPIC = "catalog-events";
    static final String DLQ = "catalog-events-dlq";
    static final String RAW_TOPIC = "bench-raw-events";
    static final String GROUP = "background-processor";
    static final String API_ROLE = "catalog_api";
    static final String PROCESSOR_ROLE = "background_processor";
    static final String API_KEY = "bench-key";
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final Options o;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final EventCodec codec = new EventCodec();
    private final String text;
    private final long started = System.nanoTime();

    private BenchMain(Options o) {
        this.o = o;
        this.text = "bench comment ".repeat(o.textChars / 14 + 1).substring(0, o.textChars);
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        BenchMain bench = new BenchMain(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::closeAll, "bench-cleanup"));
        // Hard bound on the whole run: exiting runs the hooks, which stop the children and the engines.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(options.maxMinutes).toMillis());
                System.err.println("catalog-bench: over " + options.maxMinutes + " min, giving up");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int code = 0;
        try {
            bench.run();
        } catch (Throwable t) {
            System.err.println("catalog-bench FAILED: " + t);
            t.printStackTrace();
            code = 1;
        } finally {
            bench.closeAll();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        Path work = o.root.resolve("stamp/catalog-bench/target/bench-run");
        Files.createDirectories(work);
        Path apiJar = o.apiJar != null ? o.apiJar : o.root.resolve("stamp/catalog-api/target/catalog-api.jar");
        Path processorJar = o.processorJar != null ? o.processorJar
                : o.root.resolve("stamp/background-processor/target/background-processor.jar");
        Table table = new Table();
        log("load average at start: " + loadAverage());

        log("starting the data tier (Cassandra dc1+dc2, Kafka) ...");
        TestEngines engines = SharedEngines.get();
        CassandraAccess cassandra = engines.cassandra();
        KafkaAccess kafka = engines.kafka();
        log("data tier up");

        CqlSession admin = closing(engines.newCqlSession("dc1"));
        retrying(() -> new SchemaMigrator(admin, KEYSPACE, Map.of("dc1", 1, "dc2", 1), Migrations.ALL,
                Duration.ofSeconds(30)).migrate());
        engines.awaitSchemaAgreement(admin);
        Secret apiCassandraPw = retrying(() -> engines.createCassandraRole(API_ROLE, KEYSPACE, "SELECT", "MODIFY"));
        Secret procCassandraPw = retrying(() -> engines.createCassandraRole(PROCESSOR_ROLE, KEYSPACE, "SELECT",
                "MODIFY"));
        log("schema migrated, roles created");

        kafka.createTopic(TOPIC, 3);
        kafka.createTopic(DLQ, 1);
        kafka.createTopic(RAW_TOPIC, 3);
        Secret apiKafkaPw = kafka.createUser("catalog-api");
        kafka.grantProduce("catalog-api", TOPIC);
        Secret procKafkaPw = kafka.createUser("background-processor");
        kafka.grantConsume("background-processor", TOPIC, GROUP);
        kafka.grantProduce("background-processor", DLQ);
        Secret rawKafkaPw = kafka.createUser("bench-raw");
        kafka.grantProduce("bench-raw", RAW_TOPIC);

        UUID itemId = UUID.randomUUID();
        CatalogStore adminStore = new CatalogStore(admin, KEYSPACE, Duration.ofSeconds(20));
        retrying(() -> {
            adminStore.upsertItem(new CatalogItem(itemId, "Bench item", "An item read by the benchmark",
                    "https://images.example.com/bench.png", new BigDecimal("9.99"), Instant.now(), RatingSummary.NONE));
            return null;
        });

        String cassandraPoints = cassandra.contactPoints("dc1").stream().map(BenchMain::hostPort)
                .collect(Collectors.joining(","));
        ChildService api = closing(startApi(apiJar, work, cassandra, kafka, cassandraPoints, apiCassandraPw,
                apiKafkaPw));
        api.awaitReady(http, Duration.ofMinutes(5));
        log("catalog-api ready on port " + api.port);
        String base = "http://127.0.0.1:" + api.port + "/api/1.0/catalogitem/" + itemId;

        String body = "{\"authorName\":\"bench\",\"text\":\"" + text + "\"}";
        if (o.steps.contains(1)) {
            getItem(table, engines, api, base, itemId, apiCassandraPw);
        }
        if (o.steps.contains(2)) {
            postComment(table, kafka, api, base, itemId, body, rawKafkaPw);
        }
        ChildService processor = null;
        if (o.steps.contains(3)) {
            processor = drainBacklog(table, engines, kafka, cassandra, processorJar, work, cassandraPoints,
                    procCassandraPw, procKafkaPw, admin);
        }
        if (o.steps.contains(4)) {
            if (processor == null) {
                processor = closing(startProcessor(processorJar, work, cassandra, kafka, cassandraPoints,
                        procCassandraPw, procKafkaPw));
            }
            processor.awaitReady(http, Duration.ofMinutes(5));
            log("4. 202 -> readable at " + o.rate + "/s ...");
            Map<Double, Double> bucketsBefore = enqueueToStoredBuckets(processor);
            Result visible = acceptedToReadable(base, body);
            String load4 = loadAverage();
            table.add("4", visible, null, load4);
            table.add("4a", StoredHistogram.diff("diag: processor acceptedAt -> stored (histogram)", bucketsBefore,
                    enqueueToStoredBuckets(processor)), null, load4);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "catalog-bench results (steps %s, concurrency %d, warm-up %ds, measured %ds, "
                + "backlog %d, processor in-flight %d, rate %d/s, %d cores)%n", o.steps, o.concurrency,
                o.warmup.toSeconds(), o.measure.toSeconds(), o.backlog, o.inFlight, o.rate,
                Runtime.getRuntime().availableProcessors());
        System.out.print(table.render());
        System.out.println("load average at end: " + loadAverage() + "; total "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        Files.writeString(work.resolve("results.txt"), table.render());
    }

    private void getItem(Table table, TestEngines engines, ChildService api, String base, UUID itemId,
            Secret apiCassandraPw) throws Exception {
        // ---- 1. GET item vs raw point read ----
        HttpRequest get = HttpRequest.newBuilder(URI.create(base)).timeout(CLIENT_TIMEOUT).GET().build();
        log("1. GET item via catalog-api ...");
        Result apiGet = ClosedLoop.run("GET /catalogitem/{id} (catalog-api)", o.concurrency, o.warmup, o.measure,
                () -> http.send(get, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200);
        String load1a = loadAverage();
        CqlSession apiSession = closing(engines.newCqlSession("dc1", API_ROLE, apiCassandraPw));
        PreparedStatement pointRead = apiSession.prepare("SELECT * FROM " + KEYSPACE + ".items WHERE id = ?");
        log("1. raw driver point read ...");
        Result rawGet = ClosedLoop.run("raw driver SELECT items (LOCAL_QUORUM)", o.concurrency, o.warmup,
                o.measure, () -> apiSession.execute(pointRead.bind(itemId)
                        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(CLIENT_TIMEOUT)).one() != null);
        String load1b = loadAverage();
        // Diagnostics, to split the gap: the API's own two reads at the driver level, and the HTTP floor.
        PreparedStatement itemRead = apiSession.prepare("SELECT id, name, description, image_url, price, "
                + "last_updated FROM " + KEYSPACE + ".items WHERE id = ?");
        PreparedStatement summaryRead = apiSession.prepare("SELECT votes, total FROM " + KEYSPACE
                + ".rating_summary_by_item WHERE item_id = ?");
        log("1a. raw driver item + rating summary row ...");
        // What an uncached GET item sends: both point reads at once, waiting for the two answers.
        Result rawBoth = ClosedLoop.run("diag: raw item + summary row reads", o.concurrency, o.warmup,
                o.measure, () -> {
                    var item = apiSession.executeAsync(itemRead.bind(itemId)
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(CLIENT_TIMEOUT));
                    var summary = apiSession.executeAsync(summaryRead.bind(itemId)
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(CLIENT_TIMEOUT));
                    boolean found = item.toCompletableFuture().get().one() != null;
                    summary.toCompletableFuture().get(); // the bench item has no votes: no row
                    return found;
                });
        String load1c = loadAverage();
        HttpRequest liveness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port
                + "/actuator/health/liveness")).timeout(CLIENT_TIMEOUT).GET().build();
        log("1b. HTTP floor (GET liveness) ...");
        Result floor = ClosedLoop.run("diag: GET /actuator/health/liveness", o.concurrency, o.warmup, o.measure,
                () -> http.send(liveness, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200);
        table.add("1", apiGet, rawGet, load1a);
        table.add("1", rawGet, null, load1b);
        table.add("1a", rawBoth, rawGet, load1c);
        table.add("1b", floor, apiGet, loadAverage());
    }

    private void postComment(Table table, KafkaAccess kafka, ChildService api, String base, UUID itemId, String body,
            Secret rawKafkaPw) throws Exception {
        // ---- 2. POST comment (202) vs raw producer ----
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/comments")).timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        log("2. POST comment via catalog-api ...");
        Result apiPost = ClosedLoop.run("POST comment -> 202 (catalog-api)", o.concurrency, o.warmup, o.measure,
                () -> http.send(post, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 202);
        String load2a = loadAverage();
        KafkaProducer<byte[], byte[]> rawProducer = closing(new KafkaProducer<>(
                producerProperties(kafka.clientProperties("bench-raw", rawKafkaPw)), new ByteArraySerializer(),
                new ByteArraySerializer()));
        int[] payloadSize = new int[1];
        log("2. raw KafkaProducer ...");
        Result rawPost = ClosedLoop.run("raw KafkaProducer send+ack (acks=all,idem)", o.concurrency, o.warmup,
                o.measure, () -> {
                    ProducerRecord<byte[], byte[]> record = commentRecord(RAW_TOPIC, itemId);
                    payloadSize[0] = record.value().length;
                    rawProducer.send(record).get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return true;
                });
        table.add("2", apiPost, rawPost, load2a);
        table.add("2", new Result(rawPost.name(), rawPost.ok(), rawPost.errors(), rawPost.seconds(),
                rawPost.sortedLatenciesNanos(), rawPost.note() + ", value " + payloadSize[0] + " B"), null,
                loadAverage());
    }

    private ChildService drainBacklog(Table table, TestEngines engines, KafkaAccess kafka, CassandraAccess cassandra,
            Path processorJar, Path work, String cassandraPoints, Secret procCassandraPw, Secret procKafkaPw,
            CqlSession admin) throws Exception {
        // ---- 3. processor drain of a backlog vs raw writes ----
        List<UUID> backlogItems = new ArrayList<>();
        for (int i = 0; i < o.backlogItems; i++) {
            backlogItems.add(UUID.randomUUID());
        }
        prefillBacklog(kafka, backlogItems);
        log("3. backlog of " + o.backlog + " events ready; starting background-processor ...");
        ChildService processor = closing(startProcessor(processorJar, work, cassandra, kafka, cassandraPoints,
                procCassandraPw, procKafkaPw));
        Result drained = drain(processor);
        String load3a = loadAverage();
        long rows = 0;
        for (UUID item : backlogItems) {
            rows += admin.execute(SimpleStatement.newInstance("SELECT count(*) FROM " + KEYSPACE
                    + ".comments_by_id WHERE item_id = ?", item).setTimeout(Duration.ofSeconds(30))).one().getLong(0);
        }
        drained = new Result(drained.name(), drained.ok(), drained.errors(), drained.seconds(),
                drained.sortedLatenciesNanos(), drained.note() + ", " + o.backlogItems + " items, rows stored " + rows + "/" + o.backlog);
        CqlSession procSession = closing(engines.newCqlSession("dc1", PROCESSOR_ROLE, procCassandraPw));
        log("3. raw driver writes, " + o.inFlight + " in flight ...");
        Result rawConcurrent = rawCommentWrites(procSession, o.inFlight);
        String load3b = loadAverage();
        log("3. raw driver writes, one at a time ...");
        Result rawSequential = rawCommentWrites(procSession, 1);
        table.add("3", drained, rawConcurrent, load3a);
        table.add("3", rawConcurrent, null, load3b);
        table.add("3a", rawSequential, rawConcurrent, loadAverage());
        return processor;
    }

    private ChildService startApi(Path jar, Path work, CassandraAccess cassandra, KafkaAccess kafka, String points,
            Secret cassandraPw, Secret kafkaPw) {
        String p = "--citadel.catalog-api.";
        List<String> args = List.of(p + "region=bench", p + "server-name=bench-api-1",
                p + "cassandra.contact-points=" + points, p + "cassandra.local-dc=dc1",
                p + "cassandra.keyspace=" + KEYSPACE, p + "cassandra.username=" + API_ROLE,
                p + "cassandra.truststore-path=" + cassandra.trustStore(),
                p + "cassandra.request-timeout=10s",
                p + "kafka.bootstrap-servers=" + kafka.bootstrapServers(), p + "kafka.topic=" + TOPIC,
                p + "kafka.username=catalog-api", p + "kafka.truststore-path=" + kafka.trustStore(),
                // A shared 2-core machine: keep the bounds finite but wide enough that slowness is not a failure.
                p + "kafka.ack-timeout=10s", p + "kafka.max-block=10s", p + "kafka.request-timeout=10s",
                p + "kafka.delivery-timeout=30s",
                // Plain HTTP, no client certificate: the bench reads the actuator without a management identity.
                "--citadel.management.plaintext-allowed=true");
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("api-keys", Secret.of(API_KEY));
        secrets.put("cassandra-password", cassandraPw);
        secrets.put("cassandra-truststore-password", cassandra.trustStorePassword());
        secrets.put("kafka-password", kafkaPw);
        secrets.put("kafka-truststore-password", kafka.trustStorePassword());
        log("starting catalog-api (log " + work.resolve("catalog-api.log") + ")");
        return ChildService.start("catalog-api", jar, "-Xmx512m", args, secrets, work);
    }

    private ChildService startProcessor(Path jar, Path work, CassandraAccess cassandra, KafkaAccess kafka,
            String points, Secret cassandraPw, Secret kafkaPw) {
        String p = "--citadel.processor.";
        List<String> args = List.of(p + "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                p + "kafka.username=background-processor", p + "kafka.truststore-path=" + kafka.trustStore(),
                p + "kafka.topic=" + TOPIC, p + "kafka.dead-letter-topic=" + DLQ, p + "kafka.group-id=" + GROUP,
                p + "kafka.lag-interval=1s", p + "cassandra.contact-points=" + points,
                p + "cassandra.local-dc=dc1", p + "cassandra.username=" + PROCESSOR_ROLE,
                p + "cassandra.truststore-path=" + cassandra.trustStore(), p + "cassandra.keyspace=" + KEYSPACE,
                p + "cassandra.request-timeout=10s",
                "--citadel.management.plaintext-allowed=true");
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("kafka-password", kafkaPw);
        secrets.put("kafka-truststore-password", kafka.trustStorePassword());
        secrets.put("cassandra-password", cassandraPw);
        secrets.put("cassandra-truststore-password", cassandra.trustStorePassword());
        log("starting background-processor (log " + work.resolve("background-processor.log") + ")");
        return ChildService.start("background-processor", jar, "-Xmx384m", args, secrets, work);
    }

    /**
     * Puts exactly {@code backlog} fresh events on the topic for the processor's (not yet existing) group: the
     * comments POSTed in step 2 are already there, so the group's offsets are set to where the backlog begins.
     */
    private void prefillBacklog(KafkaAccess kafka, List<UUID> items) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS)
                    .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka.adminProperties()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < o.backlog; i++) {
                    sends.add(producer.send(commentRecord(TOPIC, items.get(i % items.size()))));
                }
                producer.flush();
                for (java.util.concurrent.Future<?> f : sends) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            admin.alterConsumerGroupOffsets(GROUP, start).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits for the processor's stored-events counter to reach the backlog. The rate is taken from the moment 5 %
     * was stored (JVM start, group join and JIT warm-up excluded) to the moment all was stored.
     */
    private Result drain(ChildService processor) throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + processor.port + "/actuator/prometheus");
        HttpRequest req = HttpRequest.newBuilder(metrics).timeout(CLIENT_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + Duration.ofMinutes(12).toNanos();
        long fromNanos = 0;
        double fromCount = 0;
        long warmMark = Math.max(1, o.backlog / 20);
        while (System.nanoTime() < deadline) {
            double stored = -1;
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    stored = storedCount(r.body());
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            long now = System.nanoTime();
            if (fromNanos == 0 && stored >= warmMark) {
                fromNanos = now;
                fromCount = stored;
                log("3. processor passed " + (long) stored + " stored, timing from here");
            }
            if (stored >= o.backlog) {
                double seconds = (now - fromNanos) / 1e9;
                return Result.throughputOnly("background-processor drain (stored/s)", (long) (stored - fromCount),
                        0, seconds, "3 consumers, one write each in flight, from " + (long) fromCount + " to " + (long) stored);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("processor did not store the backlog within 12 min; see " + processor.log);
    }

    /** The processor's cumulative enqueue-to-stored histogram buckets (upper bound in seconds -> count). */
    private Map<Double, Double> enqueueToStoredBuckets(ChildService processor) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.port
                + "/actuator/prometheus")).timeout(CLIENT_TIMEOUT).GET().build();
        return StoredHistogram.parse(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    static double storedCount(String prometheus) {
        double total = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("citadel_processor_events_total{") && line.contains("outcome=\"stored\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /**
     * What the processor does per comment, with the same statements, {@code inFlight} at a time through
     * {@code executeAsync} like the processor's concurrent pass (1 = one blocking write at a time).
     */
    private Result rawCommentWrites(CqlSession session, int inFlight) throws InterruptedException {
        PreparedStatement byItem = session.prepare("INSERT INTO " + KEYSPACE + ".comments_by_item (item_id, "
                + "created_at, id, author_name, text) VALUES (?, ?, ?, ?, ?) USING TTL ?");
        PreparedStatement byId = session.prepare("INSERT INTO " + KEYSPACE + ".comments_by_id (item_id, id, "
                + "created_at, author_name, text) VALUES (?, ?, ?, ?, ?) USING TTL ?");
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(UUID.randomUUID());
        }
        int warm = Math.max(1, o.backlog / 20);
        long[] latencies = new long[o.backlog - warm];
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(inFlight);
        long measuredFrom = 0;
        long hardStop = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (int i = 0; i < o.backlog && System.nanoTime() < hardStop; i++) {
            if (i == warm) {
                slots.acquire(inFlight); // the warm-up writes have finished
                slots.release(inFlight);
                measuredFrom = System.nanoTime();
            }
            UUID item = items.get(i % items.size());
            UUID id = UUID.randomUUID();
            Instant created = Instant.now();
            BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                    byItem.bind(item, created, id, "bench", text, 0),
                    byId.bind(item, id, created, "bench", text, 0))
                    .setQueryTimestamp(created.toEpochMilli() * 1000)
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(CLIENT_TIMEOUT);
            slots.acquire();
            boolean measured = i >= warm;
            long t0 = System.nanoTime();
            session.executeAsync(batch).whenComplete((rs, failure) -> {
                long took = System.nanoTime() - t0;
                if (failure != null) {
                    errors.incrementAndGet();
                } else if (measured) {
                    latencies[done.getAndIncrement()] = took;
                }
                slots.release();
            });
        }
        slots.acquire(inFlight);
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        int n = done.get();
        return Result.of("raw driver LOGGED batch x2 INSERT, " + inFlight + " in flight", errors.get(), seconds,
                java.util.Arrays.copyOf(latencies, n), "c=" + inFlight + " (executeAsync), " + n + " writes after "
                        + warm + " warm-up");
    }

    /** POSTs at a fixed modest rate; each accepted comment is polled (GET Location every 10 ms) until 200. */
    private Result acceptedToReadable(String base, String body) throws Exception {
        URI origin = URI.create(base);
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/comments")).timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(32);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = o.rate * (int) o.visibilitySeconds.toSeconds();
        AtomicLong issued = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            if (issued.incrementAndGet() > total) {
                return;
            }
            workers.submit(() -> {
                try {
                    HttpResponse<byte[]> r = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
                    long accepted = System.nanoTime();
                    String location = r.headers().firstValue("Location").orElse(null);
                    if (r.statusCode() != 202 || location == null) {
                        errors.incrementAndGet();
                        return;
                    }
                    HttpRequest read = HttpRequest.newBuilder(origin.resolve(location)).timeout(CLIENT_TIMEOUT)
                            .GET().build();
                    long giveUp = accepted + Duration.ofSeconds(30).toNanos();
                    while (System.nanoTime() < giveUp) {
                        if (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            latencies.add(System.nanoTime() - accepted);
                            return;
                        }
                        Thread.sleep(10);
                    }
                    errors.incrementAndGet();
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            });
        }, 0, 1_000_000 / o.rate, TimeUnit.MICROSECONDS);
        Thread.sleep(o.visibilitySeconds.toMillis() + 200);
        ticker.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
        long[] samples = latencies.stream().mapToLong(Long::longValue).toArray();
        return Result.of("202 -> GET Location 200 (api+kafka+processor)", errors.get(),
                o.visibilitySeconds.toSeconds(), samples, "offered " + o.rate + "/s, " + total + " posts, poll 10 ms");
    }

    private ProducerRecord<byte[], byte[]> commentRecord(String topic, UUID itemId) {
        Instant now = Instant.now();
        CommentAdded event = new CommentAdded(new Comment(UUID.randomUUID(), itemId, "bench", text, now),
                now.toEpochMilli(), 0);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                event.key().getBytes(StandardCharsets.UTF_8), codec.encode(event));
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        EventHeaders.forEvent(event, traceparent).forEach((k, v) -> record.headers().add(k, v));
        return record;
    }

    /** The producer settings catalog-api uses (KafkaClientConfig.producer). */
    private static Properties producerProperties(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.in.flight.requests.per.connection", "5");
        p.put("linger.ms", "1");
        p.put("max.block.ms", "10000");
        p.put("request.timeout.ms", "10000");
        p.put("delivery.timeout.ms", "30000");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return p;
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closeables.add(resource);
        return resource;
    }

    /** Closes in reverse order of creation (children before the sessions they use); idempotent. */
    private void closeAll() {
        List<AutoCloseable> toClose = new ArrayList<>(closeables);
        closeables.clear();
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("catalog-bench: closing " + c.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    /** Setup statements (LWT, DDL, role grants) may time out on a loaded machine: retry a few times. */
    private static <T> T retrying(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(2000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private void log(String message) {
        System.out.printf(Locale.ROOT, "[%4ds] %s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                message);
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Command-line options, all with defaults. */
    record Options(Path root, int concurrency, Duration warmup, Duration measure, int backlog, int rate,
            Duration visibilitySeconds, int textChars, long maxMinutes, java.util.Set<Integer> steps, int inFlight,
            Path apiJar, Path processorJar, int backlogItems) {

        static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                m.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(Path.of(m.getOrDefault("root", ".")).toAbsolutePath().normalize(),
                    Integer.parseInt(m.getOrDefault("concurrency", "16")),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("warmup-seconds", "10"))),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("measure-seconds", "20"))),
                    Integer.parseInt(m.getOrDefault("backlog", "5000")),
                    Integer.parseInt(m.getOrDefault("rate", "20")),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("visibility-seconds", "15"))),
                    Integer.parseInt(m.getOrDefault("text-chars", "200")),
                    Long.parseLong(m.getOrDefault("max-minutes", "40")),
                    java.util.Arrays.stream(m.getOrDefault("steps", "1,2,3,4").split(",")).map(String::trim)
                            .map(Integer::valueOf).collect(Collectors.toCollection(java.util.TreeSet::new)),
                    Integer.parseInt(m.getOrDefault("in-flight", "64")),
                    m.containsKey("api-jar") ? Path.of(m.get("api-jar")).toAbsolutePath() : null,
                    m.containsKey("processor-jar") ? Path.of(m.get("processor-jar")).toAbsolutePath() : null,
                    Integer.parseInt(m.getOrDefault("backlog-items", "50")));
        }
    }
}
