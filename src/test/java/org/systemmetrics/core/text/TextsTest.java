package org.systemmetrics.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
    private final Texts texts = Texts.of(TextsTest.class);

    @Test
    void anApostropheIsKeptAsWritten() {
        assertThat(texts.get("plain")).isEqualTo("key 'report' is set; it wins");
        assertThat(texts.get("two", "no-report", "no_report"))
                .isEqualTo("key 'no-report' is a misspelling of 'no_report'");
    }

    @Test
    void argumentsGoWhereTheirNumberStandsAsStringValueOfWritesThem() {
        assertThat(texts.get("repeated", "a", null)).isEqualTo("a and a again, null once");
        assertThat(texts.get("number", 12345)).isEqualTo("retried 12345 times");
    }

    @Test
    void anArgumentWithDollarOrBackslashIsNotReadAsAReplacementPattern() {
        assertThat(texts.get("number", "$1\\x")).isEqualTo("retried $1\\x times");
    }

    @Test
    void bracesThatAreNoArgumentStayAsWritten() {
        assertThat(texts.get("braces")).isEqualTo("a {literal} brace and {7} without an argument");
    }

    @Test
    void aMissingKeyShowsItselfAndItsArgumentsInsteadOfFailing() {
        assertThat(texts.get("no.such.key", "x", 2)).isEqualTo("no.such.key [x, 2]");
        assertThat(Texts.of(String.class).get("plain")).isEqualTo("plain");
    }
}
