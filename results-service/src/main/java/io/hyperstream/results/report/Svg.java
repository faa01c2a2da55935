package io.hyperstream.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn as self-contained SVG text (no script, no external resource): axes with round
 * ticks, points, lines and horizontal bars. Plain Java, so that reports render anywhere.
 */
final class Svg {

    static final int WIDTH = 720;
    static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;
    /** Colours readable on white and by most colour-blind readers (Okabe-Ito). */
    static final String BLUE = "#0072B2";
    static final String ORANGE = "#E69F00";
    static final String RED = "#D55E00";
    static final String GREEN = "#009E73";
    static final String GREY = "#999999";

    private final StringBuilder body = new StringBuilder();
    private final String title;
    private double xMin;
    private double xMax;
    private double yMin;
    private double yMax;

    Svg(String title) {
        this.title = title;
    }

    /** Sets the data ranges (padded when empty) and draws the axes with their labels. */
    Svg axes(double x0, double x1, double y0, double y1, String xLabel, String yLabel) {
        if (!(x1 > x0)) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        if (!(y1 > y0)) {
            double pad = y0 == 0 ? 1 : Math.abs(y0) * 0.05;
            y0 -= pad;
            y1 += pad;
        }
        double yPad = (y1 - y0) * 0.05;
        xMin = x0;
        xMax = x1;
        yMin = y0 - yPad;
        yMax = y1 + yPad;
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>",
                LEFT, TOP, plotRight - LEFT, plotBottom - TOP));
        for (double t : ticks(xMin, xMax)) {
            double px = x(t);
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    px, plotBottom, px, plotBottom + 5, px, plotBottom + 18, label(t)));
        }
        for (double t : ticks(yMin, yMax)) {
            double py = y(t);
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT, py, plotRight, py, LEFT - 6, py + 4, label(t)));
        }
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                (LEFT + plotRight) / 2, HEIGHT - 10, escape(xLabel)));
        body.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, escape(yLabel)));
        return this;
    }

    /** Dots at (x[i], y[i]). */
    Svg points(double[] xs, double[] ys, String colour, double radius, String name) {
        body.append("<g fill=\"").append(colour).append("\" fill-opacity=\"0.7\"><title>").append(escape(name))
                .append("</title>");
        for (int i = 0; i < xs.length; i++) {
            body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", x(xs[i]), y(ys[i]),
                    radius));
        }
        body.append("</g>");
        return this;
    }

    /** A polyline through the points; {@code steps} draws it as a staircase (a best-so-far curve). */
    Svg line(double[] xs, double[] ys, String colour, double width, boolean steps, String name) {
        if (xs.length == 0) {
            return this;
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (i > 0 && steps) {
                path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(xs[i]), y(ys[i - 1])));
            }
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(xs[i]), y(ys[i])));
        }
        body.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width)
                .append("\" stroke-opacity=\"0.85\" points=\"").append(path.toString().trim()).append("\"><title>")
                .append(escape(name)).append("</title></polyline>");
        return this;
    }

    /** A legend entry in the top right corner, {@code row} from 0. */
    Svg legend(int row, String colour, String text) {
        int y = TOP + 14 + row * 16;
        int x = WIDTH - RIGHT - 190;
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"8\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                x, y - 8, colour, x + 18, y, escape(text)));
        return this;
    }

    /** The finished chart. */
    String render() {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\""
                        + " aria-label=\"%s\"><rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>"
                        + "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%s</svg>",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title), LEFT, escape(title), body);
    }

    /**
     * Horizontal bars, one per label, longest first as given, values in [0, max].
     */
    static String bars(String title, List<String> labels, List<Double> values, String valueLabel) {
        int rowHeight = 22;
        int height = TOP + 20 + rowHeight * Math.max(1, labels.size()) + 30;
        int labelWidth = 160;
        int plotWidth = WIDTH - labelWidth - RIGHT - 60;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        max = max > 0 ? max : 1;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + 10 + i * rowHeight;
            double w = plotWidth * values.get(i) / max;
            body.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>",
                    labelWidth - 8, y + 14, escape(labels.get(i)), labelWidth, y + 2, w, rowHeight - 6, BLUE,
                    escape(labels.get(i)), label(values.get(i)), labelWidth + w + 6, y + 14, label(values.get(i))));
        }
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                labelWidth + plotWidth / 2, height - 10, escape(valueLabel)));
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\""
                        + " aria-label=\"%s\"><rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>"
                        + "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%s</svg>",
                WIDTH, height, WIDTH, height, escape(title), LEFT, escape(title), body);
    }

    private double x(double v) {
        return LEFT + (v - xMin) / (xMax - xMin) * (WIDTH - RIGHT - LEFT);
    }

    private double y(double v) {
        return HEIGHT - BOTTOM - (v - yMin) / (yMax - yMin) * (HEIGHT - BOTTOM - TOP);
    }

    /** About five round tick values within [low, high]. */
    static List<Double> ticks(double low, double high) {
        double span = high - low;
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    /** A number in at most four significant digits. */
    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e5 || abs < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Text for element content: quotes stay as they are. */
    static String escapeText(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Text for element content or attribute values. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
