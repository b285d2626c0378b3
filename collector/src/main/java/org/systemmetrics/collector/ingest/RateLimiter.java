package org.systemmetrics.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets by key (an installation or an address), in this process's memory only: each collector process
 * applies its own limit. A key whose bucket has filled up again is forgotten at the next sweep: one comes with every
 * 1,024th request and one a minute ({@link #forgetRefilled}), so a quiet collector holds no address for long. At
 * most {@code maxKeys} are held: a flood of distinct keys (made-up client_ids, an IPv6 network's addresses) would
 * otherwise grow memory without bound. When the map is full, a key not yet held is told to wait until a sweep makes
 * room; keys already held keep their own budget.
 */
public final class RateLimiter {
    private static final int SWEEP_EVERY = 1024;
    /** The default cap: a bucket with its key and map entry is about 200 bytes, so some 20 MB per limiter at most. */
    public static final int DEFAULT_MAX_KEYS = 100_000;
    private static final long FULL_SWEEP_INTERVAL_MILLIS = 1_000;

    private final Clock clock;
    private final double capacity;
    private final double tokensPerMilli;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final int maxKeys;
    private final AtomicLong lastFullSweep = new AtomicLong(
            Long.MIN_VALUE / 2);

    public RateLimiter(Clock clock, int burst, int permits, Duration per) {
        this(clock, burst, permits, per, DEFAULT_MAX_KEYS);
    }

    public RateLimiter(Clock clock, int burst, int permits, Duration per, int maxKeys) {
        this.clock = clock;
        this.capacity = burst;
        this.tokensPerMilli = permits / (double) per.toMillis();
        this.maxKeys = maxKeys;
    }

    /** Takes one permit, or says how long until one is free. */
    public Duration tryAcquire(String key) {
        long now = clock.millis();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys && !roomAfterSweep(now)) {
                return Duration.ofMillis(Math.max(1, (long) Math.ceil(1 / tokensPerMilli)));
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        }
        synchronized (bucket) {
            bucket.refill(now, capacity, tokensPerMilli);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            long waitMillis = (long) Math.ceil((1 - bucket.tokens) / tokensPerMilli);
            return Duration.ofMillis(Math.max(1, waitMillis));
        }
    }

    /** Forgets every key whose bucket has filled up again: the collector calls it every minute. */
    public void forgetRefilled() {
        sweep(clock.millis());
    }

    /** How many keys are held now: tests check that addresses do not pile up. */
    public int size() {
        return buckets.size();
    }

    /** A full map is swept at most once a second: under a flood, sweeping at every request would cost too much. */
    private boolean roomAfterSweep(long now) {
        long last = lastFullSweep.get();
        if (now - last >= FULL_SWEEP_INTERVAL_MILLIS && lastFullSweep.compareAndSet(last, now)) {
            sweep(now);
        }
        return buckets.size() < maxKeys;
    }

    private void sweep(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            synchronized (bucket) {
                bucket.refill(now, capacity, tokensPerMilli);
                if (bucket.tokens >= capacity) {
                    it.remove();
                }
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }

        void refill(long now, double capacity, double tokensPerMilli) {
            if (now > updatedMillis) {
                tokens = Math.min(capacity, tokens + (now - updatedMillis) * tokensPerMilli);
                updatedMillis = now;
            }
        }
    }
}
