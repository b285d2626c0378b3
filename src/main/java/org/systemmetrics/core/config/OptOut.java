package org.systemmetrics.core.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words of an opt-out and what to tell an administrator whose opt-out cannot be read with certainty.
 * Whatever might be an opt-out but cannot be read switches reporting off: a phone-home plugin must never
 * keep sending because its administrator mistyped "no".
 */
final class OptOut {
    private static final String NO_REPORT = "noreport";
    private static final String REPORT = "report";

    private OptOut() {
    }

    /**
     * A key that is none of ours but may be meant as {@code no_report} or {@code report}: another case or
     * separator ({@code No-Report}, {@code noreport}), up to two typing errors, or another way of saying "no
     * report" ({@code dont_report}, {@code report_off}). Known keys and their near misses are not.
     */
    static boolean isNearMiss(String key) {
        if (Setting.fileKeys().contains(key)) {
            return false;
        }
        StringBuilder letters = new StringBuilder();
        key.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(letters::appendCodePoint);
        String normalized = letters.toString().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty()) {
            return false;
        }
        if (distance(normalized, NO_REPORT) <= 2 || distance(normalized, REPORT) <= 2) {
            return true;
        }
        for (String known : Setting.fileKeys()) {
            if (distance(normalized, known.replace("_", "")) <= 2) {
                return false; // a misspelt timer or tracking_id, which is only an unknown key
            }
        }
        return normalized.matches(".*(no|not|dont|disable|stop|without|skip|off)\\w*report.*|.*report\\w*(off|no|not|disabled?|false)");
    }

    /** "Reporting is OFF until ..." and exactly what to write instead, in the file's own syntax. */
    static String advice(ConfigOrigin.Kind kind) {
        if (kind == ConfigOrigin.Kind.ERLANG) {
            return " Because it may be meant as an opt-out, reporting is OFF until this is fixed. To stop reporting, "
                    + "write the bare atom no_report in the entry's list, as in {service_mongoose_system_metrics, "
                    + "[no_report]}; to report, write report instead.";
        }
        return " Because it may be meant as an opt-out, reporting is OFF until this is fixed. To stop reporting, "
                + "write  no_report: true  (with a space after the colon) as a key of the service_mongoose_system_metrics "
                + "map; to report, write  report: true  instead.";
    }

    /**
     * Typing errors between two words: a letter added, dropped or changed, or two letters swapped, each counting
     * one (Damerau-Levenshtein, Lowrance-Wagner), so that two slips always count two whatever order they came in.
     */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int infinity = a.length() + b.length();
        int[][] d = new int[a.length() + 2][b.length() + 2];
        d[0][0] = infinity;
        for (int i = 0; i <= a.length(); i++) {
            d[i + 1][0] = infinity;
            d[i + 1][1] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j + 1] = infinity;
            d[1][j + 1] = j;
        }
        Map<Character, Integer> lastRow = new HashMap<>();
        for (int i = 1; i <= a.length(); i++) {
            int lastMatchColumn = 0;
            for (int j = 1; j <= b.length(); j++) {
                int k = lastRow.getOrDefault(b.charAt(j - 1), 0);
                int l = lastMatchColumn;
                int cost = 1;
                if (a.charAt(i - 1) == b.charAt(j - 1)) {
                    cost = 0;
                    lastMatchColumn = j;
                }
                d[i + 1][j + 1] = Math.min(Math.min(d[i][j] + cost, d[i + 1][j] + 1),
                        Math.min(d[i][j + 1] + 1, d[k][l] + (i - k - 1) + 1 + (j - l - 1)));
            }
            lastRow.put(a.charAt(i - 1), i);
        }
        return d[a.length() + 1][b.length() + 1];
    }
}
