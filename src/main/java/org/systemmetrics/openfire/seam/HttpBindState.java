package org.systemmetrics.openfire.seam;

/**
 * Openfire's HTTP-bind web server, which serves both BOSH and WebSocket: whether it runs, and which of its
 * two connectors (plain HTTP, HTTPS) is bound.
 */
public final class HttpBindState {
    public static final HttpBindState STOPPED = new HttpBindState(false, false, false);

    private final boolean running;
    private final boolean plainActive;
    private final boolean secureActive;

    public HttpBindState(boolean running, boolean plainActive, boolean secureActive) {
        this.running = running;
        this.plainActive = plainActive;
        this.secureActive = secureActive;
    }

    public boolean running() {
        return running;
    }

    public boolean plainActive() {
        return plainActive;
    }

    public boolean secureActive() {
        return secureActive;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpBindState && ((HttpBindState) o).running == running
                && ((HttpBindState) o).plainActive == plainActive && ((HttpBindState) o).secureActive == secureActive;
    }

    @Override
    public int hashCode() {
        return (running ? 4 : 0) + (plainActive ? 2 : 0) + (secureActive ? 1 : 0);
    }

    @Override
    public String toString() {
        return "http-bind " + (running ? "running" : "stopped") + (plainActive ? " http" : "") + (secureActive ? " https" : "");
    }
}
