package org.systemmetrics.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The version record ({@code report-fields.txt}): in which plugin version each field of the report (an event, or
 * {@code event.param}) first appeared, so that consent given for the report shown is not silently stretched.
 */
public final class ReportFields {
    private static final String RESOURCE = "report-fields.txt";
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,5}");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");

    private final Map<String, String> firstVersions;
    private final String baseline;
    private final String latest;

    /** A parameter's field: {@code event.param}. */
    public static String field(String event, String param) {
        return event + '.' + param;
    }

    /** The event a field belongs to: the event itself, or the event of {@code event.param}. */
    public static String eventOf(String field) {
        int dot = field.indexOf('.');
        return dot < 0 ? field : field.substring(0, dot);
    }

    private ReportFields(Map<String, String> firstVersions) {
        if (firstVersions.isEmpty()) {
            throw new IllegalArgumentException("the version record lists no field");
        }
        firstVersions.forEach((field, version) -> {
            if (!FIELD.matcher(field).matches() || !isVersion(version)) {
                throw new IllegalArgumentException("not a field and a version: " + field + " = " + version);
            }
        });
        this.firstVersions = Collections.unmodifiableMap(new LinkedHashMap<>(firstVersions));
        this.baseline = firstVersions.values().stream().min(ReportFields::compare).orElseThrow();
        this.latest = firstVersions.values().stream().max(ReportFields::compare).orElseThrow();
    }

    public static ReportFields load() {
        try (InputStream in = ReportFields.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code field = version}; {@code #} starts a comment. */
    static ReportFields parse(InputStream in) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        String record = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        record.lines().map(String::strip).filter(text -> !text.isEmpty() && !text.startsWith("#")).forEach(text -> {
            int equals = text.indexOf('=');
            if (equals < 0
                    || versions.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("not one field = version, or a field twice: " + text);
            }
        });
        return new ReportFields(versions);
    }

    /** A record in the order fields should be listed (tests, a simulated upgrade). */
    public static ReportFields of(Map<String, String> firstVersions) {
        return new ReportFields(firstVersions);
    }

    public Map<String, String> firstVersions() {
        return firstVersions;
    }

    /** The oldest version in the record: what every installation was shown, whatever it stored. */
    public String baseline() {
        return baseline;
    }

    /** What an installation has been shown once it saw every field. */
    public String latest() {
        return latest;
    }

    /** The fields that appeared after {@code version}, in the record's order; an unreadable one is the baseline. */
    public Map<String, String> newerThan(Optional<String> version) {
        String since = version.map(String::strip).filter(ReportFields::isVersion).orElse(baseline);
        Map<String, String> newer = new LinkedHashMap<>(firstVersions);
        newer.values().removeIf(first -> compare(first, since) <= 0);
        return Collections.unmodifiableMap(newer);
    }

    /** Digits separated by dots, as the record writes versions; a build's {@code -SNAPSHOT} is not one. */
    private static boolean isVersion(String text) {
        return text != null && VERSION.matcher(text).matches();
    }

    /** Compares dotted versions number by number; a missing number counts as 0 ({@code 1.2} = {@code 1.2.0}). */
    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int x = i < left.length ? Integer.parseInt(left[i]) : 0;
            int y = i < right.length ? Integer.parseInt(right[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
