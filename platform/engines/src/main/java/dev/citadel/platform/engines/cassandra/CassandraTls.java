package dev.citadel.platform.engines.cassandra;

import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;

/** The node's PKCS12 key- and truststore (one password for both), for native and internode TLS. */
public record CassandraTls(Path keyStore, Path trustStore, Secret password) {
}
