package org.systemmetrics.core.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log lines and configuration problems of one package, by key, from the {@code messages.properties} beside its
 * classes (UTF-8). A text's {@code {0}}, {@code {1}}, … are its arguments as {@code String.valueOf} writes them:
 * unlike {@link java.text.MessageFormat}, an apostrophe is an apostrophe and a number is not grouped, so a text
 * reads in the catalog exactly as it reaches the log. Tests assert keys; {@code TextCatalogsTest} holds every
 * catalog against the keys its package names.
 *
 * <p>The catalog is read as a {@link ResourceBundle}: the JDK keeps one per package and class loader, however many
 * classes of the package ask for it, and lets it go with the plugin's class loader when Openfire unloads the plugin.
 */
public final class Texts {
    public static final String CATALOG = "messages.properties";
    private static final String BUNDLE = "messages";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

    private final Optional<ResourceBundle> texts;

    private Texts(Optional<ResourceBundle> texts) {
        this.texts = texts;
    }

    /** The catalog of {@code owner}'s package; empty (every text then shows its key) if the jar lacks it. */
    public static Texts of(Class<?> owner) {
        if (owner.getClassLoader() == null) {
            return new Texts(Optional.empty());
        }
        try {
            return new Texts(Optional.of(ResourceBundle.getBundle(owner.getPackageName() + "." + BUNDLE, Locale.ROOT,
                    owner.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES))));
        } catch (MissingResourceException e) {
            // A damaged jar must not stop the server: the texts then show their keys and arguments.
            return new Texts(Optional.empty());
        }
    }

    /** The text for {@code key} with its arguments in place; a missing key shows itself, never an exception. */
    public String get(String key, Object... args) {
        String text = texts.filter(bundle -> bundle.containsKey(key)).map(bundle -> bundle.getString(key)).orElse(null);
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
