package org.systemmetrics.core.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A few installation keys made once per test run: generating RSA-2048 keys takes a while on a busy machine. */
final class TestKeys {
    private static final List<InstallationKey> KEYS = new ArrayList<>();

    private TestKeys() {
    }

    /** The {@code index}th key, the same one every time it is asked for. */
    static synchronized InstallationKey key(int index) {
        SecureRandom random = new SecureRandom();
        while (KEYS.size() <= index) {
            KEYS.add(InstallationKey.generate(random));
        }
        return KEYS.get(index);
    }
}
