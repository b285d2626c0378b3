package org.systemmetrics.openfire.seam;

import java.util.function.Supplier;

/**
 * The one place where a call into Openfire is made safe: whatever it throws, a {@link LinkageError} (the method
 * is not in this version) or a runtime exception, and a null where a value was due, become an
 * {@link OpenfireUnavailableException} naming the call. {@link LiveOpenfireServer} and its readers use it, so
 * they depend on it and not on each other.
 */
final class OpenfireCall {
    private OpenfireCall() {
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            T value = call.get();
            if (value == null) {
                throw new OpenfireUnavailableException(what, new NullPointerException("returned null"));
            }
            return value;
        } catch (LinkageError | RuntimeException e) {
            if (e instanceof OpenfireUnavailableException) {
                throw (OpenfireUnavailableException) e;
            }
            throw new OpenfireUnavailableException(what, e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }
}
