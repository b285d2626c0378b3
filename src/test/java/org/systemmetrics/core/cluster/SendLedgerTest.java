package org.systemmetrics.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.MemorySharedStore;

/**
 * One send per period, decided on the database's clock: each claim inserts the next generation row, which only one
 * node can insert; the nodes' own clocks neither double nor delay a report, and a node whose clock is off is told.
 */
class SendLedgerTest {
    private static final Duration PERIOD = Duration.ofHours(3);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BASE = "systemmetrics.last_sent_at";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    private static SendLedger ledger(MemorySharedStore db) {
        return new SendLedger(db, BASE);
    }

    @Test
    void theFirstClaimIsGrantedAndRecordedAsGenerationOne() {
        MemorySharedStore db = new MemorySharedStore(T0);

        assertThat(ledger(db).claim(T0, PERIOD)).isEmpty();
        assertThat(db.rows()).containsOnlyKeys(BASE + ".1").containsEntry(BASE + ".1", Optional.of(millis(T0)));
    }

    @Test
    void eachGrantedClaimIsTheNextGenerationAndOnlyTheOnesBeforeTheReplacedOneAreRemoved() {
        MemorySharedStore db = new MemorySharedStore(T0).row(BASE + ".6", millis(T0.minus(PERIOD)))
                .row(BASE + ".7", millis(T0.minus(PERIOD)));

        assertThat(ledger(db).claim(T0, PERIOD)).isEmpty();
        assertThat(db.rows()).containsOnlyKeys(BASE + ".7", BASE + ".8");
    }

    @Test
    void aNodeWhoseScanMissedTheWinnersNewRowStillFindsThePeriodTaken() {
        MemorySharedStore db = new MemorySharedStore(T0).row(BASE + ".9", millis(T0.minus(PERIOD)));
        assertThat(ledger(db).claim(T0, PERIOD)).isEmpty();

        // Another senior's scan ran while .10 was being inserted (".10" sorts before ".9") and did not see it.
        db.at(T0.plusSeconds(1)).nextScanMisses(BASE + ".10");
        Optional<Instant> racing = ledger(db).claim(T0.plusSeconds(1), PERIOD);

        assertThat(racing).as("a second report in the same period").isPresent();
        assertThat(racing).contains(T0.plus(PERIOD));
        assertThat(db.rows()).containsOnlyKeys(BASE + ".9", BASE + ".10");
    }

    @Test
    void theRecordAnEarlierVersionKeptUnderTheBareNameCountsAndIsReplaced() {
        MemorySharedStore db = new MemorySharedStore(T0.plus(Duration.ofMinutes(20))).row(BASE, millis(T0));

        assertThat(ledger(db).claim(T0.plus(Duration.ofMinutes(20)), PERIOD)).isPresent();
        db.at(T0.plus(PERIOD));
        assertThat(ledger(db).claim(T0.plus(PERIOD), PERIOD)).isEmpty();
        assertThat(db.rows()).containsOnlyKeys(BASE, BASE + ".1");
        db.at(T0.plus(PERIOD).plus(PERIOD));
        assertThat(ledger(db).claim(T0.plus(PERIOD).plus(PERIOD), PERIOD)).isEmpty();
        assertThat(db.rows()).containsOnlyKeys(BASE + ".1", BASE + ".2");
    }

    @Test
    void aPeriodSomeNodeAlreadySentForIsCoveredUntilItEnds() {
        MemorySharedStore db = new MemorySharedStore(T0.plus(Duration.ofMinutes(20))).row(BASE + ".3", millis(T0));

        Optional<Instant> claim = ledger(db).claim(T0.plus(Duration.ofMinutes(20)), PERIOD);

        assertThat(claim).isPresent();
        assertThat(claim).contains(T0.plus(PERIOD));
        assertThat(db.writes()).isZero();
    }

    @Test
    void theNextPeriodMayBeClaimedEvenWhenTheTimerFiresAFewSecondsEarly() {
        Instant early = T0.plus(PERIOD).minusSeconds(5);
        MemorySharedStore db = new MemorySharedStore(early).row(BASE + ".1", millis(T0));

        assertThat(ledger(db).claim(early, PERIOD)).isEmpty();
    }

    @Test
    void whenTwoNodesClaimTheSamePeriodOnlyOneIsGranted() {
        Instant other = T0.plusMillis(3);
        MemorySharedStore db = new MemorySharedStore(T0).raceBeforeNextWrite(BASE + ".1", millis(other));

        Optional<Instant> claim = ledger(db).claim(T0, PERIOD);

        assertThat(claim).isPresent();
        assertThat(claim).contains(other.plus(PERIOD));
        assertThat(db.rows()).containsOnlyKeys(BASE + ".1").containsEntry(BASE + ".1", Optional.of(millis(other)));
    }

    @Test
    void aNodeFourHoursBehindRecordsTheDatabasesTimeSoACorrectNodeIsNotGrantedTheSamePeriodAMinuteLater() {
        Duration behind = Duration.ofHours(4);
        Instant sentByCorrectNode = T0;
        MemorySharedStore db = new MemorySharedStore(T0.plus(PERIOD)).row(BASE + ".1", millis(sentByCorrectNode));

        // The node whose clock is 4 h behind becomes senior when the period ends: it sends, on time.
        assertThat(ledger(db).claim(T0.plus(PERIOD).minus(behind), PERIOD)).isEmpty();
        assertThat(db.rows()).containsEntry(BASE + ".2", Optional.of(millis(T0.plus(PERIOD))));
        assertThat(logs.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("this node's clock is 240 min behind the database's clock"));

        // A correct node becoming senior a minute later finds the period taken, until it ends.
        Instant minuteLater = T0.plus(PERIOD).plus(Duration.ofMinutes(1));
        db.at(minuteLater);
        Optional<Instant> correct = ledger(db).claim(minuteLater, PERIOD);
        assertThat(correct).isPresent();
        assertThat(correct).contains(T0.plus(PERIOD).plus(PERIOD));
    }

    @Test
    void aNodeFiftyMinutesAheadDoesNotDelayTheNextSenior() {
        Duration ahead = Duration.ofMinutes(50);
        MemorySharedStore db = new MemorySharedStore(T0);
        assertThat(ledger(db).claim(T0.plus(ahead), PERIOD)).isEmpty();
        assertThat(logs.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("this node's clock is 50 min ahead of the database's clock"));

        db.at(T0.plus(PERIOD));
        assertThat(ledger(db).claim(T0.plus(PERIOD), PERIOD)).isEmpty();
    }

    @Test
    void aNodeThatDoesNotClaimIsToldOfItsWrongClockOncePerChangeNotAtEveryRun() {
        MemorySharedStore db = new MemorySharedStore(T0);
        SendLedger ledger = ledger(db);

        ledger.checkClock(T0.minus(Duration.ofHours(4)));
        ledger.checkClock(T0.minus(Duration.ofHours(4)).plusSeconds(20)); // the same skew, measured a little apart
        assertThat(logs.at(Level.WARN)).singleElement().asString()
                .contains("this node's clock is 240 min behind the database's clock");

        db.at(T0.plus(PERIOD)); // a period later the clock has been stepped further off: said again
        ledger.checkClock(T0.plus(PERIOD).minus(Duration.ofHours(5)));
        assertThat(logs.at(Level.WARN)).hasSize(2).last().asString().contains("300 min behind");

        ledger.checkClock(T0.plus(PERIOD)); // set right
        assertThat(logs.at(Level.INFO)).anySatisfy(line -> assertThat(line).contains("agrees with the database's"));
        ledger.checkClock(T0.plus(PERIOD).minus(Duration.ofHours(5))); // and wrong again: said again
        assertThat(logs.at(Level.WARN)).hasSize(3);
    }

    @Test
    void aMemberWhoseDatabaseClockCannotBeReadGoesOnAndSaysSoOnlyAtDebug() {
        SendLedger ledger = ledger(new MemorySharedStore(T0).clockUnreadable());

        ledger.checkClock(T0); // a member's run goes on: the check must not throw

        assertThat(logs.at(Level.DEBUG)).singleElement().asString()
                .contains("could not compare this node's clock with the database's")
                .contains("connection to the database refused");
        assertThat(logs.at(Level.WARN)).isEmpty();
        assertThat(logs.at(Level.ERROR)).isEmpty();
    }

    @Test
    void theClaimingNodeIsAlsoToldOnceNotAtEveryPeriod() {
        Duration behind = Duration.ofHours(4);
        MemorySharedStore db = new MemorySharedStore(T0);
        SendLedger ledger = ledger(db);

        assertThat(ledger.claim(T0.minus(behind), PERIOD)).isEmpty();
        db.at(T0.plus(PERIOD));
        assertThat(ledger.claim(T0.plus(PERIOD).minus(behind), PERIOD)).isEmpty();

        assertThat(logs.at(Level.WARN)).singleElement().asString().contains("240 min behind");
    }

    @Test
    void theCoveredPeriodIsTranslatedToTheClaimingNodesOwnClock() {
        Duration behind = Duration.ofHours(4);
        Instant dbNow = T0.plus(Duration.ofMinutes(30));
        MemorySharedStore db = new MemorySharedStore(dbNow).row(BASE + ".1", millis(T0));

        Optional<Instant> claim = ledger(db).claim(dbNow.minus(behind), PERIOD);

        // Its timer runs on its own clock: the period ends 2.5 h from now, whatever the clock says.
        assertThat(claim).contains(dbNow.minus(behind).plus(Duration.ofMinutes(150)));
    }

    @Test
    void aRecordedTimeAheadOfTheDatabasesClockIsHonouredForOnePeriodAtMostAndNamed() {
        Instant recorded = T0.plus(Duration.ofMinutes(50)); // written by an earlier version from a node's clock
        MemorySharedStore db = new MemorySharedStore(T0).row(BASE, millis(recorded));

        Optional<Instant> claim = ledger(db).claim(T0, PERIOD);

        assertThat(claim).isPresent();
        assertThat(claim).contains(recorded.plus(PERIOD));
        assertThat(logs.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("recorded 50 min ahead of the database's clock").contains("honoured"));
    }

    @Test
    void aRecordedTimeMoreThanAPeriodAheadIsNotHonouredButReplacedAndNamed() {
        Instant recorded = T0.plus(Duration.ofDays(30));
        MemorySharedStore db = new MemorySharedStore(T0).row(BASE + ".4", millis(recorded));

        assertThat(ledger(db).claim(T0, PERIOD)).isEmpty();
        assertThat(db.rows()).containsOnlyKeys(BASE + ".4", BASE + ".5")
                .containsEntry(BASE + ".5", Optional.of(millis(T0)));
        // The next claim goes by the newest generation, not by the far-future time the replaced one still holds.
        db.at(T0.plus(PERIOD));
        assertThat(ledger(db).claim(T0.plus(PERIOD), PERIOD)).isEmpty();
        assertThat(logs.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("recorded 43200 min ahead of the database's clock").contains("replaced"));
    }

    @Test
    void anEncryptedOrUnreadableRecordDoesNotStopTheLedger() {
        MemorySharedStore encrypted = new MemorySharedStore(T0).encryptedRow(BASE + ".12");
        assertThat(ledger(encrypted).claim(T0, PERIOD)).isEmpty();
        assertThat(encrypted.rows()).containsOnlyKeys(BASE + ".12", BASE + ".13");

        MemorySharedStore garbled = new MemorySharedStore(T0).row(BASE, "yesterday");
        assertThat(ledger(garbled).claim(T0, PERIOD)).isEmpty();
        assertThat(garbled.rows()).containsOnlyKeys(BASE, BASE + ".1");
    }

    @Test
    void namesThatAreNotGenerationsAreNeitherCountedNorRemoved() {
        MemorySharedStore db = new MemorySharedStore(T0).row(BASE + ".note", millis(T0)).row(BASE + ".-3", millis(T0));

        assertThat(ledger(db).claim(T0, PERIOD)).isEmpty();
        assertThat(db.rows()).containsOnlyKeys(BASE + ".note", BASE + ".-3", BASE + ".1");
    }
}
