package org.systemmetrics.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery history the page shows: the last twenty per destination, newest first, safe from any thread. */
class DeliveryHistoryTest {
    private final Delivery delivery = new Delivery("1.0.0", "5.1.1");

    @AfterEach
    void close() {
        delivery.close();
    }

    private static DeliveryOutcome outcome(String destination, int n) {
        return new DeliveryOutcome(destination, Instant.EPOCH.plusSeconds(n), Duration.ofMillis(n), 1, 204, null,
                List.of());
    }

    @Test
    void keepsTheLastTwentyPerDestinationNewestFirst() {
        for (int i = 0; i < 25; i++) {
            delivery.record(List.of(outcome("G-A", i)));
        }
        delivery.record(List.of(outcome("G-B", 99)));

        List<DeliveryOutcome> a = delivery.recentOutcomes().get("G-A");
        assertThat(a).hasSize(20);
        assertThat(a.get(0).startedAt()).isEqualTo(Instant.EPOCH.plusSeconds(24));
        assertThat(a.get(19).startedAt()).isEqualTo(Instant.EPOCH.plusSeconds(5));
        assertThat(delivery.recentOutcomes().get("G-B")).hasSize(1);
        assertThat(delivery.recentOutcomes()).doesNotContainKey("G-C");
    }

    @Test
    void aSnapshotDoesNotChangeAfterwards() {
        delivery.record(List.of(outcome("G-A", 1)));
        var snapshot = delivery.recentOutcomes();

        delivery.record(List.of(outcome("G-A", 2)));

        assertThat(snapshot.get("G-A")).hasSize(1);
    }

    @Test
    void recordingFromManyThreadsLosesNothingAndKeepsTheBound() {
        CompletableFuture.allOf(IntStream.range(0, 8).mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 500; i++) {
                delivery.record(List.of(outcome("G-" + (i % 3), i)));
                delivery.recentOutcomes();
            }
        })).toArray(CompletableFuture[]::new)).join();

        assertThat(delivery.recentOutcomes()).hasSize(3)
                .allSatisfy((d, list) -> assertThat(list).hasSize(Delivery.HISTORY_PER_DESTINATION));
    }
}
