package dev.citadel.egress.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds the YAML file onto {@link EgressProperties} with Jackson. Unknown keys are errors (a typo must not silently
 * fall back to a default), and every error names the full key path, e.g. {@code sources[0].allow[1].port}.
 */
public final class EgressConfigLoader {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private EgressConfigLoader() {
    }

    public static EgressProperties load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(yaml);
    }

    public static EgressProperties parse(String yaml) {
        try {
            EgressProperties props = MAPPER.readValue(yaml, EgressProperties.class);
            if (props == null) {
                throw new ConfigException("(file)", "is empty");
            }
            return props;
        } catch (DatabindException e) {
            throw translate(e);
        } catch (JacksonException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static ConfigException translate(DatabindException e) {
        String path = path(e.getPath());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException ce) {
                return ce.under(path);
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ", " (allowed: ", ")"));
            return new ConfigException(path, "unknown key" + known);
        }
        return new ConfigException(path.isEmpty() ? "(file)" : path, e.getOriginalMessage());
    }

    static String path(List<JacksonException.Reference> references) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
