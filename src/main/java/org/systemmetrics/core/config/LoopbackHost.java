package org.systemmetrics.core.config;

/**
 * Whether an endpoint's host is this machine, the one place plain http is accepted. Decided from the text
 * alone: a configuration check must never touch DNS, so only {@code localhost} and IP literals (in any spelling)
 * count. The rule itself is {@link AddressRule#isLoopbackHost}.
 */
public final class LoopbackHost {
    private LoopbackHost() {
    }

    public static boolean isLoopback(String host) {
        return AddressRule.isLoopbackHost(host);
    }
}
