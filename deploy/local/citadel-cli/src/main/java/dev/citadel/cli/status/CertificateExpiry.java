package dev.citadel.cli.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every certificate of a run directory (the {@code .crt}/{@code .pem} files {@code up} wrote: CAs, service, edge,
 * engine and operator certificates, copied beside each user) with its expiry, so {@code status} can warn before one
 * runs out. The same certificate copied into several directories is one entry listing its files.
 */
public final class CertificateExpiry {

    /** {@code status} warns about certificates that expire within this. */
    public static final Duration WARN_WITHIN = Duration.ofDays(30);

    /** Engine data, logs and jars hold no certificate of ours and can be large: not walked. */
    private static final Set<String> SKIPPED = Set.of("data", "logs", "jars", "hints", "commitlog", "saved_caches",
            "cdc_raw", "chaos");

    public record Entry(String subject, Instant notAfter, List<Path> files) {

        public boolean expiresWithin(Duration window, Instant now) {
            return notAfter.isBefore(now.plus(window));
        }
    }

    private CertificateExpiry() {}

    /** The certificates under {@code runDir}, soonest expiry first; files that are not certificates are skipped. */
    public static List<Entry> scan(Path runDir) {
        Map<String, Entry> byIdentity = new LinkedHashMap<>();
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try {
            Files.walkFileTree(runDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(runDir) && SKIPPED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && (name.endsWith(".crt") || name.endsWith(".pem"))) {
                        for (X509Certificate c : read(file)) {
                            String identity = c.getIssuerX500Principal().getName() + "#" + c.getSerialNumber();
                            Entry e = byIdentity.computeIfAbsent(identity, k -> new Entry(
                                    c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant(), new ArrayList<>()));
                            e.files().add(runDir.relativize(file));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.copyOf(byIdentity.values());
        }
        return byIdentity.values().stream()
                .map(e -> new Entry(e.subject(), e.notAfter(), e.files().stream().sorted().toList()))
                .sorted(Comparator.comparing(Entry::notAfter).thenComparing(Entry::subject))
                .toList();
    }

    /** The table {@code status} prints (nothing when there is no certificate), then one WARNING line per certificate expiring within {@link #WARN_WITHIN}. */
    public static String render(List<Entry> entries, Instant now) {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("CERTIFICATES (").append(entries.size()).append(")\n");
        for (Entry e : entries) {
            sb.append(String.format("  %-44s expires %s (%s)  %s%n", e.subject(), e.notAfter(), left(e, now),
                    files(e)));
        }
        for (String w : warnings(entries, now)) {
            sb.append(w).append('\n');
        }
        return sb.toString();
    }

    public static List<String> warnings(List<Entry> entries, Instant now) {
        return entries.stream().filter(e -> e.expiresWithin(WARN_WITHIN, now))
                .map(e -> "WARNING: certificate " + e.subject() + " " + (e.notAfter().isBefore(now) ? "expired" : "expires")
                        + " " + e.notAfter() + " (" + left(e, now) + "): " + files(e))
                .toList();
    }

    private static String left(Entry e, Instant now) {
        long days = Duration.between(now, e.notAfter()).toDays();
        return days < 0 ? "expired" : days + " days left";
    }

    private static String files(Entry e) {
        return e.files().get(0) + (e.files().size() > 1 ? " +" + (e.files().size() - 1) + " copies" : "");
    }

    private static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            return List.of();
        }
    }
}
