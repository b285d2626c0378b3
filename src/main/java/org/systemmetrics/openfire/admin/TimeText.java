package org.systemmetrics.openfire.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/** Times and durations as the page shows them: the server's zone, and "in 2 h 5 min" for what is due. */
final class TimeText {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final Clock clock;
    private final Supplier<ZoneId> zone;

    TimeText(Clock clock, Supplier<ZoneId> zone) {
        this.clock = clock;
        this.zone = zone;
    }

    String at(Instant instant) {
        return FORMAT.format(instant.atZone(zone.get()));
    }

    /** Whether {@code instant} has come: a report due then is being made, so the page says "now", never a past time. */
    boolean isDue(Instant instant) {
        return !instant.isAfter(clock.instant());
    }

    /**
     * Time left until {@code instant} (zero when it is due) as a coarse, unit-only span ("3 d 4 h", "2 h 5 min",
     * "40 s") that reads the same in every language.
     */
    String untilNow(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        Duration d = left.isNegative() ? Duration.ZERO : left;
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" : d.getSeconds() + " s";
    }
}
