package dev.citadel.catalogapi.it;

import dev.citadel.catalogapi.CatalogApiApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * IDE entry point (STYLE.md §8): starts the test engines (real Cassandra + Kafka, secured), prepares schema, role,
 * topic and user, then runs catalog-api on port 8080 against them. API key: {@value ApiEngines#API_KEY}.
 */
public final class TestCatalogApiApplication {

    private TestCatalogApiApplication() {
    }

    public static void main(String[] args) {
        List<String> all = new ArrayList<>();
        new ApiEngines().properties().forEach((k, v) -> all.add("--" + k + "=" + v));
        all.addAll(List.of(args));
        SpringApplication.run(CatalogApiApplication.class, all.toArray(String[]::new));
    }
}
