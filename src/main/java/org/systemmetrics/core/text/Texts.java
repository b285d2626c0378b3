package org.systemmetrics.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The log lines and configuration problems of one package, by key, from the {@code messages.properties} beside its
 * classes (UTF-8). A text's {@code {0}}, {@code {1}}, … are its arguments as {@code String.valueOf} writes them:
 * unlike {@link java.text.MessageFormat}, an apostrophe is an apostrophe and a number is not grouped, so a text
 * reads in the catalog exactly as it reaches the log. Tests assert keys; {@code TextCatalogsTest} holds every
 * catalog against the keys its package names.
 */
public final class Texts {
    public static final String CATALOG = "messages.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

    private final Map<String, String> texts;

    private Texts(Map<String, String> texts) {
        this.texts = texts;
    }

    /** The catalog of {@code owner}'s package; empty (every text then shows its key) if the jar lacks it. */
    public static Texts of(Class<?> owner) {
        Properties properties = new Properties();
        try (InputStream in = owner.getResourceAsStream(CATALOG)) {
            if (in != null) {
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged jar must not stop the server: the texts then show their keys and arguments.
            properties.clear();
        }
        return new Texts(properties.stringPropertyNames().stream()
                .collect(Collectors.toUnmodifiableMap(k -> k, properties::getProperty)));
    }

    /** The text for {@code key} with its arguments in place; a missing key shows itself, never an exception. */
    public String get(String key, Object... args) {
        String text = texts.get(key);
        if (text == null) {
            return key + (args.length == 0 ? "" : " " + Arrays.toString(args));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (m.find()) {
            int index = m.group(1).charAt(0) - '0';
            m.appendReplacement(out, Matcher.quoteReplacement(index < args.length ? String.valueOf(args[index])
                    : m.group()));
        }
        return m.appendTail(out).toString();
    }
}
