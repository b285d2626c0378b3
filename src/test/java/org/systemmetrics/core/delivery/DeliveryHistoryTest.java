package org.systemmetrics.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeliveryHistoryTest {
    private static DeliveryOutcome outcome(String destination, int n) {
        return DeliveryOutcome.of(destination, Instant.EPOCH.plusSeconds(n), Duration.ofMillis(n), 1, 204, null,
                List.of());
    }

    @Test
    void keepsTheLastTwentyPerDestinationNewestFirst() {
        DeliveryHistory history = new DeliveryHistory();
        for (int i = 0; i < 25; i++) {
            history.record(outcome("G-A", i));
        }
        history.record(outcome("G-B", 99));

        List<DeliveryOutcome> a = history.snapshot().get("G-A");
        assertThat(a).hasSize(20);
        assertThat(a.get(0).startedAt()).isEqualTo(Instant.EPOCH.plusSeconds(24));
        assertThat(a.get(19).startedAt()).isEqualTo(Instant.EPOCH.plusSeconds(5));
        assertThat(history.of("G-B")).hasSize(1);
        assertThat(history.of("G-C")).isEmpty();
    }

    @Test
    void aSnapshotDoesNotChangeAfterwards() {
        DeliveryHistory history = new DeliveryHistory();
        history.record(outcome("G-A", 1));
        var snapshot = history.snapshot();

        history.record(outcome("G-A", 2));

        assertThat(snapshot.get("G-A")).hasSize(1);
    }

    @Test
    void recordingFromManyThreadsLosesNothingAndKeepsTheBound() {
        DeliveryHistory history = new DeliveryHistory();
        CompletableFuture.allOf(IntStream.range(0, 8).mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 500; i++) {
                history.record(outcome("G-" + (i % 3), i));
                history.snapshot();
            }
        })).toArray(CompletableFuture[]::new)).join();

        assertThat(history.snapshot()).hasSize(3).allSatisfy((d, list) -> assertThat(list).hasSize(DeliveryHistory.DEFAULT_CAPACITY));
    }
}
