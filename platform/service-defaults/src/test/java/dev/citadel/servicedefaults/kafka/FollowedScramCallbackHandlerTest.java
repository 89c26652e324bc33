package dev.citadel.servicedefaults.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedScramCallbackHandlerTest {

    @TempDir
    Path dir;

    /** The handler configured from the very JAAS line KafkaConnection writes, parsed by kafka-clients itself. */
    private FollowedScramCallbackHandler handler(Path file) {
        String jaas = KafkaConnection.jaas("catalog-api", "bound-password-0", file.toString());
        JaasContext context = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
        List<AppConfigurationEntry> entries = context.configurationEntries();
        FollowedScramCallbackHandler handler = new FollowedScramCallbackHandler();
        handler.configure(Map.of(), "SCRAM-SHA-512", entries);
        return handler;
    }

    private static String password(FollowedScramCallbackHandler handler) throws Exception {
        PasswordCallback callback = new PasswordCallback("Password:", false);
        handler.handle(new Callback[] {callback});
        return new String(callback.getPassword());
    }

    @Test
    void everyAuthenticationReadsThePasswordFileAgain() throws Exception {
        Path file = dir.resolve("kafka-password");
        Files.writeString(file, "old-password-1");
        FollowedScramCallbackHandler handler = handler(file);
        NameCallback name = new NameCallback("Name:");
        handler.handle(new Callback[] {name});
        assertThat(name.getName()).isEqualTo("catalog-api");
        assertThat(password(handler)).isEqualTo("old-password-1");

        Files.writeString(file, "new-password-2\n");

        assertThat(password(handler)).isEqualTo("new-password-2");
    }

    @Test
    void theBoundPasswordServesWhileTheFileIsMissing() throws Exception {
        assertThat(password(handler(dir.resolve("missing")))).isEqualTo("bound-password-0");
    }

    @Test
    void scramExtensionsAreDeclinedSoTheClientGoesOnWithout() {
        FollowedScramCallbackHandler handler = handler(dir.resolve("missing"));

        assertThatThrownBy(() -> handler.handle(new Callback[] {new ScramExtensionsCallback()}))
                .isInstanceOf(UnsupportedCallbackException.class);
    }

    @Test
    void theConnectionNamesTheHandlerAndTheFileOnlyWhenAFileIsConfigured() {
        Properties followed = new KafkaConnection(new dev.citadel.servicedefaults.ServiceDefaultsProperties.Kafka(
                "b:9093", "catalog-api", dev.citadel.platform.pki.Secret.of("pw"), null, null, null,
                "/run/secrets/kafka-password")).clientProperties("c");
        assertThat(followed.getProperty(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS))
                .isEqualTo(FollowedScramCallbackHandler.class.getName());
        assertThat(followed.getProperty(SaslConfigs.SASL_JAAS_CONFIG)).contains("passwordFile=\"/run/secrets/kafka-password\"");

        Properties fixed = new KafkaConnection(new dev.citadel.servicedefaults.ServiceDefaultsProperties.Kafka(
                "b:9093", "catalog-api", dev.citadel.platform.pki.Secret.of("pw"), null, null, null, " "))
                .clientProperties("c");
        assertThat(fixed).doesNotContainKey(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS);
        assertThat(fixed.getProperty(SaslConfigs.SASL_JAAS_CONFIG)).doesNotContain("passwordFile");
    }
}
