package org.systemmetrics.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.systemmetrics.core.schedule.TaskScheduler;

/**
 * A scheduler and clock that move only when the test says so: {@link #advance} runs, in order, every task
 * that falls due, on the test's own thread.
 */
public final class ManualScheduler implements TaskScheduler {
    private final List<Pending> pending = new ArrayList<>();
    private Instant now;
    private long sequence;
    private boolean shutdown;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private final class Pending {
        final Instant due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Pending(Instant due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }
    }

    @Override
    public Clock clock() {
        return new Clock() {
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
                return now;
            }
        };
    }

    public Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        if (shutdown) {
            throw new IllegalStateException("scheduler is shut down");
        }
        Pending p = new Pending(now.plus(delay), sequence++, task);
        pending.add(p);
        return () -> p.cancelled = true;
    }

    @Override
    public boolean shutdown(Duration grace) {
        shutdown = true;
        pending.clear();
        return true;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** Tasks waiting to run, cancelled ones excluded. */
    public long pendingCount() {
        return pending.stream().filter(p -> !p.cancelled).count();
    }

    /** Moves time forward by {@code step}, running every task due on the way at its own due time. */
    public void advance(Duration step) {
        Instant target = now.plus(step);
        while (true) {
            Pending next = pending.stream().filter(p -> !p.cancelled && !p.due.isAfter(target))
                    .min(Comparator.comparing((Pending p) -> p.due).thenComparingLong(p -> p.order)).orElse(null);
            if (next == null) {
                break;
            }
            pending.remove(next);
            if (next.due.isAfter(now)) {
                now = next.due;
            }
            next.task.run();
        }
        now = target;
        pending.removeIf(p -> p.cancelled);
    }

    /** Runs whatever is due now (tasks scheduled with no delay). */
    public void runDue() {
        advance(Duration.ZERO);
    }
}
