package org.systemmetrics.collector.store;

/** The database could not be reached or failed: nothing of the request was stored, and the sender may retry. */
public final class StoreUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
