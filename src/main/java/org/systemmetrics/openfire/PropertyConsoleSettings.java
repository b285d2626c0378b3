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
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/** The console's settings as Openfire system properties {@code systemmetrics.<key>}: in the database, cluster-wide. */
public final class PropertyConsoleSettings implements ConsoleSettings {
    /**
     * Present while a save's several property writes are made: every node keeps the settings it read before, and
     * the marker's removal makes it read them all at once. Cluster tasks may arrive in any order, so the marker is
     * read from the database, which has the writes in the saving node's order, not from the property cache.
     */
    static final String SAVING = SystemPropertyRegistrar.propertyName("console_saving");
    /** A marker left by a node that died in mid-save is ignored after this long. */
    static final Duration SAVE_HOLD_LIMIT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PropertyConsoleSettings.class);
    private static final Texts TEXTS = Texts.of(PropertyConsoleSettings.class);

    private final OpenfireServer server;
    private final Clock clock;
    /** The last consistent set; null before the first reading. */
    private Map<String, String> lastConsistent;
    private Instant markerSeenAt;
    private boolean stuckMarkerWarned;

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
        // The first reading asks the database nothing: it runs while Openfire loads the plugin.
        if (lastConsistent == null || !saveMarked()) {
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
                stuckMarkerWarned = true;
                LOG.warn(TEXTS.get("console_save.unfinished", SAVING, SAVE_HOLD_LIMIT.toSeconds()));
            }
        }
        lastConsistent = new HashMap<>();
        for (Setting<?> setting : Setting.console()) {
            get(setting.key()).ifPresent(v -> lastConsistent.put(setting.key(), v));
        }
        return ConsoleSettings.of(lastConsistent);
    }

    /** Should the database not answer, this node's cached copy of the marker is the best there is. */
    private boolean saveMarked() {
        try {
            return server.sharedStore().get(SAVING).isPresent();
        } catch (OpenfireUnavailableException e) {
            LOG.debug(TEXTS.get("console_save.marker_unread", SAVING, e));
            return server.property(SAVING).isPresent();
        }
    }

    /**
     * The settings read before the save began, with {@code report} as it is now when that may switch reporting off
     * (anything but "true", or the removal of a "true"): an opt-out is never held back, an opt-in may wait.
     */
    private ConsoleSettings heldWithoutHoldingAnOptOut() {
        Optional<String> held = Optional.ofNullable(lastConsistent.get(Setting.REPORT.key()));
        Optional<String> now = get(Setting.REPORT.key());
        boolean mayOnlySwitchOff =
                now.isPresent() ? !"true".equals(now.get()) : held.filter("true"::equals).isPresent();
        if (mayOnlySwitchOff && !now.equals(held)) {
            // Kept in the held set, so that a later "send" in the same save waits like any other opt-in.
            lastConsistent.remove(Setting.REPORT.key());
            now.ifPresent(v -> lastConsistent.put(Setting.REPORT.key(), v));
        }
        return ConsoleSettings.of(lastConsistent);
    }

    /** Part of the fingerprint: a held-back save past its limit changes what {@link #snapshot()} returns. */
    public synchronized String holdState() {
        return markerSeenAt != null && Duration.between(markerSeenAt, clock.instant()).compareTo(SAVE_HOLD_LIMIT) >= 0
                ? "|save-hold-expired" : "";
    }

    /**
     * Writes a save's values as one change for every node (see {@link #SAVING}), a secret encrypted; an empty value
     * is removed, so the file's value applies again.
     */
    public void saveAsOneChange(Map<String, String> values) {
        server.setProperty(SAVING, "1", false);
        try {
            values.forEach((key, value) -> {
                String name = SystemPropertyRegistrar.propertyName(key);
                if (value.isEmpty()) {
                    server.deleteProperty(name);
                } else {
                    server.setProperty(name, value, Setting.byKey(key).map(Setting::secret).orElse(false));
                }
            });
        } finally {
            server.deleteProperty(SAVING);
        }
    }

    @Override
    public Optional<String> get(String key) {
        return server.property(SystemPropertyRegistrar.propertyName(key));
    }
}
