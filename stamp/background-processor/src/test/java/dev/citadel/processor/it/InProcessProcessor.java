package dev.citadel.processor.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.citadel.processor.ProcessorApplication;

/** The Spring application started in this JVM against the testkit's engines, secrets read through configtree. */
final class InProcessProcessor implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InProcessProcessor(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static InProcessProcessor start(ProcessorEnvironment env, ProcessorEnvironment.Lane lane, int maxPollRecords) {
        return start(env, lane, maxPollRecords, List.of());
    }

    /** With more arguments, and more configuration classes (e.g. one that wraps a bean for a fault). */
    static InProcessProcessor start(ProcessorEnvironment env, ProcessorEnvironment.Lane lane, int maxPollRecords,
            List<String> moreArgs, Class<?>... moreSources) {
        Path secrets = SecretsDirectory.write(Path.of("target", "it-secrets", lane.groupId()).toAbsolutePath(),
                env.secrets());
        List<String> args = new ArrayList<>(env.processorArguments(lane, maxPollRecords));
        args.add("--server.port=0");
        // Resolved in application.yaml's spring.config.import, exactly as the CITADEL_SECRETS_DIR variable would be.
        args.add("--CITADEL_SECRETS_DIR=" + secrets);
        args.addAll(moreArgs);
        return new InProcessProcessor(new SpringApplicationBuilder(ProcessorApplication.class).sources(moreSources)
                .run(args.toArray(String[]::new)));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** GET on the management port; returns status and body. */
    HttpResponse<String> get(String path) {
        String port = context.getEnvironment().getProperty("local.server.port");
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
