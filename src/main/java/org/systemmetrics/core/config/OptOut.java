package org.systemmetrics.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.systemmetrics.core.text.Texts;

/**
 * The words of an opt-out and what to tell an administrator whose opt-out cannot be read with certainty.
 * Whatever might be an opt-out but cannot be read switches reporting off: a phone-home plugin must never
 * keep sending because its administrator mistyped "no".
 */
final class OptOut {
    private static final Texts TEXTS = Texts.of(OptOut.class);
    private static final String NO_REPORT = "noreport";
    private static final String REPORT = "report";
    /** More opt-outs in the wrong place than this are summed up in one more ERROR, so a file cannot flood the log. */
    static final int MAX_STRAY_ERRORS = 10;

    private static final List<String> DENIALS_BEFORE = List.of("no", "not", "dont", "disable", "stop", "without", "skip",
            "off");
    private static final List<String> DENIALS_AFTER = List.of("off", "no", "not", "disable", "disabled", "false");
    /** "No report" said another way, strictly enough to count even among another program's settings. */
    private static final Pattern UNMISTAKABLE_PHRASE = Pattern.compile(
            "(no|not|dont|donot|never|disable|stop|without|skip)(sending)?reports?(ing)?|reports?(ing)?(off|no|not|never|disabled?|false)");
    private static final String SENDING = "(send|sending|sends|track|tracking|telemetry|analytics|metrics|systemmetrics"
            + "|stats|statistics|usagestats|usage|phonehome|share|sharing|upload|uploads|collect|collection|data|reports?"
            + "|reporting)";
    /** Words that say "off" when true: {@code disabled: true}, {@code opt_out: true}, {@code no_tracking: true}. */
    private static final Pattern OFF_WHEN_TRUE = Pattern.compile("disabled?|opt(ed)?out|off|deactivated?|inactive"
            + "|stop(ped)?|dnt|donottrack|silence|mute|(no|not|dont|donot|never|disabled?|stop|skip|without|block)"
            + SENDING + "|" + SENDING + "(off|disabled?|no|never|optout)");
    /** Words that say "on" when true, so anything but true may mean off: {@code enabled: false}, {@code send: no}. */
    private static final Pattern ON_WHEN_TRUE = Pattern.compile("enabled?|active|activated?|on|sends?|sending|reporting"
            + "|track(ing)?|telemetry|analytics|statistics|stats|usagestats|(system)?metrics|phonehome|share|sharing"
            + "|upload|collect|collection|consent|allow(ed)?|opt(ed)?in|(send|enabled?|allow(ed)?|share)" + SENDING
            + "|" + SENDING + "(on|enabled?|allowed|active)");

    /** Where a word stands in the file, which decides how much of the opt-out rule applies to it. */
    enum Place {
        TOP_LEVEL, BESIDE_ENTRY, IN_ENTRY_VALUE, NESTED,
        /** Another service's settings are its own: only unmistakable spellings of our opt-out count there. */
        OTHER_SERVICE
    }

    private OptOut() {
    }

    /**
     * A key none of ours that may be meant as {@code no_report} or {@code report}: up to two typing errors (case and
     * separators aside), or "no report" said another way ({@code dont_report}); not a near miss of another known key.
     */
    static boolean isNearMiss(String key) {
        if (Setting.fileKeys().contains(key)) {
            return false;
        }
        String word = normalize(key);
        if (typos(word, NO_REPORT) <= 2 || typos(word, REPORT) <= 2) {
            return true;
        }
        // A misspelt timer or tracking_id is only an unknown key.
        return Setting.fileKeys().stream().noneMatch(known -> typos(word, known.replace("_", "")) <= 2)
                && saysNoReport(word);
    }

    /**
     * Plain English for "do not report": a word meaning off when true with any value but {@code false}, or on when
     * true with any value but {@code true}. A map or list is a section, not a switch: its contents are judged.
     */
    static boolean isPlainEnglishOptOut(String key, Object value) {
        if (Setting.fileKeys().contains(key) || value instanceof Map || value instanceof List) {
            return false;
        }
        String word = normalize(key);
        if (OFF_WHEN_TRUE.matcher(word).matches()) {
            return !Boolean.FALSE.equals(value);
        }
        return ON_WHEN_TRUE.matcher(word).matches() && !Boolean.TRUE.equals(value);
    }

    /**
     * A word outside the entry's own keys that may be meant as an opt-out, as an ERROR names it. In another service's
     * settings only unmistakable spellings count: {@code enabled: false} is that service's own.
     */
    static Optional<Supplier<String>> strayMention(String word, Object value, Place place) {
        boolean ours = word.equals(Setting.REPORT.key()) || word.equals(Setting.NO_REPORT.key());
        if (!ours && Setting.fileKeys().contains(word)) {
            return Optional.empty();
        }
        String normalized = normalize(word);
        boolean wholeRule = place != Place.OTHER_SERVICE;
        if (ours || typos(normalized, NO_REPORT) <= 1 || typos(normalized, REPORT) <= 1
                || UNMISTAKABLE_PHRASE.matcher(normalized).matches() || (wholeRule && isNearMiss(word))) {
            return Optional.of(() -> TEXTS.get("optout.looks_like", LogText.oneLine(word, LogText.MAX_CHARS)));
        }
        if (wholeRule && isPlainEnglishOptOut(word, value)) {
            return Optional.of(() -> TEXTS.get("optout.plain_english", LogText.keyOrShape(word), describe(value)));
        }
        return Optional.empty();
    }

    /** A value that spells {@code no_report}, as in {@code mode: no_report}; our own keys' values are the binder's. */
    static Optional<Supplier<String>> strayValue(String key, String value) {
        String word = normalize(value);
        boolean spelled = typos(word, NO_REPORT) <= 1 || (word.length() <= 64 && UNMISTAKABLE_PHRASE.matcher(word).matches());
        // The value itself is not quoted: it may be a secret that happens to read so.
        return spelled ? Optional.of(() -> TEXTS.get("optout.spelled", LogText.keyOrShape(key))) : Optional.empty();
    }

    /** An ERROR about what may be an opt-out, followed by what to write instead in the file's own syntax. */
    static ConfigProblem doubt(String what, ConfigOrigin.Kind kind) {
        return ConfigProblem.switchingOff(what, " " + TEXTS.get(kind == ConfigOrigin.Kind.ERLANG
                ? "optout.advice_erlang" : "optout.advice_yaml"), what + " " + TEXTS.get("optout.maybe"));
    }

    /** A text may be a secret written in the wrong place: quoted only when it looks like a plain word. */
    private static String describe(Object value) {
        if (value == null || value instanceof ConfigValue.BareWord) {
            return value == null ? TEXTS.get("shown.no_value") : value.toString();
        }
        boolean plain = value instanceof Boolean || value instanceof Number;
        return TEXTS.get("shown.value", plain ? value : LogText.keyOrShape(value.toString()));
    }

    /**
     * "report" after a word of denial ({@code dont_report}, {@code skip_reports}) or before one at the end
     * ({@code report_off}). Written as searches, not as a regular expression with two wildcards, which takes
     * seconds on a key of some thousand letters, and every key of the file is looked at.
     */
    private static boolean saysNoReport(String word) {
        int afterDenial = DENIALS_BEFORE.stream().filter(word::contains)
                .mapToInt(denial -> word.indexOf(denial) + denial.length()).min().orElse(word.length());
        int report = word.indexOf(REPORT);
        return word.indexOf(REPORT, afterDenial) >= 0 || (report >= 0 && DENIALS_AFTER.stream()
                .anyMatch(denial -> word.endsWith(denial) && report + REPORT.length() <= word.length() - denial.length()));
    }

    private static String normalize(String key) {
        StringBuilder letters = new StringBuilder();
        key.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(letters::appendCodePoint);
        return letters.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Typing errors between two words, 3 meaning three or more: a letter added, dropped or changed, or two letters
     * swapped, each counting one (Damerau-Levenshtein, Lowrance-Wagner), so that two slips always count two
     * whatever order they came in.
     */
    static int typos(String a, String b) {
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
                boolean same = a.charAt(i - 1) == b.charAt(j - 1);
                lastMatchColumn = same ? j : lastMatchColumn;
                d[i + 1][j + 1] = Math.min(Math.min(d[i][j] + (same ? 0 : 1), d[i + 1][j] + 1),
                        Math.min(d[i][j + 1] + 1, d[k][l] + (i - k - 1) + 1 + (j - l - 1)));
            }
            lastRow.put(a.charAt(i - 1), i);
        }
        return d[a.length() + 1][b.length() + 1];
    }
}
