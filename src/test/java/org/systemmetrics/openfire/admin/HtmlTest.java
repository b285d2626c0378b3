package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupAndQuotesFromOutsideBecomeText() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("a \"quoted\" 'value' & more"))
                .isEqualTo("a &quot;quoted&quot; &#39;value&#39; &amp; more");
    }

    @Test
    void plainTextAndNullNeedNoWork() {
        assertThat(Html.escape("G-ABC123 4.9.2")).isEqualTo("G-ABC123 4.9.2");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("")).isEmpty();
    }

    @Test
    void attributeValuesCannotBreakOutOfTheirQuotes() {
        String html = new Html(BundleMessages.english(), null).raw("<input").attr("value", "\" onfocus=\"alert(1)")
                .raw(">").toString();
        assertThat(html).isEqualTo("<input value=\"&quot; onfocus=&quot;alert(1)\">");
    }

    @Test
    void elementsEscapeTheirContent() {
        assertThat(new Html(BundleMessages.english(), null).element("td", "x", "<b>").toString())
                .isEqualTo("<td class=\"x\">&lt;b&gt;</td>");
        assertThat(new Html(BundleMessages.english(), null).row(null, List.of("<b>", "x")).toString())
                .isEqualTo("<tr><td>&lt;b&gt;</td><td>x</td></tr>");
    }
}
