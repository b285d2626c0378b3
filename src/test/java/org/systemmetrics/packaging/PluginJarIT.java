package org.systemmetrics.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jar an administrator drops into plugins/: Openfire's layout, and nothing Openfire already ships. */
class PluginJarIT {
    private static final List<String> BUNDLED_LIBRARY_PREFIXES =
            List.of("systemmetrics-", "gson-", "snakeyaml-", "httpclient5-", "httpcore5-", "httpcore5-h2-");
    private static final List<String> FORBIDDEN_PACKAGES = List.of("org/jivesoftware/", "org/xmpp/", "org/dom4j/",
            "org/slf4j/", "org/apache/logging/log4j/", "org/apache/log4j/", "ch/qos/logback/", "javax/servlet/");
    private static JarFile jar;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        Path path = Path.of(System.getProperty("plugin.jar", "target/systemmetrics.jar"));
        assertThat(path.getFileName().toString()).isEqualTo("systemmetrics.jar");
        jar = new JarFile(path.toFile());
        entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());
    }

    private static String text(String entry) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBuildLeavesOneJarToUpload() throws IOException {
        Path target = Path.of(System.getProperty("plugin.jar", "target/systemmetrics.jar")).getParent();
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")))
                    .containsExactly("systemmetrics.jar");
        }
    }

    @Test
    void hasOpenfiresPluginLayout() {
        assertThat(entries).contains("plugin.xml", "readme.html", "changelog.html", "logo_small.png", "logo_large.png",
                "i18n/systemmetrics_i18n.properties", "conf/system_metrics.yml");
    }

    @Test
    void pluginXmlIsFilteredFromThePom() throws IOException {
        String xml = text("plugin.xml");
        assertThat(xml).contains("<class>org.systemmetrics.openfire.SystemMetricsPlugin</class>")
                .contains("<version>" + System.getProperty("plugin.version") + "</version>")
                .contains("<minServerVersion>4.8.0</minServerVersion>")
                .contains("<minJavaVersion>11</minJavaVersion>")
                .containsPattern("<date>\\d{4}-\\d{2}-\\d{2}</date>")
                .contains("<name>System Metrics</name>")
                .contains("<author>").contains("<description>")
                .doesNotContainPattern("<(name|description)>\\$\\{")
                .doesNotContain("${project").doesNotContain("${plugin.date}");
    }

    @Test
    void libHoldsOnlyOurClassesAndWhatOpenfireLacks() {
        List<String> libs = entries.stream().filter(e -> e.startsWith("lib/") && e.endsWith(".jar"))
                .map(e -> e.substring(4)).collect(Collectors.toList());
        assertThat(libs).anyMatch(l -> l.startsWith("systemmetrics-"))
                .anyMatch(l -> l.startsWith("gson-"))
                .anyMatch(l -> l.startsWith("snakeyaml-"))
                .allMatch(l -> BUNDLED_LIBRARY_PREFIXES.stream().anyMatch(l::startsWith));
    }

    @Test
    void noOpenfireTinderDom4jSlf4jOrLog4jClassesInside() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith("lib/") && entry.endsWith(".jar")) {
                try (JarInputStream inner = new JarInputStream(new ByteArrayInputStream(jar.getInputStream(jar.getEntry(entry)).readAllBytes()))) {
                    for (JarEntry e = inner.getNextJarEntry(); e != null; e = inner.getNextJarEntry()) {
                        String name = e.getName();
                        if (FORBIDDEN_PACKAGES.stream().anyMatch(name::startsWith)) {
                            offending.add(entry + "!" + name);
                        }
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void ourClassesRunOnJava11() throws IOException {
        String ours = entries.stream().filter(e -> e.startsWith("lib/systemmetrics-")).findFirst().orElseThrow();
        try (JarInputStream inner = new JarInputStream(new ByteArrayInputStream(jar.getInputStream(jar.getEntry(ours)).readAllBytes()))) {
            int classes = 0;
            for (JarEntry e = inner.getNextJarEntry(); e != null; e = inner.getNextJarEntry()) {
                if (e.getName().endsWith(".class")) {
                    byte[] header = inner.readNBytes(8);
                    assertThat(header[7]).as(e.getName() + " class file major version").isEqualTo((byte) 55);
                    classes++;
                }
            }
            assertThat(classes).isPositive();
        }
    }
}
