package org.systemmetrics.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.systemmetrics.testing.MemorySharedValue;

class SendLedgerTest {
    private static final Duration PERIOD = Duration.ofHours(3);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theFirstClaimIsGrantedAndRecorded() {
        MemorySharedValue lastSent = new MemorySharedValue();

        assertThat(new SendLedger(lastSent).claim(T0, PERIOD).granted()).isTrue();
        assertThat(lastSent.get()).contains(Long.toString(T0.toEpochMilli()));
    }

    @Test
    void aPeriodSomeNodeAlreadySentForIsCoveredUntilItEnds() {
        MemorySharedValue lastSent = new MemorySharedValue(Long.toString(T0.toEpochMilli()));

        SendLedger.Claim claim = new SendLedger(lastSent).claim(T0.plus(Duration.ofMinutes(20)), PERIOD);

        assertThat(claim.granted()).isFalse();
        assertThat(claim.coveredUntil()).contains(T0.plus(PERIOD));
        assertThat(lastSent.writes()).isZero();
    }

    @Test
    void theNextPeriodMayBeClaimedEvenWhenTheTimerFiresAFewSecondsEarly() {
        MemorySharedValue lastSent = new MemorySharedValue(Long.toString(T0.toEpochMilli()));

        assertThat(new SendLedger(lastSent).claim(T0.plus(PERIOD).minusSeconds(5), PERIOD).granted()).isTrue();
    }

    @Test
    void whenTwoNodesClaimTheSamePeriodOnlyOneIsGranted() {
        Instant other = T0.plusMillis(3);
        MemorySharedValue lastSent = new MemorySharedValue().raceBeforeNextWrite(Long.toString(other.toEpochMilli()));

        SendLedger.Claim claim = new SendLedger(lastSent).claim(T0, PERIOD);

        assertThat(claim.granted()).isFalse();
        assertThat(claim.coveredUntil()).contains(other.plus(PERIOD));
    }

    @Test
    void aTimeFarInTheFutureFromANodeWithAWrongClockDoesNotSilenceTheCluster() {
        MemorySharedValue lastSent = new MemorySharedValue(Long.toString(T0.plus(Duration.ofDays(30)).toEpochMilli()));

        assertThat(new SendLedger(lastSent).claim(T0, PERIOD).granted()).isTrue();
    }

    @Test
    void anUnreadableRecordIsReplaced() {
        MemorySharedValue lastSent = new MemorySharedValue("yesterday");

        assertThat(new SendLedger(lastSent).claim(T0, PERIOD).granted()).isTrue();
        assertThat(lastSent.get()).contains(Long.toString(T0.toEpochMilli()));
    }
}
