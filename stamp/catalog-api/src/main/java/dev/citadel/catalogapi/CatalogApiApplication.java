package dev.citadel.catalogapi;

import dev.citadel.catalogapi.image.HttpImageFetcher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The catalog REST API of one stamp (CITADEL.md §4). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogApiApplication {

    public static void main(String[] args) {
        // The egress firewall identifies its sources by Basic credentials, on CONNECT tunnels too; the JDK's HTTP
        // client refuses Basic for tunnels unless this is cleared, and reads it once, before its first request.
        System.setProperty(HttpImageFetcher.TUNNELING_DISABLED_SCHEMES,
                System.getProperty(HttpImageFetcher.TUNNELING_DISABLED_SCHEMES, ""));
        SpringApplication.run(CatalogApiApplication.class, args);
    }
}
