package org.systemmetrics.collector.ingest;

import java.time.Duration;
import java.util.Optional;

/** A request the collector refuses: the HTTP status, a stable error code and a message for the sender. */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Duration retryAfter;

    public Rejection(int status, String code, String message) {
        this(status, code, message, null);
    }

    public Rejection(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
