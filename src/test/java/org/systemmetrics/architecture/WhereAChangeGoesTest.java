package org.systemmetrics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/architecture.md's "Where a newcomer goes for each kind of change", read as it stands: each bullet
 * ({@code - **A new setting**: ...}) names in backticks the classes, packages and files a change touches and links
 * the documents it updates. Every name must exist, so a renamed class cannot leave a newcomer at a dead end; no
 * change may name more than {@value #MOST_MAIN_FILES} main files (issue 18: an ordinary change stays small); and
 * the three ordinary changes (a new setting, a new metric, a new destination) must be traced.
 *
 * <p>How a backticked name is read: with a {@code /} it is a path from the project folder ({@code i18n/}); a
 * dotted or plain name whose first capitalised part is a class ({@code core.report.ReportCategory},
 * {@code OpenfireServer}, {@code Setting.address()}) is that class's source file, under its package when one is
 * given; an all-lowercase name is a package ({@code seam}, {@code admin.live}, {@code org.systemmetrics.realserver}).
 * Not looked up: a lowercase name with an underscore (a setting key) and a call with arguments
 * ({@code ServiceConfig.get(Setting.X)}), which shows how a value is used where it is used, not a file to edit.
 */
class WhereAChangeGoesTest {
    static final int MOST_MAIN_FILES = 4;
    private static final Path ARCHITECTURE = Path.of("docs", "architecture.md");
    private static final String SECTION = "Where a newcomer goes";
    private static final List<String> ORDINARY_CHANGES = List.of("a new setting", "a new metric", "a new destination");

    private static final Pattern BULLET_NAME = Pattern.compile("^- \\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_][\\w.]*(\\(\\))?");

    private static Project project;
    private static List<Bullet> bullets;

    @BeforeAll
    static void readTheSection() throws IOException {
        project = Project.at(Path.of(""));
        bullets = bullets(Files.readString(ARCHITECTURE));
    }

    @Test
    void theBulletsAreRead() {
        // Guards the checks below against passing on nothing: today's text names classes in most bullets.
        assertThat(bullets).as("bullets under '%s' in %s", SECTION, ARCHITECTURE).hasSizeGreaterThanOrEqualTo(3);
        assertThat(bullets.stream().mapToInt(b -> project.mainFiles(b).size()).sum()).isPositive();
    }

    @Test
    void everyClassPackageFileAndDocumentABulletNamesExists() {
        Map<String, List<String>> missing = new TreeMap<>();
        for (Bullet bullet : bullets) {
            List<String> gone = project.missing(bullet);
            if (!gone.isEmpty()) {
                missing.put(bullet.name, gone);
            }
        }

        assertThat(missing).as("names in %s that lead nowhere, per change", ARCHITECTURE).isEmpty();
    }

    @Test
    void noChangeNamesMoreThanFourMainFiles() {
        Map<String, Set<Path>> tooMany = new TreeMap<>();
        for (Bullet bullet : bullets) {
            Set<Path> files = project.mainFiles(bullet);
            if (files.size() > MOST_MAIN_FILES) {
                tooMany.put(bullet.name, files);
            }
        }

        assertThat(tooMany).as("changes in %s that touch more than %d main files", ARCHITECTURE, MOST_MAIN_FILES)
                .isEmpty();
    }

    @Test
    void theThreeOrdinaryChangesAreTraced() {
        List<String> names = bullets.stream().map(b -> b.name.toLowerCase(Locale.ROOT)).collect(Collectors.toList());

        assertThat(ORDINARY_CHANGES).as("changes traced in %s (found: %s)", ARCHITECTURE, names)
                .allSatisfy(change -> assertThat(names).anySatisfy(name -> assertThat(name).startsWith(change)));
    }

    @Test
    void aNameThatLeadsNowhereAndEveryMainFileABulletNamesAreFound(@TempDir Path root) throws IOException {
        for (String file : List.of("src/main/java/org/systemmetrics/core/config/Setting.java",
                "src/main/java/org/systemmetrics/openfire/seam/OpenfireServer.java",
                "src/test/java/org/systemmetrics/openfire/seam/OpenfireServerTest.java", "i18n/texts.properties",
                "docs/metrics.md")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "");
        }
        List<Bullet> sample = bullets("# Doc\n\nWhere a newcomer goes for each kind of change:\n\n"
                + "- **A new metric**: `OpenfireServer` in `seam`, `NoSuchClass`, `core.nowhere`; see\n"
                + "  [metrics.md](metrics.md#events) and [gone.md](gone.md); `i18n/`, `no/such/file.txt`, `initial_report`.\n"
                + "- **A new setting**: `OpenfireServerTest`, `core.config.Setting`, `config.Setting.address()`, `Setting`,\n"
                + "  `seam.OpenfireServer`, `report: true`.\n\n"
                + "Then a paragraph, and the next section.\n\n- **Not read**: `Elsewhere`\n");
        Project project = Project.at(root);

        assertThat(sample).extracting(b -> b.name).containsExactly("A new metric", "A new setting");
        assertThat(project.missing(sample.get(0))).containsExactly("NoSuchClass", "core.nowhere", "no/such/file.txt",
                "gone.md");
        assertThat(project.missing(sample.get(1))).isEmpty();
        assertThat(project.mainFiles(sample.get(0))).containsExactly(
                Path.of("src/main/java/org/systemmetrics/openfire/seam/OpenfireServer.java"));
        assertThat(project.mainFiles(sample.get(1))).containsExactly(
                Path.of("src/main/java/org/systemmetrics/core/config/Setting.java"),
                Path.of("src/main/java/org/systemmetrics/openfire/seam/OpenfireServer.java"));
    }

    /** The bullets of the section, each with its text joined from its continuation lines. */
    static List<Bullet> bullets(String markdown) {
        List<String> lines = markdown.lines().collect(Collectors.toList());
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains(SECTION)) {
            start++;
        }
        List<Bullet> found = new ArrayList<>();
        StringBuilder text = null;
        for (String line : lines.subList(Math.min(start + 1, lines.size()), lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("- ")) {
                add(found, text);
                text = new StringBuilder(line);
            } else if (text != null && line.startsWith(" ")) {
                text.append(' ').append(line.trim());
            } else if (!line.isBlank() || text != null) {
                add(found, text);
                text = null;
                if (!found.isEmpty() && !line.isBlank()) {
                    break; // the paragraph after the list
                }
            }
        }
        add(found, text);
        return found;
    }

    private static void add(List<Bullet> found, StringBuilder text) {
        if (text != null) {
            Matcher name = BULLET_NAME.matcher(text);
            found.add(new Bullet(name.find() ? name.group(1) : text.substring(2, Math.min(text.length(), 40)),
                    text.toString()));
        }
    }

    static final class Bullet {
        final String name;
        final String text;

        Bullet(String name, String text) {
            this.name = name;
            this.text = text;
        }

        List<String> codeNames() {
            return CODE.matcher(text).results().map(m -> m.group(1).trim()).collect(Collectors.toList());
        }

        List<String> links() {
            return LINK.matcher(text).results().map(m -> m.group(1)).filter(l -> !l.matches("[a-z]+:.*"))
                    .map(l -> l.replaceAll("#.*", "")).filter(l -> !l.isEmpty()).collect(Collectors.toList());
        }
    }

    /** The project's sources, to find what a name in the doc stands for. */
    static final class Project {
        private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/test/java", "src/bench/java");
        private static final String OUR_PACKAGE = "org/systemmetrics/";

        private final Path root;
        private final List<Path> javaFiles;
        private final List<Path> packages;

        private Project(Path root, List<Path> javaFiles, List<Path> packages) {
            this.root = root;
            this.javaFiles = javaFiles;
            this.packages = packages;
        }

        static Project at(Path root) {
            List<Path> javaFiles = new ArrayList<>();
            List<Path> packages = new ArrayList<>();
            for (String sources : SOURCE_ROOTS) {
                Path folder = root.resolve(sources);
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (Stream<Path> paths = Files.walk(folder)) {
                    paths.forEach(p -> (Files.isDirectory(p) ? packages : javaFiles).add(root.relativize(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Project(root, javaFiles, packages);
        }

        /** The names and links of a bullet that lead nowhere, as written. */
        List<String> missing(Bullet bullet) {
            List<String> missing = new ArrayList<>();
            for (String name : bullet.codeNames()) {
                if (namesCode(name) && resolve(name).isEmpty()) {
                    missing.add(name);
                }
            }
            for (String link : bullet.links()) {
                if (!Files.exists(root.resolve(ARCHITECTURE).resolveSibling(link))) {
                    missing.add(link);
                }
            }
            return missing;
        }

        /** The files under src/main/java that a bullet names, each once. */
        Set<Path> mainFiles(Bullet bullet) {
            Set<Path> main = new LinkedHashSet<>();
            for (String name : bullet.codeNames()) {
                if (namesCode(name)) {
                    resolve(name).stream().filter(p -> p.startsWith("src/main/java") && p.toString().endsWith(".java"))
                            .forEach(main::add);
                }
            }
            return main;
        }

        /** A path, a class or a package; not prose in backticks ({@code report: true}) nor a setting key. */
        private static boolean namesCode(String name) {
            boolean settingKey = name.contains("_") && name.equals(name.toLowerCase(Locale.ROOT));
            return name.contains("/") || JAVA_NAME.matcher(name).matches() && !settingKey;
        }

        /** What a backticked name stands for: a path, the source of a class, or a package's folders; empty if none. */
        private List<Path> resolve(String name) {
            if (name.contains("/")) {
                Path path = Path.of(name);
                return Files.exists(root.resolve(path)) ? List.of(path) : List.of();
            }
            List<String> parts = List.of(name.replace("()", "").replaceFirst("^org\\.systemmetrics\\.", "").split("\\."));
            int firstClass = 0;
            while (firstClass < parts.size() && !Character.isUpperCase(parts.get(firstClass).charAt(0))) {
                firstClass++;
            }
            String packagePath = String.join("/", parts.subList(0, firstClass));
            if (firstClass == parts.size()) {
                return packages.stream().filter(p -> endsWithPackage(p, packagePath)).collect(Collectors.toList());
            }
            String file = "/" + (packagePath.isEmpty() ? "" : packagePath + "/") + parts.get(firstClass) + ".java";
            return javaFiles.stream().filter(p -> ("/" + p).endsWith(file)).collect(Collectors.toList());
        }

        private static boolean endsWithPackage(Path folder, String packagePath) {
            String path = folder.toString();
            return ("/" + path).contains("/" + OUR_PACKAGE) && path.endsWith("/" + packagePath);
        }
    }
}
