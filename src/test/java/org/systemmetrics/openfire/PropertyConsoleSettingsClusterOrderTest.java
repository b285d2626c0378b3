package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.config.Consent;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.LogCapture;

/**
 * A console save as another node of a cluster receives it. Openfire sends each property write to the other nodes as
 * its own asynchronous cluster task, so node B's property cache may get the writes in any order; the database has
 * them in the order the saving node wrote them.
 */
class PropertyConsoleSettingsClusterOrderTest {
    private static final String SAVING = PropertyConsoleSettings.SAVING;
    private static final String REPORT = SystemPropertyRegistrar.propertyName("report");
    private static final String CATEGORIES = SystemPropertyRegistrar.propertyName("categories");

    @TempDir
    Path home;
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    /** The shared database's ofProperty table. */
    private final Map<String, String> database = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    /** Node B: reads the database like every node, but its property cache holds only the changes it received. */
    private static final class NodeB extends FakeOpenfireServer {
        final Map<String, String> cache = new ConcurrentHashMap<>();
        volatile boolean databaseDown;

        NodeB(Path home, Map<String, String> database) {
            super(home, database);
        }

        /** One property event from the saving node arriving here. */
        void receive(String name) {
            Optional.ofNullable(properties().get(name)).ifPresentOrElse(v -> cache.put(name, v), () -> cache.remove(name));
        }

        /** The event of a put whose value has since been removed from the database arriving late. */
        void receiveLatePut(String name, String value) {
            cache.put(name, value);
        }

        @Override
        public Optional<String> property(String name) {
            return Optional.ofNullable(cache.get(name));
        }

        @Override
        public Optional<String> storedProperty(String name) {
            if (databaseDown) {
                throw new OpenfireUnavailableException("reading ofProperty " + name, new java.sql.SQLException("down"));
            }
            return super.storedProperty(name);
        }
    }

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private NodeB nodeB() {
        NodeB b = new NodeB(home.resolve("b"), database);
        database.put(REPORT, "true");
        database.put(CATEGORIES, "backends");
        b.receive(REPORT);
        b.receive(CATEGORIES);
        return b;
    }

    private static Consent consentAsBUsesIt(PropertyConsoleSettings node) {
        return TestConfigs.console(node.snapshot()).consent();
    }

    @Test
    void theMarkersRemovalArrivingBeforeItsSettingDoesNotKeepTheNodeOnItsOldSettings() {
        NodeB b = nodeB();
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        assertThat(settingsB.snapshot().get("categories")).contains("backends");

        // Node A saves: marker set, categories written, marker removed, all in the database.
        database.put(SAVING, "1");
        database.put(CATEGORIES, "apis");
        database.remove(SAVING);
        // B gets the marker's removal first, then the value, then the marker's (late) setting.
        b.receive(SAVING);
        b.receive(CATEGORIES);
        b.receiveLatePut(SAVING, "1");

        assertThat(settingsB.snapshot().get("categories")).contains("apis");
        now.set(now.get().plusSeconds(3600));
        assertThat(settingsB.snapshot().get("categories")).contains("apis");
        assertThat(logs.at(Level.WARN)).isEmpty(); // no "save did not finish": it did
    }

    @Test
    void aSaveOfDoNotSendAppliesAtOnceWhileTheSaveIsStillMarked() {
        NodeB b = nodeB();
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.ON);

        // Node A is in mid-save (or its marker's removal has not reached B yet): B has the opt-out.
        database.put(SAVING, "1");
        b.receive(SAVING);
        database.put(REPORT, "false");
        database.put(CATEGORIES, "apis");
        b.receive(REPORT);
        b.receive(CATEGORIES);

        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.OFF);
        assertThat(settingsB.snapshot().get("categories")).contains("backends"); // the rest waits for the save
    }

    @Test
    void anUnclearOrRemovedConsoleConsentIsNotHeldBackEither() {
        NodeB b = nodeB();
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        settingsB.snapshot();
        database.put(SAVING, "1");
        b.receive(SAVING);
        database.put(REPORT, "no");
        b.receive(REPORT);

        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        // Removing that unclear value may switch reporting on (the file decides again): it waits for the save.
        database.remove(REPORT);
        b.receive(REPORT);
        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.OPT_OUT_UNCLEAR);
    }

    @Test
    void theRemovalOfTheConsolesSendIsNotHeldBack() {
        NodeB b = nodeB();
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        assertThat(settingsB.snapshot().get("report")).contains("true");
        database.put(SAVING, "1");
        b.receive(SAVING);
        database.remove(REPORT);
        b.receive(REPORT);

        // The file's no_report (or its consent notice) is in force again at once.
        assertThat(settingsB.snapshot().get("report")).isEmpty();
    }

    @Test
    void aSaveThatSwitchesReportingOnStillWaitsForTheWholeSave() {
        NodeB b = nodeB();
        database.put(REPORT, "false");
        b.receive(REPORT);
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.OFF);

        database.put(SAVING, "1");
        b.receive(SAVING);
        database.put(REPORT, "true");
        b.receive(REPORT);
        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.OFF);

        database.remove(SAVING);
        b.receive(SAVING);
        assertThat(consentAsBUsesIt(settingsB)).isEqualTo(Consent.ON);
    }

    @Test
    void whenTheDatabaseCannotBeAskedTheNodesOwnCopyOfTheMarkerHoldsTheSave() {
        NodeB b = nodeB();
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        settingsB.snapshot();
        b.databaseDown = true;
        database.put(SAVING, "1");
        b.receive(SAVING);
        database.put(CATEGORIES, "apis");
        b.receive(CATEGORIES);

        assertThat(settingsB.snapshot().get("categories")).contains("backends");
        database.remove(SAVING);
        b.receive(SAVING);
        assertThat(settingsB.snapshot().get("categories")).contains("apis");
    }

    @Test
    void aMarkerLeftBehindIsWarnedAboutOnceNotAtEveryRead() {
        NodeB b = nodeB();
        PropertyConsoleSettings settingsB = new PropertyConsoleSettings(b, clock);
        settingsB.snapshot();
        database.put(SAVING, "1"); // the saving node stops here
        b.receive(SAVING);
        database.put(CATEGORIES, "apis");
        b.receive(CATEGORIES);
        assertThat(settingsB.snapshot().get("categories")).contains("backends");

        now.set(now.get().plusSeconds(61));
        for (int read = 0; read < 5; read++) {
            assertThat(settingsB.snapshot().get("categories")).contains("apis");
        }

        assertThat(logs.at(Level.WARN)).singleElement().asString().contains("systemmetrics.console_saving");
    }
}
