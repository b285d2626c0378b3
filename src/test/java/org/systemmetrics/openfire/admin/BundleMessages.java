package org.systemmetrics.openfire.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/** The plugin's i18n files read straight from the source tree, formatted the way Openfire's LocaleUtils does. */
final class BundleMessages implements Messages {
    private final ResourceBundle bundle;

    private BundleMessages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    static BundleMessages english() {
        return new BundleMessages(load(file("")));
    }

    static BundleMessages german() {
        return new BundleMessages(load(file("_de")));
    }

    static Path file(String suffix) {
        return Paths.get(System.getProperty("basedir", "."), "i18n", "systemmetrics_i18n" + suffix + ".properties");
    }

    static ResourceBundle load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new PropertyResourceBundle(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ResourceBundle bundle() {
        return bundle;
    }

    /** Throws for a missing key, so a page that uses an undefined text fails its test. */
    @Override
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return Messages.asWritten(pattern, args) ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
