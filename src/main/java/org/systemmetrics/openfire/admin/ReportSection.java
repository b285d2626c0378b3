package org.systemmetrics.openfire.admin;

import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.core.report.ReportFileWriter;

/** The last report exactly as the file holds it, so the administrator sees what left (or would leave) the server. */
final class ReportSection {
    private final Messages messages;
    private final NewFieldsSection newFields;

    ReportSection(Messages messages, NewFieldsSection newFields) {
        this.messages = messages;
        this.newFields = newFields;
    }

    void render(Html out, PageModel page) {
        out.raw("<div class=\"jive-contentBoxHeader\">").text(messages.get("report.title")).raw("</div>")
                .raw("<div class=\"jive-contentBox\" id=\"sm-report\">");
        if (page.reportJson.isEmpty()) {
            out.raw("<p id=\"sm-report-none\">").text(messages.get("report.none", page.reportFile.toAbsolutePath().toString()))
                    .raw("</p></div>");
            return;
        }
        out.element("p", null, messages.get("report.intro", page.reportFile.toAbsolutePath().toString()))
                .raw("<p><a id=\"sm-download\"").attr("download", ReportFileWriter.FILE_NAME).raw(" href=\"")
                .raw(AdminPage.PAGE_URL + SystemMetricsAdminServlet.DOWNLOAD_PATH).raw("\">")
                .text(messages.get("report.download")).raw("</a></p>");
        newFields.markIn(out, "sm-report-new", ReportFields.presentInJson(page.reportJson.get(), page.unseenFields.keySet()));
        out.raw("<pre class=\"sm-json\" id=\"sm-report-json\">").text(page.reportJson.get()).raw("</pre></div>");
    }
}
