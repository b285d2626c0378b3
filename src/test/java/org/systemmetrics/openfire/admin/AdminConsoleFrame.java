package org.systemmetrics.openfire.admin;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * A rough stand-in for Openfire's Sitemesh decorator, so screenshots look like an admin console page: it
 * takes the page's title, head and body and puts them into a frame with a header, the Server Settings
 * sidebar and a sketch of the console's jive-* styles. The sidebar entry is highlighted only when the page
 * names it in its pageID meta tag, as in Openfire. It is not Openfire's stylesheet.
 */
final class AdminConsoleFrame implements Filter {
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern HEAD = Pattern.compile("<head>(.*?)</head>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<body>(.*)</body>", Pattern.DOTALL);
    private static final String STYLE = "<style>"
            + "body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#222;background:#fff}"
            + "#of-header{background:#2b4f7e;color:#fff;padding:10px 16px;font-size:18px}"
            + "#of-header span{font-size:11px;opacity:.8;margin-left:12px}"
            + "#of-tabs{background:#dfe6ee;padding:6px 16px;border-bottom:1px solid #b8c4d2}"
            + "#of-tabs b{background:#fff;padding:5px 12px;border:1px solid #b8c4d2;border-bottom:none}"
            + "#of-main{display:flex}"
            + "#of-sidebar{width:190px;padding:12px;background:#f4f6f9;border-right:1px solid #dde3ea;min-height:600px}"
            + "#of-sidebar div{padding:3px 6px}#of-sidebar .head{font-weight:bold;margin-top:8px}"
            + "#of-sidebar .current{background:#2b4f7e;color:#fff}"
            + "#of-content{padding:12px 20px;flex:1;max-width:1000px}"
            + "#of-content h1{font-size:20px;margin:4px 0 12px 0}"
            + ".jive-contentBoxHeader{font-weight:bold;background:#eef1f5;border:1px solid #ccd5df;padding:5px 8px;margin-top:16px}"
            + ".jive-contentBox{border:1px solid #ccd5df;border-top:none;padding:10px}"
            + ".jive-table{border-collapse:collapse;width:100%}"
            + ".jive-table th{background:#eef1f5;text-align:left;padding:4px 6px;border:1px solid #ccd5df}"
            + ".jive-table td{padding:4px 6px;border:1px solid #e1e6ec}"
            + ".jive-success{background:#e3f6e0;border:1px solid #88c57f;padding:6px 8px}"
            + ".jive-error{background:#fbe3e3;border:1px solid #d98b8b;padding:6px 8px}"
            + ".jive-info{background:#e6eef8;border:1px solid #93acd0;padding:6px 8px}"
            + ".jive-warning{background:#fdf5d9;border:1px solid #d9c16b;padding:6px 8px}"
            + "</style>";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        Capture capture = new Capture((HttpServletResponse) res);
        chain.doFilter(req, capture);
        String html = capture.captured();
        String type = res.getContentType();
        if (html.isEmpty() || type == null || !type.startsWith("text/html")) {
            if (!html.isEmpty()) {
                res.getWriter().write(html);
            }
            return;
        }
        String head = group(HEAD, html);
        boolean current = head.contains("name=\"pageID\" content=\"" + AdminPage.PAGE_ID + "\"");
        res.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Openfire Admin Console: "
                + group(TITLE, html) + "</title>" + STYLE + head + "</head><body>"
                + "<div id=\"of-header\">Openfire Admin Console<span>test stand-in for the decorator</span></div>"
                + "<div id=\"of-tabs\"><b>Server</b> &nbsp; Users/Groups &nbsp; Sessions &nbsp; Group Chat &nbsp; Plugins</div>"
                + "<div id=\"of-main\"><div id=\"of-sidebar\"><div class=\"head\">Server Manager</div>"
                + "<div class=\"head\">Server Settings</div><div>Client Connections</div><div>Server to Server</div>"
                + "<div" + (current ? " class=\"current\" id=\"of-current\"" : "") + ">System Metrics</div>"
                + "<div>Security Audit</div></div><div id=\"of-content\"><h1>" + group(TITLE, html) + "</h1>"
                + group(BODY, html) + "</div></div></body></html>");
    }

    private static String group(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    /** Holds back what the page writes as text; binary output (the download) goes straight through. */
    private static final class Capture extends HttpServletResponseWrapper {
        private final CharArrayWriter buffer = new CharArrayWriter();
        private final PrintWriter writer = new PrintWriter(buffer);

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        String captured() {
            writer.flush();
            return buffer.toString();
        }
    }
}
