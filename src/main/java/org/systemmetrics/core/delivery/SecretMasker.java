package org.systemmetrics.core.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes API secrets from any text before it is logged, stored or shown: the {@code api_secret} query
 * parameter of a URL, and every known secret wherever else it appears (a server may echo the URL back).
 * Every message about a destination passes through here, so one missed call site cannot leak a secret.
 */
final class SecretMasker {
    static final String MASK = "***";
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)(api_secret(?:=|%3D))[^&#\\s\"']*");
    private static final int MAX_ERROR_LENGTH = 200;

    private final List<String> secrets;

    SecretMasker(Collection<String> secrets) {
        // Longest first, so a secret that contains another is masked whole; besides the literal text, the forms in
        // which a server most often quotes it back in an exception's message: percent-encoded and JSON-escaped.
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .flatMap(s -> Stream.of(s, URLEncoder.encode(s, StandardCharsets.UTF_8), s.replace("/", "\\/")))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.toUnmodifiableList());
    }

    /**
     * A text fit for the log and the admin page: masked, on one line, and at most 200 characters, because a server's
     * error page can be long and is not ours to print in full.
     */
    String errorText(String raw) {
        String masked = QUERY_SECRET.matcher(raw == null ? "" : raw).replaceAll("$1" + MASK);
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        String flat = masked.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?").trim();
        if (flat.length() <= MAX_ERROR_LENGTH) {
            return flat;
        }
        int keep = MAX_ERROR_LENGTH - 1;
        if (Character.isHighSurrogate(flat.charAt(keep - 1))) {
            keep--;
        }
        return flat.substring(0, keep) + "\u2026";
    }
}
