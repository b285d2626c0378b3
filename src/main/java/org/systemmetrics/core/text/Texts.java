package org.systemmetrics.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log lines and configuration problems of one package, by key, from the {@code messages.properties} beside its
 * classes (UTF-8). A text's {@code {0}}, {@code {1}}, … are its arguments as {@code String.valueOf} writes them:
 * unlike {@link java.text.MessageFormat}, an apostrophe is an apostrophe and a number is not grouped, so a text
 * reads in the catalog exactly as it reaches the log. Tests assert keys; {@code TextCatalogsTest} holds every
 * catalog against the keys its package names.
 *
 * <p>The catalog is read again for every text and not kept: texts are asked for when something is logged or a
 * configuration is read, not on a hot path, and a running plugin then holds none of its 600 texts (about 84 KiB:
 * docs/performance.md).
 */
public final class Texts {
    public static final String CATALOG = "messages.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

    private final Class<?> owner;

    private Texts(Class<?> owner) {
        this.owner = owner;
    }

    /** The catalog of {@code owner}'s package; if the jar lacks it, every text shows its key. */
    public static Texts of(Class<?> owner) {
        return new Texts(owner);
    }

    /** The text for {@code key} with its arguments in place; a missing key shows itself, never an exception. */
    public String get(String key, Object... args) {
        String text = catalog().getProperty(key);
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

    private Properties catalog() {
        Properties texts = new Properties();
        try (InputStream in = owner.getResourceAsStream(CATALOG)) {
            if (in != null) {
                texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged jar must not stop the server: the texts then show their keys and arguments.
            return new Properties();
        }
        return texts;
    }
}
