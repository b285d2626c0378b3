package org.systemmetrics.openfire.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Builds the page's HTML in the administrator's language and the server's time zone. Every value goes through
 * {@link #text} or {@link #attr}, which escape it: plugin names, versions, error texts and GA's messages come from
 * outside and may contain markup. {@link #raw} is only for markup written in this package.
 */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final StringBuilder out = new StringBuilder(16 * 1024);
    final Messages messages;
    private final Clock clock;

    /** @param clock the time now, in the server's time zone */
    Html(Messages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** For element content and quoted attribute values alike. */
    static String escape(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder escaped = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&': escaped.append("&amp;"); break;
                case '<': escaped.append("&lt;"); break;
                case '>': escaped.append("&gt;"); break;
                case '"': escaped.append("&quot;"); break;
                case '\'': escaped.append("&#39;"); break;
                default: escaped.append(c);
            }
        }
        return escaped.toString();
    }

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html text(Object value) {
        out.append(escape(value));
        return this;
    }

    String words(String key, Object... args) {
        return messages.get(key, args);
    }

    Html say(String key, Object... args) {
        return text(words(key, args));
    }

    /** The header and the opening of one of the page's boxes, closed by the caller. */
    Html section(String titleKey, String id) {
        return raw("<div class=\"jive-contentBoxHeader\">").say(titleKey).raw("</div><div class=\"jive-contentBox\"")
                .attr("id", id).raw(">");
    }

    /** The opening of a form posting to the page, with the CSRF token every POST must carry; closed by the caller. */
    Html postForm(String id, String csrfToken) {
        return raw("<form method=\"post\" action=\"").raw(AdminPage.PAGE_URL).raw("\"").attr("id", id).raw(">")
                .raw("<input type=\"hidden\"").attr("name", CsrfGuard.PARAMETER).attr("value", csrfToken).raw(">");
    }

    /** A table's opening and its header row, the column titles by key; the caller writes the rows and closes it. */
    Html tableHead(String cssClass, String id, List<String> titleKeys) {
        raw("<table").attr("class", cssClass).attr("id", id).raw("><thead><tr>");
        titleKeys.forEach(key -> raw("<th scope=\"col\">").say(key).raw("</th>"));
        return raw("</tr></thead><tbody>");
    }

    Html attr(String name, Object value) {
        out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        return this;
    }

    Html element(String tag, String cssClass, Object content) {
        return open(tag, cssClass).text(content).raw("</" + tag + ">");
    }

    /** A row of the table {@link #tableHead} opened, each cell escaped; {@code cssClass} may be null. */
    Html row(String cssClass, List<String> cells) {
        open("tr", cssClass);
        cells.forEach(cell -> element("td", null, cell));
        return raw("</tr>");
    }

    private Html open(String tag, String cssClass) {
        raw("<" + tag);
        if (cssClass != null) {
            attr("class", cssClass);
        }
        return raw(">");
    }

    String at(Instant instant) {
        return TIME.format(instant.atZone(clock.getZone()));
    }

    /** Whether {@code instant} has come: a report due then is being made, so the page says "now", never a past time. */
    boolean isDue(Instant instant) {
        return !instant.isAfter(clock.instant());
    }

    /**
     * Time left until {@code instant} (zero when it is due) as a coarse, unit-only span ("3 d 4 h", "2 h 5 min",
     * "40 s") that reads the same in every language.
     */
    String untilNow(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        Duration d = left.isNegative() ? Duration.ZERO : left;
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" : d.getSeconds() + " s";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
