package dev.citadel.health.web;

import dev.citadel.health.check.StampHealth;
import dev.citadel.health.check.StampVerdict;
import dev.citadel.health.config.HealthProperties;
import dev.citadel.health.model.ModelSnapshot;
import dev.citadel.health.model.ScoreCheck;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edge-facing health endpoints. Every answer comes from the cache the background rounds fill: a probe never
 * reaches a dependency, however many arrive. GET mappings answer HEAD too (same status, no body).
 */
@RestController
class StampHealthController {

    /** Names why the stamp is unhealthy; the edge ejects at once on {@code dependency-down}. */
    static final String VERDICT_HEADER = "X-Citadel-Verdict";

    private final StampHealth stampHealth;
    private final ObjectProvider<ScoreCheck> scoreCheck;
    private final HealthProperties properties;

    StampHealthController(StampHealth stampHealth, ObjectProvider<ScoreCheck> scoreCheck,
            HealthProperties properties) {
        this.stampHealth = stampHealth;
        this.scoreCheck = scoreCheck;
        this.properties = properties;
    }

    /**
     * 200 when every check is up and the stamp is in rotation, 503 otherwise (also before the first round), with
     * {@code X-Citadel-Verdict: dependency-down} or {@code unhealthy}.
     */
    @GetMapping(path = "/health/stamp", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StampVerdict> stamp() {
        StampVerdict verdict = stampHealth.verdict();
        ResponseEntity.BodyBuilder response = ResponseEntity
                .status(verdict.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .cacheControl(CacheControl.noStore());
        if (!verdict.healthy()) {
            response.header("Retry-After", Long.toString(Math.max(1, properties.interval().toSeconds())));
            response.header(VERDICT_HEADER, verdict.reason());
        }
        return response.body(verdict);
    }

    /** The process is alive and serving; says nothing about dependencies. */
    @GetMapping(path = "/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> liveness() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("status", "UP"));
    }

    /** The health model tree with scores, statuses and the signal values behind them (for the operations page). */
    @GetMapping(path = "/health/model", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelSnapshot> model() {
        ScoreCheck check = scoreCheck.getIfAvailable();
        ModelSnapshot snapshot = check != null ? check.latest()
                : ModelSnapshot.notEvaluated(properties.region(), properties.model().window().toString());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(snapshot);
    }
}
