package dev.citadel.catalogapi.openapi;

import dev.citadel.catalogapi.idempotency.IdempotencyKey;
import dev.citadel.catalogapi.problem.ProblemType;
import dev.citadel.catalogapi.web.RequiresApiKey;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.UUID;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The OpenAPI document lists every outcome of every operation: the success code from the controller, plus the
 * problem responses the request guards and {@code ProblemAdvice} can produce for it (STYLE.md §5).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String API_KEY_SCHEME = "apiKey";

    @Bean
    OpenAPI catalogOpenApi() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details; `type` is one of " + ProblemType.BASE + "*")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("correlationId", new StringSchema().description("W3C trace id of the request"))
                .addProperty("violations", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())));
        return new OpenAPI()
                .info(new Info().title("Citadel catalog API").version("1.0")
                        .description("Catalog items, comments, ratings and images of one stamp (CITADEL.md §4)."))
                .components(new Components()
                        .addSchemas(PROBLEM_SCHEMA, problem)
                        .addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-KEY")));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            add(responses, 400, "Malformed request, invalid parameter, validation failure, invalid Idempotency-Key or"
                    + " unsupported API version");
            add(responses, 403, "The edge-id header is missing or wrong (when the edge check is enabled)");
            add(responses, 500, "Unexpected error (no internals are returned)");
            add(responses, 503, "Cassandra or Kafka unavailable or too slow; see Retry-After. An async write was NOT accepted");
            if (handler.hasMethodAnnotation(RequiresApiKey.class)) {
                add(responses, 401, "Missing or invalid X-API-KEY");
                operation.addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
            }
            boolean addressesEntity = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class) && p.getParameterType() == UUID.class);
            if (addressesEntity) {
                add(responses, 404, "The addressed item, comment, rating or image does not exist");
            }
            boolean hasBody = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
            if (hasBody) {
                add(responses, 413, "Request body too large");
                add(responses, 415, "Content-Type is not application/json");
            }
            boolean takesIdempotencyKey = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(RequestHeader.class)
                            && IdempotencyKey.HEADER.equals(p.getParameterAnnotation(RequestHeader.class).name()));
            boolean fetchesImage = hasBody && handler.hasMethodAnnotation(RequiresApiKey.class);
            if (takesIdempotencyKey && fetchesImage) {
                add(responses, 422, "The imageUrl could not be fetched as an image, or the Idempotency-Key was"
                        + " already used with a different body; nothing was written");
            } else if (takesIdempotencyKey) {
                add(responses, 422, "The Idempotency-Key was already used on this item with a different body;"
                        + " nothing was written");
            } else if (fetchesImage) {
                add(responses, 422, "The imageUrl could not be fetched as an image; nothing was written");
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    private static void add(ApiResponses responses, int status, String description) {
        String code = Integer.toString(status);
        if (responses.containsKey(code)) {
            return;
        }
        responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
    }
}
