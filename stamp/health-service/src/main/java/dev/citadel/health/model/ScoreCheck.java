package dev.citadel.health.model;

import dev.citadel.health.check.CheckOutcome;
import dev.citadel.health.check.CheckResult;
import dev.citadel.health.check.Failures;
import dev.citadel.health.check.HealthCheck;
import dev.citadel.health.kafka.LagReader;
import dev.citadel.health.signals.MetricsScraper;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The health score check: reads every signal source in parallel, evaluates the {@link HealthModel}, keeps the
 * snapshot for {@code /health/model}, and is down when the stamp's status is red. An unreachable source makes its
 * component unknown (yellow in the score), not red: a blind spot is not proof of sickness.
 */
public final class ScoreCheck implements HealthCheck {

    public static final String NAME = "health-score";

    private final HealthModel model;
    private final MetricsScraper scraper;
    private final URI catalogApi;
    private final URI processor;
    private final URI webUi;
    private final LagReader lag;
    private final Supplier<CheckResult> database;
    private final ExecutorService executor;
    private final Clock clock;
    private volatile ModelSnapshot latest;

    /**
     * @param catalogApi, processor, webUi the Prometheus endpoints, each {@code null} when not configured
     * @param database    the latest database check result, {@code null} when disabled or not run yet
     * @param executor    runs the reads in parallel; the check runner bounds the whole check
     */
    public ScoreCheck(HealthModel model, MetricsScraper scraper, URI catalogApi, URI processor, URI webUi,
            LagReader lag, Supplier<CheckResult> database, ExecutorService executor, Clock clock, String region,
            String window) {
        this.model = model;
        this.scraper = scraper;
        this.catalogApi = catalogApi;
        this.processor = processor;
        this.webUi = webUi;
        this.lag = lag;
        this.database = database;
        this.executor = executor;
        this.clock = clock;
        this.latest = ModelSnapshot.notEvaluated(region, window);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The latest evaluation (or "not evaluated" before the first). */
    public ModelSnapshot latest() {
        return latest;
    }

    @Override
    public synchronized CheckOutcome run() {
        CompletableFuture<SourceReading> api = read("catalog-api", catalogApi);
        CompletableFuture<SourceReading> proc = read("background-processor", processor);
        CompletableFuture<SourceReading> web = read("web-ui", webUi);
        CompletableFuture<Object> lagValue = CompletableFuture.supplyAsync(() -> {
            try {
                return (Object) lag.lag();
            } catch (Exception e) {
                return Failures.summary(e);
            }
        }, executor);
        Object l = lagValue.join();
        CheckResult db = database.get();
        ModelInputs inputs = new ModelInputs(api.join(), proc.join(), web.join(),
                l instanceof Long n ? n : null, l instanceof String s ? s : null,
                db == null ? null : new ModelInputs.DatabaseReading(db.up(), db.duration().toMillis(), db.detail()));
        ModelSnapshot snapshot = model.evaluate(clock.instant(), inputs);
        latest = snapshot;
        String summary = "stamp " + snapshot.status().wire() + ", score " + snapshot.score();
        if (snapshot.status() == Level.RED) {
            return CheckOutcome.down(summary + "; red: " + redComponents(snapshot));
        }
        return CheckOutcome.up(summary);
    }

    private CompletableFuture<SourceReading> read(String dependency, URI endpoint) {
        if (endpoint == null) {
            return CompletableFuture.completedFuture(SourceReading.notConfigured());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SourceReading.of(endpoint.toString(), scraper.scrape(dependency, endpoint));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return SourceReading.failed(endpoint.toString(), Failures.summary(e));
            }
        }, executor);
    }

    private static String redComponents(ModelSnapshot snapshot) {
        return snapshot.flows().stream().flatMap(f -> f.components().stream())
                .filter(c -> c.status() == Level.RED).distinct()
                .map(c -> c.name() + " (" + c.signals().stream().filter(s -> s.status() == Level.RED)
                        .map(s -> s.name() + "=" + s.value()).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
    }
}
