package dev.citadel.catalogapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalogapi.CatalogApiApplication;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code Idempotency-Key} end to end on real Cassandra and Kafka: the API publishes to Kafka, and the test applies
 * what it published exactly as background-processor does ({@link EventCodec} then {@link CatalogStore#apply}), so
 * what the store holds after a retry is what production would hold.
 */
@SpringBootTest(classes = CatalogApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotentWritesIT {

    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final Pattern LAST_UPDATED = Pattern.compile("\"lastUpdated\":\"([^\"]+)\"");
    private static final Pattern CREATION_DATE = Pattern.compile("\"creationDate\":\"([^\"]+)\"");
    private static ApiEngines fixture;

    @LocalServerPort
    int port;

    private ApiClient api;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        fixture = new ApiEngines();
        fixture.properties().forEach((k, v) -> registry.add(k, () -> v));
        // Behaviour, not latency bounds: a loaded 2-core machine may take seconds for a send.
        registry.add("citadel.catalog-api.kafka.ack-timeout", () -> "20s");
        registry.add("citadel.catalog-api.kafka.max-block", () -> "10s");
        registry.add("citadel.catalog-api.kafka.request-timeout", () -> "10s");
        registry.add("citadel.catalog-api.kafka.delivery-timeout", () -> "30s");
    }

    @BeforeEach
    void awaitReadiness() {
        api = new ApiClient(port).awaitReadiness();
    }

    @Test
    void aRetriedCommentNamesOneLocationIsStoredOnceAndIsReplayedWithItsFirstCreationDate() throws Exception {
        String item = createItem("Keyed lamp");
        String comments = "/api/1.0/catalogitem/" + item + "/comments";
        String body = "{\"authorName\":\"Ann\",\"text\":\"Sent twice\"}";

        HttpResponse<String> first = send("POST", comments, body, "Idempotency-Key", "comment-key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        Instant firstCreated = creationDate(first);
        // A retry before the first is stored (the edge's retry on the other stamp, typically): same id, in flight.
        HttpResponse<String> inFlight = send("POST", comments, body, "Idempotency-Key", "comment-key-1");
        assertThat(inFlight.statusCode()).as(inFlight.body()).isEqualTo(202);
        assertThat(inFlight.headers().firstValue("Location")).contains(location);
        assertThat(creationDate(inFlight)).isAfterOrEqualTo(firstCreated);

        List<ConsumerRecord<String, byte[]>> published = awaitRecords(item, 2);
        applyAsTheProcessorDoes(published);

        String commentId = location.substring(location.lastIndexOf('/') + 1);
        try (CqlSession admin = fixture.engines.newCqlSession("dc1")) {
            CatalogStore store = new CatalogStore(admin, fixture.keyspace, Duration.ofSeconds(30));
            List<Comment> listed = store.listComments(UUID.fromString(item), 10, null).items();
            assertThat(listed).as("one listing row although two events were applied").singleElement()
                    .satisfies(c -> {
                        assertThat(c.id()).hasToString(commentId);
                        assertThat(c.creationDate()).isEqualTo(firstCreated);
                    });
        }

        HttpResponse<String> replay = send("POST", comments, body, "Idempotency-Key", "comment-key-1");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Location")).contains(location);
        assertThat(creationDate(replay)).isEqualTo(firstCreated);
        assertThat(replay.body()).contains("\"id\":\"" + commentId + "\"", "Sent twice");

        HttpResponse<String> reused = send("POST", comments, "{\"authorName\":\"Ann\",\"text\":\"Another text\"}",
                "Idempotency-Key", "comment-key-1");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(reused.body()).contains("https://citadel.dev/problems/idempotency-key-reused");

        assertThat(recordsFor(item)).as("the replay and the refused reuse published nothing").hasSize(2);
        HttpResponse<String> get = send("GET", location, null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(creationDate(get)).isEqualTo(firstCreated);
    }

    @Test
    void aRetriedVoteCountsOnceAndAnotherValueUnderItsKeyIsRefused() throws Exception {
        String item = createItem("Keyed vote lamp");
        String ratings = "/api/1.0/catalogitem/" + item + "/ratings";

        HttpResponse<String> first = send("POST", ratings, "{\"rating\":4}", "Idempotency-Key", "vote-key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        applyAsTheProcessorDoes(awaitRecords(item, 1));

        HttpResponse<String> replay = send("POST", ratings, "{\"rating\":4}", "Idempotency-Key", "vote-key-1");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Location")).contains(location);
        assertThat(creationDate(replay)).isEqualTo(creationDate(first));
        HttpResponse<String> reused = send("POST", ratings, "{\"rating\":1}", "Idempotency-Key", "vote-key-1");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);

        assertThat(recordsFor(item)).hasSize(1);
        assertThat(send("GET", ratings, null).body()).contains("\"averageRating\":4.0", "\"numberOfVotes\":1");
    }

    @Test
    void aRetriedItemCreateStoresOneItemAndReplaysItsFirst201WhichTheOtherDataCentreHoldsToo() throws Exception {
        String name = "Keyed item " + UUID.randomUUID();
        String body = "{\"name\":\"" + name + "\",\"description\":\"d\",\"price\":9.90}";

        HttpResponse<String> first = send("POST", ITEMS, body, "X-API-KEY", ApiEngines.API_KEY,
                "Idempotency-Key", "item-key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String location = first.headers().firstValue("Location").orElseThrow();
        UUID id = UUID.fromString(ApiClient.idOf(location));
        String firstUpdated = lastUpdated(first);

        // The retry (the same body, the price written another way), as the edge sends it to either stamp.
        HttpResponse<String> replay = send("POST", ITEMS, body.replace("9.90", "9.9"),
                "X-API-KEY", ApiEngines.API_KEY, "Idempotency-Key", "item-key-1");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Location")).contains(location);
        assertThat(lastUpdated(replay)).as("the stored item, not a second write").isEqualTo(firstUpdated);
        assertThat(replay.body()).contains("\"id\":\"" + id + "\"", name);

        // The other stamp's data centre holds this one item: a retry there finds it and replays it too.
        try (CqlSession dc2 = fixture.engines.newCqlSession("dc2")) {
            CatalogStore other = new CatalogStore(dc2, fixture.keyspace, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(other.findItem(id))
                    .hasValueSatisfying(i -> assertThat(i.lastUpdated()).isEqualTo(Instant.parse(firstUpdated))));
        }
        String listing = send("GET", ITEMS + "?limit=1000", null).body();
        assertThat(listing.split(Pattern.quote(name), -1)).as("listed once").hasSize(2);

        HttpResponse<String> reused = send("POST", ITEMS, body.replace("\"d\"", "\"another\""),
                "X-API-KEY", ApiEngines.API_KEY, "Idempotency-Key", "item-key-1");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(reused.body()).contains("https://citadel.dev/problems/idempotency-key-reused");
        assertThat(send("GET", location, null).body()).contains("\"description\":\"d\"");

        HttpResponse<String> malformed = send("POST", ITEMS, body, "X-API-KEY", ApiEngines.API_KEY,
                "Idempotency-Key", "");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.body()).contains("https://citadel.dev/problems/invalid-idempotency-key");
    }

    private static String lastUpdated(HttpResponse<String> response) {
        Matcher m = LAST_UPDATED.matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    @Test
    void withoutAKeyEveryPostIsANewComment() throws Exception {
        String item = createItem("Unkeyed lamp");
        String comments = "/api/1.0/catalogitem/" + item + "/comments";
        String body = "{\"authorName\":\"Ann\",\"text\":\"Twice on purpose\"}";

        String one = send("POST", comments, body).headers().firstValue("Location").orElseThrow();
        String two = send("POST", comments, body).headers().firstValue("Location").orElseThrow();

        assertThat(two).isNotEqualTo(one);
    }

    @Test
    void theOpenApiDocumentDescribesTheHeaderAndItsRefusals() throws Exception {
        HttpResponse<String> docs = send("GET", "/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"name\":\"Idempotency-Key\"", "\"in\":\"header\"",
                "The Idempotency-Key was already used on this item with a different body");
    }

    /** What background-processor does with each record: decode, then {@link CatalogStore#apply}. */
    private void applyAsTheProcessorDoes(List<ConsumerRecord<String, byte[]>> records) {
        EventCodec codec = new EventCodec();
        try (CqlSession admin = fixture.engines.newCqlSession("dc1")) {
            CatalogStore store = new CatalogStore(admin, fixture.keyspace, Duration.ofSeconds(30));
            records.forEach(r -> store.apply(codec.decode(r.value())));
        }
    }

    private static Instant creationDate(HttpResponse<String> response) {
        Matcher m = CREATION_DATE.matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return Instant.parse(m.group(1));
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return api.send(method, path, body, headers);
    }

    private String createItem(String name) throws Exception {
        return api.createItem(name, null);
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            found.addAll(recordsFor(key));
            return found.size() >= count;
        });
        return found;
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(String key) {
        return fixture.recordsFor(key);
    }
}
