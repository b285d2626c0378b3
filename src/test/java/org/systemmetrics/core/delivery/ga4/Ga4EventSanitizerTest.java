package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.report.Event;

class Ga4EventSanitizerTest {
    @Test
    void shorteningNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        String value = "a".repeat(98) + emoji + "tail";

        String shortened = Ga4EventSanitizer.shorten(value);

        assertThat(shortened).isEqualTo("a".repeat(98) + "\u2026");
        assertThat(Ga4EventSanitizer.shorten("b".repeat(200))).hasSize(100).isEqualTo(Ga4EventSanitizer.shorten("b".repeat(150)));
    }

    @Test
    void aValueOfExactlyOneHundredCharactersIsSentAsItIs() {
        String value = "c".repeat(100);

        List<Event> sanitized = new Ga4EventSanitizer().sanitize(List.of(Event.named("e").param("v", value).build()));

        assertThat(sanitized.get(0).params()).containsEntry("v", value);
    }

    @Test
    void eventsKeepTheirOrderAndParametersTheirs() {
        List<Event> sanitized = new Ga4EventSanitizer().sanitize(List.of(
                Event.named("b").param("z", 1).param("a", 2).build(), Event.named("a").build()));

        assertThat(sanitized).extracting(Event::name).containsExactly("b", "a");
        assertThat(sanitized.get(0).params().keySet()).containsExactly("z", "a");
    }
}
