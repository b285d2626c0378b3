package org.systemmetrics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The doors of docs/architecture.md, read from the import lines of the main sources: {@code core} knows nothing
 * of Openfire; inside {@code openfire} imports run downhill (seam, then probe and the admin page, then the
 * page's Openfire adapters, then the plugin class); and only the seam and the page's adapters name Openfire's
 * classes. Inline fully qualified names are not used in this project, so the import lines are the whole story.
 */
class ImportDirectionTest {
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);

    private static final String CORE = "org.systemmetrics.core";
    private static final String OPENFIRE = "org.systemmetrics.openfire";
    private static final String SEAM = OPENFIRE + ".seam";
    private static final String PROBE = OPENFIRE + ".probe";
    private static final String ADMIN = OPENFIRE + ".admin";
    private static final String ADMIN_LIVE = ADMIN + ".live";
    /** Openfire's own classes and those it ships as its API (Tinder's XMPP packets). */
    private static final List<String> OPENFIRE_API = List.of("org.jivesoftware", "org.xmpp", "org.igniterealtime");
    /**
     * The one class outside the seam that names Openfire: Openfire loads the plugin through its {@code Plugin}
     * interface and hands it the {@code PluginManager}, so the composition root cannot avoid them. It calls
     * nothing on them.
     */
    private static final Set<String> PLUGIN_ENTRY_POINT = Set.of(OPENFIRE + ".SystemMetricsPlugin");

    private static List<SourceFile> sources;

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(SourceFile::read)
                    .collect(Collectors.toList());
        }
    }

    @Test
    void theImportLinesAreRead() {
        // Guards the rules below against passing on nothing: the seam does import Openfire, the plugin core.
        assertThat(sources).hasSizeGreaterThan(50);
        assertThat(importsOf(SEAM::equals, imported -> imported.startsWith("org.jivesoftware."))).isNotEmpty();
        assertThat(importsOf(OPENFIRE::equals, imported -> imported.startsWith(CORE + "."))).isNotEmpty();
    }

    @Test
    void coreKnowsNothingOfOpenfire() {
        assertThat(importsOf(inside(CORE), imported -> under(imported, OPENFIRE) || isOpenfireApi(imported)))
                .isEmpty();
    }

    @Test
    void theSeamImportsNothingAboveIt() {
        assertThat(openfireImportsOutside(inside(SEAM), SEAM)).isEmpty();
    }

    @Test
    void probesStandOnTheSeamOnly() {
        assertThat(openfireImportsOutside(inside(PROBE), PROBE, SEAM)).isEmpty();
    }

    @Test
    void theAdminPageKnowsOpenfireOnlyThroughItsOwnInterfaces() {
        assertThat(openfireImportsOutside(inside(ADMIN).and(inside(ADMIN_LIVE).negate()), ADMIN)).isEmpty();
    }

    @Test
    void thePagesOpenfireAdaptersStandOnThePageAndTheSeam() {
        assertThat(openfireImportsOutside(inside(ADMIN_LIVE), ADMIN_LIVE, ADMIN, SEAM)).isEmpty();
    }

    @Test
    void onlyTheSeamAndThePagesAdaptersNameOpenfireClasses() {
        List<String> outside = new ArrayList<>();
        for (SourceFile source : sources) {
            if (under(source.packageName, SEAM) || under(source.packageName, ADMIN_LIVE)
                    || PLUGIN_ENTRY_POINT.contains(source.className())) {
                continue;
            }
            source.imports.stream().filter(ImportDirectionTest::isOpenfireApi)
                    .forEach(imported -> outside.add(source.className() + " imports " + imported));
        }
        assertThat(outside).isEmpty();
    }

    private static List<String> importsOf(Predicate<String> packages, Predicate<String> forbidden) {
        List<String> found = new ArrayList<>();
        for (SourceFile source : sources) {
            if (packages.test(source.packageName)) {
                source.imports.stream().filter(forbidden)
                        .forEach(imported -> found.add(source.className() + " imports " + imported));
            }
        }
        return found;
    }

    /** Imports of our openfire classes by the given packages from floors other than the allowed ones. */
    private static List<String> openfireImportsOutside(Predicate<String> packages, String... allowedFloors) {
        List<String> allowed = List.of(allowedFloors);
        return importsOf(packages, imported -> under(imported, OPENFIRE) && !allowed.contains(floorOf(imported)));
    }

    private static String floorOf(String openfireName) {
        for (String floor : List.of(ADMIN_LIVE, ADMIN, PROBE, SEAM)) {
            if (under(openfireName, floor)) {
                return floor;
            }
        }
        return OPENFIRE;
    }

    private static Predicate<String> inside(String root) {
        return packageName -> under(packageName, root);
    }

    private static boolean under(String name, String root) {
        return name.equals(root) || name.startsWith(root + ".");
    }

    private static boolean isOpenfireApi(String imported) {
        return OPENFIRE_API.stream().anyMatch(root -> under(imported, root));
    }

    private static final class SourceFile {
        private final Path file;
        private final String packageName;
        private final List<String> imports;

        private SourceFile(Path file, String packageName, List<String> imports) {
            this.file = file;
            this.packageName = packageName;
            this.imports = imports;
        }

        static SourceFile read(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher packageLine = PACKAGE.matcher(text);
            String packageName = packageLine.find() ? packageLine.group(1) : "";
            List<String> imports = new ArrayList<>();
            Matcher importLine = IMPORT.matcher(text);
            while (importLine.find()) {
                imports.add(importLine.group(1));
            }
            return new SourceFile(file, packageName, List.copyOf(imports));
        }

        String className() {
            String name = file.getFileName().toString();
            return packageName + "." + name.substring(0, name.length() - ".java".length());
        }
    }
}
