package dev.citadel.cli.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The report of a chaos run: {@code report.md} for people, {@code report.json} for tools, a PNG timeline each. */
public final class ChaosReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ChaosReport() {}

    /** Writes the three kinds of file into {@code dir} and returns the Markdown file. */
    public static Path write(Path dir, List<ChaosResult> results) throws IOException {
        Files.createDirectories(dir);
        for (ChaosResult result : results) {
            if (result.error().isEmpty()) {
                TimelineChart.write(result, dir.resolve(pngName(result)));
            }
        }
        Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(results));
        Path markdown = dir.resolve("report.md");
        Files.writeString(markdown, markdown(results));
        return markdown;
    }

    static String pngName(ChaosResult result) {
        return "timeline-" + result.verdict().experiment() + ".png";
    }

    static String markdown(List<ChaosResult> results) {
        StringBuilder md = new StringBuilder("# Chaos report\n\n");
        long passed = results.stream().filter(ChaosResult::passed).count();
        md.append(passed).append(" of ").append(results.size()).append(" experiments met every target (0 failed reads, ")
                .append("< 0.1 % failed writes, traffic moved within 2 s, healthy again, 0 accepted writes lost).\n\n");
        md.append(table(results));
        md.append("\nReads and writes ok: requests in the window from injection until fully healthy again. Errors: the "
                + "whole run, by kind. Moved in: from injection until the last failed request ended. RTO: from injection "
                + "until every component runs and the edge has every origin back. Lost: writes answered 201/202 that a "
                + "region could not read back afterwards.\n\n");
        for (ChaosResult r : results) {
            if (!r.error().isEmpty()) {
                continue;
            }
            md.append("## ").append(r.verdict().experiment()).append("\n\n").append(r.verdict().description())
                    .append("\n\n![timeline](").append(pngName(r)).append(")\n\n");
            if (!r.lostExamples().isEmpty()) {
                md.append("Not readable afterwards:\n\n");
                r.lostExamples().forEach(e -> md.append("- `").append(e).append("`\n"));
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** The verdict table, one row per experiment (Markdown, readable as plain text too). */
    public static String table(List<ChaosResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("| experiment | reads ok | writes ok | errors | moved in | RTO | accepted writes | lost (RPO) | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ChaosResult r : results) {
            ChaosVerdict v = r.verdict();
            if (!r.error().isEmpty()) {
                md.append("| ").append(v.experiment()).append(" | – | – | – | – | – | – | – | not run: ")
                        .append(r.error().replace("|", "/")).append(" |\n");
                continue;
            }
            md.append("| ").append(v.experiment())
                    .append(" | ").append(String.format("%.2f %% of %d", v.readAvailability(), v.reads()))
                    .append(" | ").append(String.format("%.2f %% of %d", v.writeAvailability(), v.writes()))
                    .append(" | ").append(errors(v.errors()))
                    .append(" | ").append(String.format("%.1f s", v.movedInMillis() / 1000.0))
                    .append(" | ").append(v.rtoMillis() < 0 ? "never" : String.format("%.1f s", v.rtoMillis() / 1000.0))
                    .append(" | ").append(v.acceptedWrites())
                    .append(" | ").append(v.lostWrites())
                    .append(" | ").append(v.passed() ? "passed" : "missed: " + String.join("; ", v.missed()))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String errors(Map<String, Integer> errors) {
        return errors.isEmpty() ? "none" : errors.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
