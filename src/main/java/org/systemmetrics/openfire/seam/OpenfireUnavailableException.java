package org.systemmetrics.openfire.seam;

/**
 * Openfire could not answer a call: the method does not exist in this version ({@link LinkageError}), or the
 * server part behind it is not running. The message names the call so that the one WARN a collector logs
 * for it tells the administrator (and us) exactly what is missing.
 */
public final class OpenfireUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OpenfireUnavailableException(String call, Throwable cause) {
        super(call + " is not available in this Openfire (" + cause + ")", cause);
    }
}
