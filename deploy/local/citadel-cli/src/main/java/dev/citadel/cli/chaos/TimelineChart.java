package dev.citadel.cli.chaos;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Draws a run's timeline as a PNG: per second, a bar of the requests that succeeded (one colour per answering
 * region, stacked) and, below the axis, the ones that failed (red); vertical lines mark injection, heal and recovery.
 * Plain Java 2D in headless mode: no chart library for one picture.
 */
final class TimelineChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Color[] REGION_COLOURS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0x8c564b)};
    private static final Color FAILED = new Color(0xd62728);

    private TimelineChart() {}

    static void write(ChaosResult result, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageIO.write(draw(result), "png", png.toFile());
    }

    static BufferedImage draw(ChaosResult result) {
        Timeline timeline = result.timeline();
        List<Timeline.Second> seconds = timeline.seconds();
        List<String> regions = new ArrayList<>(new TreeSet<>(seconds.stream()
                .flatMap(s -> s.succeededByRegion().keySet().stream()).toList()));
        int maxOk = Math.max(1, seconds.stream().mapToInt(Timeline.Second::succeeded).max().orElse(1));
        int maxFailed = Math.max(1, seconds.stream().mapToInt(Timeline.Second::failed).max().orElse(1));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotHeight = HEIGHT - TOP - BOTTOM;
        // Successes get two thirds of the height above the axis, failures one third below it.
        int axisY = TOP + plotHeight * 2 / 3;
        double okScale = (axisY - TOP) / (double) maxOk;
        double failedScale = (TOP + plotHeight - axisY) / (double) maxFailed;
        int n = Math.max(1, seconds.size());
        double barWidth = (WIDTH - LEFT - RIGHT) / (double) n;
        for (Timeline.Second s : seconds) {
            int x = (int) Math.round(LEFT + s.offset() * barWidth);
            int w = Math.max(1, (int) Math.round(barWidth) - 1);
            int y = axisY;
            for (int i = 0; i < regions.size(); i++) {
                int h = (int) Math.round(s.succeededByRegion().getOrDefault(regions.get(i), 0) * okScale);
                g.setColor(REGION_COLOURS[i % REGION_COLOURS.length]);
                g.fillRect(x, y - h, w, h);
                y -= h;
            }
            g.setColor(FAILED);
            g.fillRect(x, axisY, w, (int) Math.round(s.failed() * failedScale));
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, axisY, WIDTH - RIGHT, axisY);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(maxOk + " ok/s", 5, TOP + 10);
        g.drawString(maxFailed + " failed/s", 2, TOP + plotHeight);
        int step = Math.max(10, (n / 12 + 9) / 10 * 10);
        for (int t = 0; t < n; t += step) {
            g.drawString(t + "s", (int) Math.round(LEFT + t * barWidth), HEIGHT - BOTTOM + 18);
        }
        marker(g, result.injectedAt(), timeline.startMillis(), barWidth, plotHeight, new Color(0xff7f0e), "injected", 0);
        if (result.healedAt() > result.injectedAt()) {
            marker(g, result.healedAt(), timeline.startMillis(), barWidth, plotHeight, Color.DARK_GRAY, "healed", 1);
        }
        if (result.recoveredAt() > 0) {
            marker(g, result.recoveredAt(), timeline.startMillis(), barWidth, plotHeight, new Color(0x17becf),
                    "healthy", 2);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(result.verdict().experiment() + " — requests per second (failed below the axis)", LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legendX = LEFT;
        for (int i = 0; i < regions.size(); i++) {
            g.setColor(REGION_COLOURS[i % REGION_COLOURS.length]);
            g.fillRect(legendX, HEIGHT - 25, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString("ok from " + regions.get(i), legendX + 16, HEIGHT - 15);
            legendX += 140;
        }
        g.setColor(FAILED);
        g.fillRect(legendX, HEIGHT - 25, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("failed", legendX + 16, HEIGHT - 15);
        g.dispose();
        return image;
    }

    private static void marker(Graphics2D g, long at, long start, double barWidth, int plotHeight, Color colour,
                               String label, int row) {
        int x = (int) Math.round(LEFT + (at - start) / 1000.0 * barWidth);
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        g.drawLine(x, TOP, x, TOP + plotHeight);
        g.setStroke(new BasicStroke());
        // Labels on their own rows (a kill is injected and healed at once); right-aligned near the right edge.
        int labelWidth = g.getFontMetrics().stringWidth(label);
        int labelX = x + 3 + labelWidth > WIDTH - RIGHT ? x - 3 - labelWidth : x + 3;
        g.drawString(label, labelX, TOP + 12 + row * 14);
    }
}
