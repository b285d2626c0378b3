package org.systemmetrics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.text.Texts;

/**
 * Each package's log and problem texts (see {@link Texts}) against the package's code: every key the code asks
 * for is in the catalog (a key prefix ending in a dot: at least one key under it), every text in the catalog is asked for (by its key, or by a key prefix ending in a dot
 * for keys built from a name), and every text numbers its arguments from {0} without a gap.
 */
class TextCatalogsTest {
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Path MAIN_RESOURCES = Path.of("src", "main", "resources");
    private static final Pattern ASKED = Pattern.compile("TEXTS\\.get\\(\\s*\"([^\"]+)\"");
    /** A char literal first, so that {@code '"'} does not pair the quotes of the code after it wrongly. */
    private static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)'|\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

    @Test
    void everyKeyAskedForIsInItsPackagesCatalog() {
        List<String> missing = new ArrayList<>();
        for (Path dir : packagesUsingTexts()) {
            Properties catalog = catalogOf(dir);
            Matcher m = ASKED.matcher(code(dir));
            while (m.find()) {
                String key = m.group(1);
                // A key built from a name ("unload." + what) needs at least one text under its prefix.
                if (key.endsWith(".") ? catalog.stringPropertyNames().stream().noneMatch(k -> k.startsWith(key))
                        : !catalog.containsKey(key)) {
                    missing.add(dir + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTextInACatalogIsAskedForByItsPackage() {
        List<String> unused = new ArrayList<>();
        for (Path dir : packagesUsingTexts()) {
            Set<String> literals = new TreeSet<>();
            Matcher m = LITERAL.matcher(code(dir));
            while (m.find()) {
                if (m.group(1) != null) {
                    literals.add(m.group(1));
                }
            }
            for (String key : catalogOf(dir).stringPropertyNames()) {
                if (!literals.contains(key) && literals.stream().noneMatch(l -> l.endsWith(".") && key.startsWith(l))) {
                    unused.add(dir + ": " + key);
                }
            }
        }
        assertThat(unused).isEmpty();
    }

    @Test
    void everyTextNumbersItsArgumentsFromZeroWithoutAGap() {
        List<String> gaps = new ArrayList<>();
        for (Path dir : packagesUsingTexts()) {
            Properties catalog = catalogOf(dir);
            for (String key : catalog.stringPropertyNames()) {
                TreeSet<Integer> used = new TreeSet<>();
                Matcher m = PLACEHOLDER.matcher(catalog.getProperty(key));
                while (m.find()) {
                    used.add(Integer.parseInt(m.group(1)));
                }
                if (!used.isEmpty() && used.last() != used.size() - 1) {
                    gaps.add(dir + ": " + key + " uses " + used);
                }
            }
        }
        assertThat(gaps).isEmpty();
    }

    @Test
    void everyCatalogBelongsToAPackageThatAsksForTexts() {
        try (Stream<Path> files = Files.walk(MAIN_RESOURCES)) {
            List<Path> catalogs = files.filter(f -> f.getFileName().toString().equals(Texts.CATALOG))
                    .map(f -> MAIN_SOURCES.resolve(MAIN_RESOURCES.relativize(f.getParent())))
                    .collect(Collectors.toList());
            assertThat(packagesUsingTexts()).containsExactlyInAnyOrderElementsOf(catalogs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Folders of main code with a class that reads its package's catalog. */
    private static List<Path> packagesUsingTexts() {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            List<Path> dirs = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains("Texts.of("))
                    .map(Path::getParent).distinct().collect(Collectors.toList());
            // Guards the rules against passing on nothing.
            assertThat(dirs).isNotEmpty();
            return dirs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String code(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(TextCatalogsTest::read)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties catalogOf(Path sourceDir) {
        Path file = MAIN_RESOURCES.resolve(MAIN_SOURCES.relativize(sourceDir)).resolve(Texts.CATALOG);
        Properties catalog = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            catalog.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("no catalog " + file + " for the package that asks for texts", e);
        }
        return catalog;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
