package io.hyperstream.results.report;

/** Renders a report as one self-contained HTML page: inline CSS and inline SVG figures, nothing fetched. */
public final class HtmlReport {

    private static final String STYLE = "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
            + "color:#222;line-height:1.45}table{border-collapse:collapse;margin:0.5rem 0 1rem}"
            + "td,th{border:1px solid #ccc;padding:0.25rem 0.6rem;text-align:left}th{background:#f3f3f3}"
            + "pre{background:#f6f6f6;padding:0.8rem;overflow:auto}figure{margin:1rem 0}"
            + "figcaption{color:#555;font-size:0.9rem}svg{max-width:100%;height:auto}";

    private HtmlReport() {
    }

    public static String render(ReportContent content) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(Svg.escapeText(content.title())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        for (ReportContent.Block block : content.blocks()) {
            if (block instanceof ReportContent.Heading h) {
                html.append("<h").append(h.level()).append('>').append(Svg.escapeText(h.text())).append("</h")
                        .append(h.level()).append(">\n");
            } else if (block instanceof ReportContent.Paragraph p) {
                html.append("<p>").append(Svg.escapeText(p.text())).append("</p>\n");
            } else if (block instanceof ReportContent.Table t) {
                html.append("<table>");
                if (t.header().stream().anyMatch(c -> !c.isEmpty())) {
                    html.append("<tr>");
                    t.header().forEach(c -> html.append("<th>").append(Svg.escapeText(c)).append("</th>"));
                    html.append("</tr>");
                }
                for (var row : t.rows()) {
                    html.append("<tr>");
                    row.forEach(c -> html.append("<td>").append(Svg.escapeText(c)).append("</td>"));
                    html.append("</tr>");
                }
                html.append("</table>\n");
            } else if (block instanceof ReportContent.Code c) {
                html.append("<pre><code class=\"language-").append(c.language()).append("\">")
                        .append(Svg.escapeText(c.text())).append("</code></pre>\n");
            } else if (block instanceof ReportContent.Figure f) {
                html.append("<figure>").append(f.svg()).append("<figcaption>").append(Svg.escapeText(f.caption()))
                        .append("</figcaption></figure>\n");
            }
        }
        return html.append("</body></html>\n").toString();
    }
}
