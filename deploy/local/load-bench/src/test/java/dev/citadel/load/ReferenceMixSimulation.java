package dev.citadel.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference load mix (CITADEL.md §8) through the edge of a running {@code ./citadel up}: 50 % get item, 30 %
 * list items, 10 % rate, 10 % comment, by a fixed number of looping virtual users (a closed model: the figure is
 * the throughput the system sustains at that concurrency, with its latency).
 *
 * <p>Every request is wrapped in a group named after the phase it started in, "warm-up", "measured" or
 * "cool-down": the JVMs behind the edge need minutes of traffic before their JIT settles, and only the "measured"
 * group is the figure (run.sh prints it from the report's js/stats.js). With {@code CITADEL_LOAD_CURVE_SECONDS} set the
 * whole run is measured instead, each request grouped by the bucket of that many seconds it started in, counted from
 * the simulation's start ("t+00030 s": the warm-up curve). Users connect from {@code CITADEL_LOAD_ADDRESSES} different
 * loopback addresses, as internet clients would, so the edge's per-client rate limit sees many clients rather
 * than one. Writes carry {@code X-TEST-DATA: true}: the API stores them with a short TTL.
 */
public class ReferenceMixSimulation extends Simulation {
    private static final String BASE = env("CITADEL_LOAD_BASE", "https://127.0.0.1:8443");
    private static final int USERS = Integer.parseInt(env("CITADEL_LOAD_USERS", "64"));
    private static final int ADDRESSES = Integer.parseInt(env("CITADEL_LOAD_ADDRESSES", "32"));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(env("CITADEL_LOAD_WARMUP_SECONDS", "120")));
    private static final Duration MEASURED = Duration.ofSeconds(Long.parseLong(env("CITADEL_LOAD_SECONDS", "60")));
    private static final Duration RAMP = Duration.ofSeconds(10);
    /** 0: warm-up, measured and cool-down groups; N: one group per N seconds from the start, for the warm-up curve. */
    private static final long CURVE_SECONDS = Long.parseLong(env("CITADEL_LOAD_CURVE_SECONDS", "0"));

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** 127.0.0.2 … : the whole of 127.0.0.0/8 is loopback on Linux, so any of them can reach the edge. */
    private static List<String> clientAddresses() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            addresses.add("127.0." + ((i + 2) / 250) + "." + ((i + 2) % 250));
        }
        return addresses;
    }

    private final long startMillis = System.currentTimeMillis();
    private final long measuredFromMillis = startMillis + RAMP.toMillis() + WARM_UP.toMillis();
    private final long measuredUntilMillis = measuredFromMillis + MEASURED.toMillis();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE)
            .acceptHeader("application/json")
            .userAgentHeader("citadel-load-bench/1.0")
            .localAddresses(clientAddresses());

    private final ChainBuilder pickItemAndPhase = exec(session -> {
        List<Object> ids = session.getList("ids");
        return session.set("id", ids.get(ThreadLocalRandom.current().nextInt(ids.size())))
                .set("rating", 1 + ThreadLocalRandom.current().nextInt(5))
                .set("phase", phase(System.currentTimeMillis()));
    });

    /** Which group a request starting now belongs to; only "measured" (or, for a curve, every bucket) is reported. */
    private String phase(long nowMillis) {
        if (CURVE_SECONDS > 0) {
            return String.format("t+%05d s", (nowMillis - startMillis) / 1000 / CURVE_SECONDS * CURVE_SECONDS);
        }
        return nowMillis < measuredFromMillis ? "warm-up" : nowMillis < measuredUntilMillis ? "measured" : "cool-down";
    }

    private final ChainBuilder oneRequest = randomSwitch().on(
            percent(50).then(exec(http("get item").get("/api/1.0/catalogitem/#{id}").check(status().is(200)))),
            percent(30).then(exec(http("list items").get("/api/1.0/catalogitem?limit=20").check(status().is(200)))),
            percent(10).then(exec(http("rate").post("/api/1.0/catalogitem/#{id}/ratings")
                    .header("Content-Type", "application/json").header("X-TEST-DATA", "true")
                    .body(StringBody("{\"rating\":#{rating}}")).check(status().is(202)))),
            percent(10).then(exec(http("comment").post("/api/1.0/catalogitem/#{id}/comments")
                    .header("Content-Type", "application/json").header("X-TEST-DATA", "true")
                    .body(StringBody("{\"authorName\":\"load\",\"text\":\"steady as she goes\"}"))
                    .check(status().is(202)))));

    private final ScenarioBuilder mix = scenario("reference mix")
            .exec(http("setup: list item ids").get("/api/1.0/catalogitem?limit=50")
                    .check(status().is(200), jsonPath("$[*].id").findAll().saveAs("ids")))
            // Every user loops until the measured window has closed, so the window always sees all of them.
            .during(RAMP.plus(WARM_UP).plus(MEASURED)).on(pickItemAndPhase.group("#{phase}").on(oneRequest));

    {
        setUp(mix.injectOpen(rampUsers(USERS).during(RAMP))).protocols(protocol);
    }
}
