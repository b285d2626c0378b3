package org.systemmetrics.openfire.admin;

import java.util.List;

/**
 * Builds the page's HTML in the administrator's language and the server's time zone. Every value goes through
 * {@link #text} or {@link #attr}, which escape it: plugin names, versions, error texts and GA's messages come from
 * outside and may contain markup. {@link #raw} is only for markup written in this package.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(16 * 1024);
    final Messages messages;
    final TimeText time;

    Html(Messages messages, TimeText time) {
        this.messages = messages;
        this.time = time;
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

    /** An element with escaped text content and an optional class. */
    Html element(String tag, String cssClass, Object content) {
        out.append('<').append(tag);
        if (cssClass != null) {
            attr("class", cssClass);
        }
        out.append('>').append(escape(content)).append("</").append(tag).append('>');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
