package dev.citadel.health.rotation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The operator's state switch, on the management port only (operator client certificate):
 * {@code GET /actuator/rotation} → {@code {"state":"in"|"out"}}; {@code POST /actuator/rotation} with
 * {@code {"state":"out"}} or {@code {"state":"in"}}. {@code citadel stamp out|in REGION} calls it.
 */
@Endpoint(id = "rotation")
public class RotationEndpoint {

    private final RotationState state;

    public RotationEndpoint(RotationState state) {
        this.state = state;
    }

    @ReadOperation
    public Map<String, Object> rotation() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state.current().wire());
        body.put("changedAt", state.changedAt().toString());
        return body;
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> change(String state) {
        Optional<Rotation> next = Rotation.parse(state);
        if (next.isEmpty()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://citadel.dev/problems/invalid-rotation-state");
            problem.put("title", "Invalid rotation state");
            problem.put("status", 400);
            problem.put("detail", "state must be \"in\" or \"out\"");
            return new WebEndpointResponse<>(problem, 400);
        }
        this.state.set(next.get());
        return new WebEndpointResponse<>(rotation(), 200);
    }
}
