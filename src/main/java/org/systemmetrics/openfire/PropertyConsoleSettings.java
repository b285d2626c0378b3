package org.systemmetrics.openfire;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/**
 * Admin-console settings kept as Openfire system properties ({@code systemmetrics.<key>}), so they live in
 * the database and apply on every cluster node. The API secret is stored encrypted.
 */
public final class PropertyConsoleSettings implements ConsoleSettings {
    public static final String PREFIX = SystemPropertyRegistrar.PREFIX;

    /**
     * Present while a console save is being written. A save is several property writes, which reach the other
     * nodes of a cluster one by one; while this marker is there, every node keeps using the console settings it
     * read before, and the marker's removal (the save's last write) makes each node read them all at once.
     * Openfire sends each write to the other nodes as its own asynchronous cluster task, so they may arrive in
     * any order (the marker's removal before its setting): the marker is therefore read from the database, which
     * has the writes in the order the saving node made them, not from this node's property cache.
     */
    static final String SAVING = SystemPropertyRegistrar.PREFIX + "console_saving";
    /** A marker left by a node that died in mid-save is ignored after this long (as this node measures it). */
    static final Duration SAVE_HOLD_LIMIT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PropertyConsoleSettings.class);

    private final OpenfireServer server;
    private final Clock clock;
    private ConsoleSettings lastConsistent = ConsoleSettings.NONE;
    private boolean haveConsistent;
    private Instant markerSeenAt;
    private boolean stuckMarkerWarned;

    public PropertyConsoleSettings(OpenfireServer server) {
        this(server, Clock.systemUTC());
    }

    public PropertyConsoleSettings(OpenfireServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /**
     * Every console setting as one consistent set: read afresh when no save is being written, else the set read
     * before that save began (for at most {@link #SAVE_HOLD_LIMIT}) — except {@code report}, which is never held
     * back when its new value may switch reporting off.
     */
    public synchronized ConsoleSettings snapshot() {
        // The first reading takes the settings as they are anyway, so it asks the database nothing (it runs while
        // Openfire loads the plugin).
        boolean saving = haveConsistent && saveMarked();
        if (!saving) {
            markerSeenAt = null;
            stuckMarkerWarned = false;
        } else {
            Instant now = clock.instant();
            if (markerSeenAt == null) {
                markerSeenAt = now;
            }
            if (Duration.between(markerSeenAt, now).compareTo(SAVE_HOLD_LIMIT) < 0) {
                return heldWithoutHoldingAnOptOut();
            }
            if (!stuckMarkerWarned) {
                stuckMarkerWarned = true; // once per marker left behind, not at every read while it stays
                LOG.warn("System metrics: the system property {} has been set for over {} s, so a save of the admin "
                        + "console's settings did not finish (a node stopped while saving?); the settings are read as "
                        + "they are. Save them again on the System Metrics page.", SAVING, SAVE_HOLD_LIMIT.toSeconds());
            }
        }
        Map<String, String> values = new HashMap<>();
        for (Setting<?> setting : Setting.console()) {
            server.property(propertyName(setting.key())).ifPresent(v -> values.put(setting.key(), v));
        }
        lastConsistent = ConsoleSettings.of(values);
        haveConsistent = true;
        return lastConsistent;
    }

    /**
     * Whether a save is being written, as the database says now. Should the database not answer, this node's
     * cached copy of the marker is the best there is.
     */
    private boolean saveMarked() {
        try {
            return server.storedProperty(SAVING).isPresent();
        } catch (OpenfireUnavailableException e) {
            LOG.debug("System metrics: could not read {} from the database ({}); using this node's copy.", SAVING,
                    e.toString());
            return server.property(SAVING).isPresent();
        }
    }

    /**
     * The settings read before the save began, with the console's {@code report} as it is now when that may switch
     * reporting off: an explicit "do not send" (or a value that cannot be read, which counts as off) is applied at
     * once, as is the removal of a console "send" (the file decides again). Only a change that may switch reporting
     * on waits for the whole save: an opt-out must never be held back, and an opt-in may wait a moment.
     */
    private ConsoleSettings heldWithoutHoldingAnOptOut() {
        Optional<String> held = lastConsistent.get(ConsoleSettings.REPORT);
        Optional<String> now = server.property(propertyName(ConsoleSettings.REPORT));
        boolean mayOnlySwitchOff = now.isPresent() ? !"true".equals(now.get()) : held.filter("true"::equals).isPresent();
        if (!mayOnlySwitchOff || now.equals(held)) {
            return lastConsistent;
        }
        Map<String, String> values = new HashMap<>();
        for (Setting<?> setting : Setting.console()) {
            lastConsistent.get(setting.key()).ifPresent(v -> values.put(setting.key(), v));
        }
        values.remove(ConsoleSettings.REPORT);
        now.ifPresent(v -> values.put(ConsoleSettings.REPORT, v));
        // Kept as the held set, so that a later "send" in the same save waits like any other opt-in.
        lastConsistent = ConsoleSettings.of(values);
        return lastConsistent;
    }

    /** A held-back save that has outlasted its limit changes what {@link #snapshot()} returns: part of the fingerprint. */
    public synchronized String holdState() {
        return markerSeenAt != null && Duration.between(markerSeenAt, clock.instant()).compareTo(SAVE_HOLD_LIMIT) >= 0
                ? "|save-hold-expired" : "";
    }

    /** Writes a save's properties as one change for every node (see {@link #SAVING}). */
    public void saveAsOneChange(Runnable writes) {
        server.setProperty(SAVING, "1", false);
        try {
            writes.run();
        } finally {
            server.deleteProperty(SAVING);
        }
    }

    public static String propertyName(String key) {
        return SystemPropertyRegistrar.propertyName(key);
    }

    @Override
    public Optional<String> get(String key) {
        return server.property(propertyName(key));
    }

    /** Stores a console value (encrypted when secret); an empty one is removed, so the file's value applies again. */
    public void write(String key, String value) {
        if (value.isEmpty()) {
            server.deleteProperty(propertyName(key));
        } else {
            server.setProperty(propertyName(key), value, Setting.byKey(key).map(Setting::secret).orElse(false));
        }
    }
}
