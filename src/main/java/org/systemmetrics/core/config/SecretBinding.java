package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.systemmetrics.core.text.Texts;

/**
 * A console secret is stored as {@code bound1:<fingerprint of its URL>:<secret>}, so whoever can change the URL
 * alone cannot have the secret sent to a host of their choosing; a cluster node that has the new URL but the old
 * secret (the writes reach it separately) refuses too. Where a secret may go without it is its
 * {@link Setting#needsNoBindingTo}.
 */
public final class SecretBinding {
    private static final Texts TEXTS = Texts.of(SecretBinding.class);
    private static final String PREFIX = "bound1:";
    private static final int FINGERPRINT_CHARS = 32;

    private SecretBinding() {
    }

    public static String seal(String secret, URI address) {
        return PREFIX + fingerprint(address) + ":" + Objects.requireNonNull(secret, "secret");
    }

    public static String secret(String stored) {
        return boundTo(stored).isPresent() ? stored.substring(PREFIX.length() + FINGERPRINT_CHARS + 1) : stored;
    }

    /** The address's fingerprint; empty when stored by an older version or by hand on the System Properties page. */
    public static Optional<String> boundTo(String stored) {
        int colon = PREFIX.length() + FINGERPRINT_CHARS;
        boolean bound = stored.startsWith(PREFIX) && stored.indexOf(':', PREFIX.length()) == colon;
        return bound ? Optional.of(stored.substring(PREFIX.length(), colon)) : Optional.empty();
    }

    /** Whether the secret was entered for this address. */
    public static boolean allows(String stored, URI target) {
        return boundTo(stored).map(f -> f.equals(fingerprint(target))).orElse(false);
    }

    /** Scheme, host, effective port and path, normalised, hashed: the stored value says where, not what. */
    static String fingerprint(URI address) {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        int port = address.getPort() != -1 ? address.getPort() : "http".equals(scheme) ? 80 : 443;
        String path = address.getRawPath() == null || address.getRawPath().isEmpty() ? "/" : address.getRawPath();
        String host = address.getHost() == null ? "" : address.getHost().toLowerCase(Locale.ROOT);
        String canonical = scheme + "://" + host + ":" + port + path;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return String.format("%0" + FINGERPRINT_CHARS + "x",
                    new BigInteger(1, Arrays.copyOf(digest, FINGERPRINT_CHARS / 2)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(TEXTS.get("binding.no_sha256"), e);
        }
    }
}
