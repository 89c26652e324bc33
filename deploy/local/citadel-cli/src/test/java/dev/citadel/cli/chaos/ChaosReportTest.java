package dev.citadel.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.chaos.RequestOutcome.Operation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosReportTest {

    private static ChaosResult result(String name, int lost) {
        long start = 1_000_000;
        List<RequestOutcome> run = List.of(
                new RequestOutcome(start, start + 500, Operation.GET_ITEM, 200, "", "region1", ""),
                new RequestOutcome(start, start + 11_000, Operation.COMMENT, 202, "", "region2", "/c/1"),
                new RequestOutcome(start, start + 11_500, Operation.GET_ITEM, 0, "timeout", "", ""));
        ChaosVerdict verdict = ChaosVerdict.of(name, "SIGKILL to something", run, start + 10_000, start + 14_000, lost);
        return new ChaosResult(verdict, Timeline.of(run, start), start, start + 10_000, start + 10_000, start + 14_000,
                lost > 0 ? List.of("region2 /c/1") : List.of(), "");
    }

    @Test
    void writesMarkdownJsonAndOnePngPerExperiment(@TempDir Path dir) throws Exception {
        ChaosResult notRun = new ChaosResult(ChaosVerdict.of("pause-edge", "d", List.of(), 0, -1, 0),
                Timeline.of(List.of(), 0), 0, 0, 0, -1, List.of(), "edge is not running");

        Path md = ChaosReport.write(dir, List.of(result("kill-catalog-api", 0), result("kill-kafka", 1), notRun));

        String text = Files.readString(md);
        assertThat(text).contains("0 of 3 experiments met every target")
                .contains("| kill-catalog-api | 0.00 % of 1 | 100.00 % of 1 | 1× timeout | 1.5 s | 4.0 s | 1 | 0 |")
                .contains("| kill-kafka |").contains("1 accepted writes lost").contains("- `region2 /c/1`")
                .contains("| pause-edge | – | – | – | – | – | – | – | not run: edge is not running |");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"experiment\" : \"kill-kafka\"")
                .contains("\"lostWrites\" : 1");
        BufferedImage png = ImageIO.read(dir.resolve("timeline-kill-catalog-api.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1000);
        assertThat(dir.resolve("timeline-pause-edge.png")).doesNotExist();
    }
}
