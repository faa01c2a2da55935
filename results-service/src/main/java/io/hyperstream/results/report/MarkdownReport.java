package io.hyperstream.results.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Renders a report as Markdown; each figure is an image whose source is the SVG itself (a
 * {@code data:image/svg+xml;base64} URI), so the file stands alone.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(ReportContent content) {
        StringBuilder md = new StringBuilder();
        for (ReportContent.Block block : content.blocks()) {
            if (block instanceof ReportContent.Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof ReportContent.Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (block instanceof ReportContent.Table t) {
                md.append(row(t.header())).append('|');
                t.header().forEach(c -> md.append("---|"));
                md.append('\n');
                t.rows().forEach(r -> md.append(row(r)).append('\n'));
                md.append('\n');
            } else if (block instanceof ReportContent.Code c) {
                md.append("```").append(c.language()).append('\n').append(c.text());
                if (!c.text().endsWith("\n")) {
                    md.append('\n');
                }
                md.append("```\n\n");
            } else if (block instanceof ReportContent.Figure f) {
                md.append("![").append(f.caption()).append("](data:image/svg+xml;base64,")
                        .append(Base64.getEncoder().encodeToString(f.svg().getBytes(StandardCharsets.UTF_8)))
                        .append(")\n\n*").append(f.caption()).append("*\n\n");
            }
        }
        return md.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        cells.forEach(c -> row.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
        return row.toString();
    }
}
