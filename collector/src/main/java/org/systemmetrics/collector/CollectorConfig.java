package org.systemmetrics.collector;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Every setting of the collector, declared once in {@link #KEYS} with its default. Values come from the
 * environment ({@code COLLECTOR_} + the key upper-cased, dots as underscores), else from the properties file, else
 * the default. Bad values are refused when the configuration is read, naming the key.
 */
public final class CollectorConfig {
    /** Key and default, in the order docs/collector.md lists them. */
    public static final Map<String, String> KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("port", "8787");
        keys.put("bind", "127.0.0.1");
        keys.put("data_dir", "collector-data");
        keys.put("jdbc.url", "");
        keys.put("jdbc.user", "");
        keys.put("jdbc.password", "");
        keys.put("jdbc.pool_size", "10");
        keys.put("jdbc.connect_timeout_ms", "5000");
        keys.put("jdbc.query_timeout_seconds", "5");
        keys.put("fleet_tokens", "");
        keys.put("require_signature", "true");
        keys.put("k", "5");
        keys.put("rounding", "5");
        keys.put("min_reports", "2");
        keys.put("retention_days", "60");
        keys.put("max_body_bytes", "65536");
        keys.put("max_clock_skew_seconds", "600");
        keys.put("rate.installation.burst", "10");
        keys.put("rate.installation.per_hour", "12");
        keys.put("rate.address.burst", "120");
        keys.put("rate.address.per_minute", "60");
        keys.put("client_address_header", "");
        keys.put("aggregate_max_age_seconds", "300");
        keys.put("shutdown_timeout_seconds", "20");
        KEYS = Collections.unmodifiableMap(keys);
    }

    /** A password given inside a JDBC URL (PostgreSQL's {@code ?password=} and {@code sslpassword=}, H2's). */
    private static final java.util.regex.Pattern PASSWORD_IN_URL = java.util.regex.Pattern.compile(
            "(?i)([?&;][a-z_]*password=)[^&;]*");

    private final Map<String, String> values;

    private CollectorConfig(Map<String, String> values) {
        this.values = values;
        validate();
    }

    /** Reads the optional file, then lets the environment override it. */
    public static CollectorConfig load(Path file, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(KEYS);
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
            }
            for (String name : properties.stringPropertyNames()) {
                if (!KEYS.containsKey(name)) {
                    throw new IllegalArgumentException("unknown key '" + name + "' in " + file + "; known keys: "
                            + String.join(", ", KEYS.keySet()));
                }
                values.put(name, properties.getProperty(name).trim());
            }
        }
        for (String key : KEYS.keySet()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv.trim());
            }
        }
        return new CollectorConfig(values);
    }

    /** Defaults with some keys replaced: for tests and embedding. */
    public static CollectorConfig of(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(KEYS);
        overrides.forEach((key, value) -> {
            if (!KEYS.containsKey(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'");
            }
            values.put(key, value);
        });
        return new CollectorConfig(values);
    }

    public static String envName(String key) {
        return "COLLECTOR_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private void validate() {
        integer("port", 0, 65535);
        integer("jdbc.pool_size", 1, 200);
        integer("jdbc.connect_timeout_ms", 250, 600_000);
        integer("jdbc.query_timeout_seconds", 1, 600);
        integer("k", 1, 1000);
        integer("rounding", 1, 1000);
        integer("min_reports", 1, 1000);
        integer("retention_days", 1, 3650);
        integer("max_body_bytes", 1024, 1_000_000);
        integer("max_clock_skew_seconds", 1, 86_400);
        integer("rate.installation.burst", 1, 1_000_000);
        integer("rate.installation.per_hour", 1, 100_000_000);
        integer("rate.address.burst", 1, 1_000_000);
        integer("rate.address.per_minute", 1, 100_000_000);
        integer("aggregate_max_age_seconds", 0, 86_400);
        integer("shutdown_timeout_seconds", 1, 3600);
        bool("require_signature");
        fleetTokens();
    }

    public int port() {
        return integer("port", 0, 65535);
    }

    public String bind() {
        return values.get("bind");
    }

    public Path dataDir() {
        return Path.of(values.get("data_dir"));
    }

    /** The configured URL, or the embedded H2 file database in the data folder. */
    public String jdbcUrl() {
        String url = values.get("jdbc.url");
        if (!url.isEmpty()) {
            return url;
        }
        return "jdbc:h2:file:" + dataDir().toAbsolutePath().resolve("collector") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public boolean embeddedDatabase() {
        return values.get("jdbc.url").isEmpty();
    }

    public String jdbcUser() {
        return values.get("jdbc.user");
    }

    public String jdbcPassword() {
        return values.get("jdbc.password");
    }

    public int poolSize() {
        return integer("jdbc.pool_size", 1, 200);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(integer("jdbc.connect_timeout_ms", 250, 600_000));
    }

    /** The longest one SQL statement may take, waiting for a lock included, before the request is answered 503. */
    public Duration queryTimeout() {
        return Duration.ofSeconds(integer("jdbc.query_timeout_seconds", 1, 600));
    }

    /** Fleet name by token; empty for open ingestion. */
    public Map<String, String> fleetTokens() {
        String raw = values.get("fleet_tokens");
        Map<String, String> fleetByToken = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return fleetByToken;
        }
        String key = "fleet_tokens (" + envName("fleet_tokens") + ")";
        for (String entry : raw.split(",")) {
            int colon = entry.indexOf(':');
            String fleet = colon < 0 ? "" : entry.substring(0, colon).trim();
            String token = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (!fleet.matches("[A-Za-z0-9_.-]{1,64}") || !token.matches("[\\x21-\\x7e]{16,512}")) {
                throw new IllegalArgumentException(key + ": each entry must be fleet:token, the fleet 1-64 of "
                        + "A-Z a-z 0-9 _ . -, the token 16-512 visible ASCII characters but the comma (entry "
                        + (fleet.isEmpty() ? "without a fleet name" : "of fleet '" + fleet + "'") + " is not)");
            }
            if (fleetByToken.put(token, fleet) != null) {
                throw new IllegalArgumentException(key + ": fleet '" + fleet + "' reuses another fleet's token");
            }
        }
        return fleetByToken;
    }

    public boolean requireSignature() {
        return bool("require_signature");
    }

    public int k() {
        return integer("k", 1, 1000);
    }

    public int rounding() {
        return integer("rounding", 1, 1000);
    }

    public int minReports() {
        return integer("min_reports", 1, 1000);
    }

    public Duration retention() {
        return Duration.ofDays(integer("retention_days", 1, 3650));
    }

    public int maxBodyBytes() {
        return integer("max_body_bytes", 1024, 1_000_000);
    }

    public Duration maxClockSkew() {
        return Duration.ofSeconds(integer("max_clock_skew_seconds", 1, 86_400));
    }

    public int installationBurst() {
        return integer("rate.installation.burst", 1, 1_000_000);
    }

    public int installationPerHour() {
        return integer("rate.installation.per_hour", 1, 100_000_000);
    }

    public int addressBurst() {
        return integer("rate.address.burst", 1, 1_000_000);
    }

    public int addressPerMinute() {
        return integer("rate.address.per_minute", 1, 100_000_000);
    }

    /** A header such as X-Forwarded-For whose last address stands for the client (behind a proxy), or empty. */
    public String clientAddressHeader() {
        return values.get("client_address_header");
    }

    public Duration aggregateMaxAge() {
        return Duration.ofSeconds(integer("aggregate_max_age_seconds", 0, 86_400));
    }

    public Duration shutdownTimeout() {
        return Duration.ofSeconds(integer("shutdown_timeout_seconds", 1, 3600));
    }

    /** Every key with its value, secrets masked: logged at start. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String key : KEYS.keySet()) {
            String value = values.get(key);
            if (key.equals("jdbc.password") && !value.isEmpty()) {
                value = "(hidden)";
            } else if (key.equals("fleet_tokens")) {
                value = fleetTokens().isEmpty() ? "(open ingestion)" : String.join(",", fleetTokens().values())
                        + " (tokens hidden)";
            } else if (key.equals("jdbc.url")) {
                value = PASSWORD_IN_URL.matcher(jdbcUrl()).replaceAll("$1(hidden)");
            }
            shown.put(key, value);
        }
        return shown;
    }

    private int integer(String key, int min, int max) {
        return parse(key, raw -> {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        }, "a whole number from " + min + " to " + max);
    }

    private boolean bool(String key) {
        return parse(key, raw -> {
            if (List.of("true", "false").contains(raw.toLowerCase(Locale.ROOT))) {
                return Boolean.parseBoolean(raw);
            }
            throw new IllegalArgumentException();
        }, "true or false");
    }

    private <T> T parse(String key, Function<String, T> parser, String expected) {
        String raw = values.get(key);
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " (" + envName(key) + ") must be " + expected + ", not '" + raw + "'");
        }
    }
}
