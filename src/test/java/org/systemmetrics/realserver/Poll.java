package org.systemmetrics.realserver;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The real-server suite's one way to wait for a real process (Openfire, its log and files, the GA4 stand-in, a
 * socket): look, and look again until the answer is there or the time is up. A failure names what was awaited
 * and what was seen last. Nothing else in the suite sleeps.
 *
 * <p>An observation may throw to end the wait at once (an {@link AssertionError} when Openfire has exited, say).
 */
public final class Poll {
    /** Between two looks at a real process: short against the seconds a server takes, cheap for two cores. */
    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int DESCRIBED_CHARS = 16_000;

    private Poll() {
    }

    /** Observes until {@code done} holds and returns that observation; fails at the timeout with the last one. */
    public static <T> T until(String what, Duration timeout, Supplier<T> observe, Predicate<? super T> done) {
        return until(what, timeout, INTERVAL, observe, done, String::valueOf);
    }

    /** As {@link #until(String, Duration, Supplier, Predicate)}; {@code describe} tells the failure what was seen. */
    public static <T> T until(String what, Duration timeout, Supplier<T> observe, Predicate<? super T> done,
            Function<? super T, String> describe) {
        return until(what, timeout, INTERVAL, observe, done, describe);
    }

    /**
     * As above, with the pause between looks; {@link Duration#ZERO} where the observation itself waits (a socket
     * read with its own timeout), so that nothing is added to what a test times.
     */
    public static <T> T until(String what, Duration timeout, Duration interval, Supplier<T> observe,
            Predicate<? super T> done, Function<? super T, String> describe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T seen = observe.get();
            if (done.test(seen)) {
                return seen;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + seconds(timeout) + " for " + what + "; last seen: "
                        + shortened(describe.apply(seen)));
            }
            pause(interval);
        }
    }

    /**
     * Runs {@code check} again and again for the whole {@code window} (and once more at its end): for what must
     * not happen while a real process has every chance to do it, such as a report sent by a plugin switched off.
     */
    public static void throughout(Duration window, Runnable check) {
        Instant end = Instant.now().plus(window);
        while (Instant.now().isBefore(end)) {
            check.run();
            pause(INTERVAL);
        }
        check.run();
    }

    private static void pause(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String shortened(String text) {
        return text.length() <= DESCRIBED_CHARS ? text
                : "…" + text.substring(text.length() - DESCRIBED_CHARS) + " (last " + DESCRIBED_CHARS + " characters)";
    }
}
