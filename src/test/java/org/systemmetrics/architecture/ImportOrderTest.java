package org.systemmetrics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One order of imports in every source of the project (main, tests, benchmarks), so a reader finds an import
 * where they expect it and a diff shows only what changed: static imports first, then {@code java.},
 * {@code javax.} and everything else, each group alphabetical.
 */
class ImportOrderTest {
    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"),
            Path.of("src", "bench", "java"));
    private static final Comparator<String> ORDER = Comparator.comparingInt(ImportOrderTest::group)
            .thenComparing(ImportOrderTest::importedName);

    @Test
    void everySourceFileHasItsImportsInTheOneOrder() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> found = Files.walk(root)) {
                    found.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        assertThat(files).as("source files found").hasSizeGreaterThan(100);

        List<String> outOfOrder = files.stream().filter(f -> !inOrder(imports(f))).map(Path::toString)
                .collect(Collectors.toList());

        assertThat(outOfOrder).as("files whose imports are not static, java., javax., others, each alphabetical")
                .isEmpty();
    }

    @Test
    void theOrderIsStaticThenJavaThenJavaxThenTheRest() {
        assertThat(inOrder(List.of("import static org.x.A.a;", "import java.util.List;", "import javax.net.Ssl;",
                "import com.google.gson.Gson;", "import org.slf4j.Logger;"))).isTrue();
        assertThat(inOrder(List.of("import org.slf4j.Logger;", "import java.util.List;"))).isFalse();
        assertThat(inOrder(List.of("import java.util.Set;", "import java.util.List;"))).isFalse();
    }

    private static boolean inOrder(List<String> imports) {
        List<String> sorted = new ArrayList<>(imports);
        sorted.sort(ORDER);
        return sorted.equals(imports);
    }

    private static List<String> imports(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("import "))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int group(String importLine) {
        if (importLine.startsWith("import static ")) {
            return 0;
        }
        String name = importedName(importLine);
        return name.startsWith("java.") ? 1 : name.startsWith("javax.") ? 2 : 3;
    }

    private static String importedName(String importLine) {
        return importLine.replaceFirst("^import\\s+(static\\s+)?", "");
    }
}
