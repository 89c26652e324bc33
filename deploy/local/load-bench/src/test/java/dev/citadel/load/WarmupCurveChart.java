package dev.citadel.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws warm-up curves ({@code run.sh} with {@code CURVE=30} writes one as CSV) in one PNG: requests/s per bucket
 * above, mean latency below, one line per series, so a "before" and an "after" run can be compared:
 * <pre>{@code java WarmupCurveChart.java curve.png before=before.csv after=after.csv}</pre>
 * Dashed lines mark the targets (600 req/s, 100 ms mean). Plain JDK in headless mode, run by the source launcher.
 */
public final class WarmupCurveChart {

    private static final int WIDTH = 1000;
    private static final int PANEL = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 160;
    private static final int TOP = 40;
    private static final int GAP = 60;
    private static final double TARGET_RATE = 600;
    private static final double TARGET_MEAN_MS = 100;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    /** One bucket of a curve: seconds from the first request, requests per second, mean latency. */
    record Point(double fromSeconds, double rate, double meanMillis) {}

    record Series(String label, List<Point> points) {}

    private WarmupCurveChart() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: WarmupCurveChart OUT.png LABEL=CURVE.csv [LABEL=CURVE.csv ...]");
            System.exit(2);
        }
        List<Series> series = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            series.add(new Series(eq > 0 ? args[i].substring(0, eq) : args[i], read(Path.of(args[i].substring(eq + 1)))));
        }
        System.setProperty("java.awt.headless", "true");
        ImageIO.write(draw(series), "png", Path.of(args[0]).toFile());
    }

    /** The CSV's header names the columns; {@code from_s}, {@code req_per_s} and {@code mean_ms} are drawn. */
    static List<Point> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int from = header.indexOf("from_s");
        int rate = header.indexOf("req_per_s");
        int mean = header.indexOf("mean_ms");
        List<Point> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            points.add(new Point(Double.parseDouble(f[from]), Double.parseDouble(f[rate]), Double.parseDouble(f[mean])));
        }
        return points;
    }

    static BufferedImage draw(List<Series> series) {
        BufferedImage image = new BufferedImage(WIDTH, TOP + 2 * PANEL + GAP + 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        double maxSeconds = series.stream().flatMap(s -> s.points().stream())
                .mapToDouble(Point::fromSeconds).max().orElse(0) + 30;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Reference mix through the edge, from the first request", LEFT, 22);
        panel(g, series, TOP, "requests/s", Point::rate, TARGET_RATE, maxSeconds);
        panel(g, series, TOP + PANEL + GAP, "mean ms", Point::meanMillis, TARGET_MEAN_MS, maxSeconds);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString("seconds since the first request", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 80,
                TOP + 2 * PANEL + GAP + 35);
        for (int i = 0; i < series.size(); i++) {
            g.setColor(COLOURS[i % COLOURS.length]);
            g.fillRect(WIDTH - RIGHT + 15, TOP + 10 + 20 * i, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(i).label(), WIDTH - RIGHT + 32, TOP + 21 + 20 * i);
        }
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, List<Series> series, int top, String unit, ToDoubleFunction<Point> value,
                              double target, double maxSeconds) {
        double max = Math.max(target * 1.1, series.stream().flatMap(s -> s.points().stream())
                .mapToDouble(value).max().orElse(1) * 1.1);
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, top + PANEL, LEFT + plotWidth, top + PANEL);
        g.drawLine(LEFT, top, LEFT, top + PANEL);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int tick = 0; tick <= 4; tick++) {
            double v = max * tick / 4;
            int y = top + PANEL - (int) Math.round(PANEL * tick / 4.0);
            g.drawString(String.format("%.0f", v), 8, y + 4);
        }
        for (double s = 0; s <= maxSeconds; s += niceStep(maxSeconds)) {
            int x = LEFT + (int) Math.round(plotWidth * s / maxSeconds);
            g.drawLine(x, top + PANEL, x, top + PANEL + 4);
            g.drawString(String.format("%.0f", s), x - 10, top + PANEL + 16);
        }
        g.drawString(unit, LEFT + 6, top - 6);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
        int targetY = top + PANEL - (int) Math.round(PANEL * target / max);
        g.drawLine(LEFT, targetY, LEFT + plotWidth, targetY);
        g.drawString("target " + String.format("%.0f", target), LEFT + plotWidth - 70, targetY - 4);
        g.setStroke(new BasicStroke(2));
        for (int i = 0; i < series.size(); i++) {
            g.setColor(COLOURS[i % COLOURS.length]);
            List<Point> points = series.get(i).points();
            double half = (points.size() > 1 ? points.get(1).fromSeconds() - points.get(0).fromSeconds() : 30) / 2;
            for (int p = 0; p < points.size(); p++) {
                // Each bucket is plotted at its middle.
                int x = LEFT + (int) Math.round(plotWidth * (points.get(p).fromSeconds() + half) / maxSeconds);
                int y = top + PANEL - (int) Math.round(PANEL * value.applyAsDouble(points.get(p)) / max);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (p > 0) {
                    int px = LEFT + (int) Math.round(plotWidth * (points.get(p - 1).fromSeconds() + half) / maxSeconds);
                    int py = top + PANEL - (int) Math.round(PANEL * value.applyAsDouble(points.get(p - 1)) / max);
                    g.drawLine(px, py, x, y);
                }
            }
        }
    }

    private static double niceStep(double maxSeconds) {
        for (double step : new double[] {30, 60, 120, 300, 600}) {
            if (maxSeconds / step <= 10) {
                return step;
            }
        }
        return 1200;
    }
}
