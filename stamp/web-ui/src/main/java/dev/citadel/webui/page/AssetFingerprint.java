package dev.citadel.webui.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * A short hash of every file under {@code /web/assets/}, computed once at startup. The pages link the assets under
 * {@code /assets/<fingerprint>/}, so any change to any asset changes every asset URL: the edge and browsers may cache
 * them for a year, and ES modules' relative imports stay consistent (one version for the whole set, never a mix).
 * The hash covers content, not the configured version: two stamps running the same build give the same URLs.
 */
@Component
public class AssetFingerprint {

    static final String ASSETS = "classpath:/web/assets/";

    private final String value;

    public AssetFingerprint() {
        this.value = compute(ASSETS);
    }

    static String compute(String location) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(location + "**/*.*");
            Arrays.sort(files, Comparator.comparing(AssetFingerprint::relativePath));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Resource file : files) {
                if (!file.isReadable()) {
                    continue;
                }
                digest.update(relativePath(file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = file.getInputStream()) {
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the UI assets", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relativePath(Resource file) {
        try {
            String url = file.getURL().toString();
            int at = url.lastIndexOf("/web/assets/");
            return at < 0 ? url : url.substring(at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fingerprint, e.g. {@code 3fa91c07b2d4}. */
    public String value() {
        return value;
    }

    /** The URL prefix the pages use for assets, e.g. {@code /assets/3fa91c07b2d4}. */
    public String urlPrefix() {
        return "/assets/" + value;
    }
}
