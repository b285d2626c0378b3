package org.systemmetrics.core.delivery.ga4;

/**
 * The handle on one destination's work in progress, so the orchestrator can end it from outside: when the
 * time budget runs out, or the plugin unloads. Aborting cancels the current HTTP call and interrupts a wait.
 */
final class InFlight {
    private boolean aborted;
    private String reason;
    private Thread worker;
    private Ga4Transport.Call call;

    synchronized void start(Thread thread) {
        worker = thread;
    }

    /** After this, an abort no longer touches the thread, which may already serve other work. */
    synchronized void finish() {
        worker = null;
        call = null;
    }

    synchronized boolean aborted() {
        return aborted;
    }

    synchronized String reason() {
        return reason;
    }

    synchronized void track(Ga4Transport.Call current) {
        call = current;
        if (aborted && current != null) {
            current.abort();
        }
    }

    synchronized void abort(String why) {
        if (aborted) {
            return;
        }
        aborted = true;
        reason = why;
        if (call != null) {
            call.abort();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }
}
