package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The suite's polling helper: what a failed wait tells the reader, and that it waits no longer than it must. */
class PollTest {
    @Test
    void returnsTheFirstObservationThatIsDoneWithoutWaitingForTheTimeout() {
        AtomicInteger looks = new AtomicInteger();

        int seen = Poll.until("three looks", Duration.ofMinutes(5), Duration.ZERO, looks::incrementAndGet, n -> n == 3,
                String::valueOf);

        assertThat(seen).isEqualTo(3);
        assertThat(looks).hasValue(3);
    }

    @Test
    void aWaitThatEndsUnfulfilledNamesWhatItAwaitedAndWhatItSawLast() {
        AtomicInteger looks = new AtomicInteger();

        assertThatThrownBy(() -> Poll.until("a report in logs/", Duration.ZERO, looks::incrementAndGet, n -> false,
                n -> "look number " + n))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Waited 0 s for a report in logs/; last seen: look number 1");
    }

    @Test
    void aLongLastObservationIsQuotedByItsEnd() {
        String log = "x".repeat(20_000) + "the line that matters";

        assertThatThrownBy(() -> Poll.until("a line", Duration.ZERO, () -> log, text -> false))
                .hasMessageContaining("the line that matters (last 16000 characters)")
                .hasMessageNotContaining("x".repeat(16_001));
    }

    @Test
    void anObservationThatThrowsEndsTheWaitAtOnce() {
        AssertionError exited = new AssertionError("Openfire exited");

        assertThatThrownBy(() -> Poll.until("a line", Duration.ofMinutes(5), () -> {
            throw exited;
        }, text -> false)).isSameAs(exited);
    }

    @Test
    void throughoutFailsAtTheFirstCheckThatDoesNotHold() {
        List<Integer> requests = List.of(1);

        assertThatThrownBy(() -> Poll.throughout(Duration.ofMinutes(5), () -> assertThat(requests).isEmpty()))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void throughoutChecksOnceMoreAtTheEndOfItsWindow() {
        AtomicInteger checks = new AtomicInteger();

        Poll.throughout(Duration.ZERO, checks::incrementAndGet);

        assertThat(checks).hasValue(1);
    }
}
