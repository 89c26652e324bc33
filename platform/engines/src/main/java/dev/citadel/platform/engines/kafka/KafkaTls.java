package dev.citadel.platform.engines.kafka;

import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;

/** The broker's PKCS12 key- and truststore (one password for both). */
public record KafkaTls(Path keyStore, Path trustStore, Secret password) {
}
