package org.systemmetrics.openfire.seam;

import org.systemmetrics.core.text.Texts;

/**
 * Openfire could not answer a call: the method does not exist in this version ({@link LinkageError}), or the server
 * part behind it is not running. The message names the call, so the one WARN a collector logs says what is missing.
 */
public final class OpenfireUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Texts TEXTS = Texts.of(OpenfireUnavailableException.class);

    public OpenfireUnavailableException(String call, Throwable cause) {
        super(TEXTS.get("openfire.unavailable", call, cause), cause);
    }
}
