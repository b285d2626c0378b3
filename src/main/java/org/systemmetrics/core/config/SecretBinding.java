package org.systemmetrics.core.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.systemmetrics.core.text.Texts;

/**
 * A console secret is stored as {@code bound1:<fingerprint of its URL>:<secret>}, so whoever can change the URL
 * alone cannot have the secret sent to a host of their choosing; a cluster node that has the new URL but the old
 * secret (the writes reach it separately) refuses too. A GA4 API secret only lets one send to its own stream, so
 * Google's global and EU hosts count as one address for it.
 */
public final class SecretBinding {
    private static final Texts TEXTS = Texts.of(SecretBinding.class);
    private static final String PREFIX = "bound1:";
    private static final int FINGERPRINT_CHARS = 32;

    private SecretBinding() {
    }

    /** What the console stores for a secret entered for {@code address}. */
    public static String seal(String secret, URI address) {
        return PREFIX + fingerprint(address) + ":" + Objects.requireNonNull(secret, "secret");
    }

    /** A stored secret and the address fingerprint it was entered for; empty fingerprint when stored without one. */
    public static final class Stored {
        private final String secret;
        private final Optional<String> fingerprint;

        private Stored(String secret, Optional<String> fingerprint) {
            this.secret = secret;
            this.fingerprint = fingerprint;
        }

        public String secret() {
            return secret;
        }

        /** Stored by an older version or by hand on the System Properties page: bound to no address. */
        public boolean unbound() {
            return fingerprint.isEmpty();
        }

        /** Whether the secret was entered for this address (for an API secret, any of Google's hosts counts). */
        public boolean allows(URI target, boolean apiSecret) {
            if (apiSecret && ServiceConfig.isGoogleMeasurementProtocol(target)) {
                return true;
            }
            return fingerprint.map(f -> f.equals(fingerprint(target))).orElse(false);
        }
    }

    public static Stored open(String stored) {
        String text = stored == null ? "" : stored;
        if (text.startsWith(PREFIX)) {
            int colon = text.indexOf(':', PREFIX.length());
            if (colon == PREFIX.length() + FINGERPRINT_CHARS) {
                return new Stored(text.substring(colon + 1), Optional.of(text.substring(PREFIX.length(), colon)));
            }
        }
        return new Stored(text, Optional.empty());
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
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < FINGERPRINT_CHARS / 2; i++) {
                hex.append(String.format("%02x", digest[i] & 0xff));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(TEXTS.get("binding.no_sha256"), e);
        }
    }
}
