package org.systemmetrics.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.testing.LogCapture;

class ReportFileWriterTest {
    @TempDir
    Path logs;

    private static Report report(String version) {
        return new Report(Instant.parse("2026-03-01T10:15:30Z"), "0b5f2f1e-8a8e-4c5b-9a51-3c7f1d2e4a6b",
                List.of(Event.named("cluster").param("version", version).param("node_count", 1).build()));
    }

    @Test
    void writesTheDocumentedPrettyJsonShape() throws IOException {
        ReportFileWriter writer = new ReportFileWriter(logs);

        assertThat(writer.write(report("5.1.1"))).isTrue();

        assertThat(Files.readString(logs.resolve("system_metrics_report.json"))).isEqualToIgnoringNewLines(
                "{"
                + "  \"generated_at\": \"2026-03-01T10:15:30Z\","
                + "  \"client_id\": \"0b5f2f1e-8a8e-4c5b-9a51-3c7f1d2e4a6b\","
                + "  \"events\": ["
                + "    {"
                + "      \"name\": \"cluster\","
                + "      \"params\": {"
                + "        \"version\": \"5.1.1\","
                + "        \"node_count\": 1"
                + "      }"
                + "    }"
                + "  ]"
                + "}");
    }

    @Test
    void readsBackWhatItWrote() {
        ReportFileWriter writer = new ReportFileWriter(logs);
        assertThat(writer.readLast()).isEmpty();

        writer.write(report("5.1.1"));

        assertThat(writer.readLast()).contains(ReportJson.toPrettyJson(report("5.1.1")));
    }

    /** The admin page shows and offers for download what this reads: never what a link in its place points to. */
    @Test
    void aSymbolicLinkInPlaceOfTheReportFileIsNotFollowed() throws IOException {
        ReportFileWriter writer = new ReportFileWriter(Files.createDirectory(logs.resolve("logs")));
        Path secret = Files.writeString(logs.resolve("security.xml"),
                "<security><secretKey>k3y</secretKey></security>");
        try {
            Files.createSymbolicLink(writer.target(), secret);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system has no symbolic links");
        }

        assertThat(writer.readLast()).isEmpty();
    }

    @Test
    void aFolderThatCannotBeWrittenGivesOneErrorAndKeepsThePreviousReport() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")) && !canBeMadeReadOnly(),
                "permissions are not enforced for this user on this file system");
        ReportFileWriter writer = new ReportFileWriter(logs);
        writer.write(report("4.8.0"));
        String before = Files.readString(writer.target());
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (LogCapture log = new LogCapture()) {
            assertThat(writer.write(report("5.0.0"))).isFalse();
            assertThat(writer.write(report("5.0.1"))).isFalse();

            assertThat(log.at(ch.qos.logback.classic.Level.ERROR)).singleElement().asString()
                    .contains(writer.target().toString()).contains("previous report file is left as it was");
            assertThat(Files.readString(writer.target())).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(writer.write(report("5.1.0"))).isTrue();
        assertThat(Files.readString(writer.target())).contains("5.1.0");
    }

    @Test
    void aFullDiskGivesOneErrorKeepsThePreviousReportAndLeavesNoPartialFile() throws IOException {
        new ReportFileWriter(logs).write(report("4.8.0"));
        String before = Files.readString(logs.resolve("system_metrics_report.json"));
        ReportFileWriter full = new ReportFileWriter(logs, (file, content) -> {
            Files.write(file, java.util.Arrays.copyOf(content, content.length / 2));
            throw new IOException("No space left on device");
        }, ReportFileWriter::forceToDisk);
        try (LogCapture log = new LogCapture()) {
            assertThat(full.write(report("5.0.0"))).isFalse();
            assertThat(full.write(report("5.0.1"))).isFalse();

            assertThat(log.at(ch.qos.logback.classic.Level.ERROR)).singleElement().asString()
                    .contains("No space left on device").contains("reports are still sent");
        }
        assertThat(Files.readString(logs.resolve("system_metrics_report.json"))).isEqualTo(before);
        try (var files = Files.list(logs)) {
            assertThat(files).containsExactly(logs.resolve("system_metrics_report.json"));
        }
    }

    @Test
    void aMissingFolderIsReportedNotThrown() {
        ReportFileWriter writer = new ReportFileWriter(logs.resolve("gone"));
        try (LogCapture log = new LogCapture()) {
            assertThat(writer.write(report("5.1.1"))).isFalse();
            assertThat(log.at(ch.qos.logback.classic.Level.ERROR)).hasSize(1);
        }
    }

    private boolean canBeMadeReadOnly() {
        try {
            Path probe = Files.createTempDirectory(logs, "probe");
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                Files.createFile(probe.resolve("x"));
                return false;
            } catch (IOException expected) {
                return true;
            } finally {
                Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theNewReportIsForcedToDiskBeforeItReplacesTheOldOne() throws IOException {
        List<String> steps = new java.util.ArrayList<>();
        ReportFileWriter writer = new ReportFileWriter(logs, (file, content) -> {
            steps.add("write " + file.getFileName().toString().startsWith(".system_metrics_report"));
            Files.write(file, content);
        }, file -> {
            steps.add("force " + Files.readString(file).contains("5.1.1"));
            assertThat(logs.resolve(ReportFileWriter.FILE_NAME)).as("not yet renamed into place").satisfies(target ->
                    assertThat(!Files.exists(target) || !Files.readString(target).contains("5.1.1")).isTrue());
            ReportFileWriter.forceToDisk(file);
        });

        assertThat(writer.write(report("5.1.1"))).isTrue();

        assertThat(steps).containsExactly("write true", "force true");
        assertThat(Files.readString(writer.target())).contains("5.1.1");
    }

    @Test
    void aReportThatCannotBeForcedToDiskDoesNotReplaceThePreviousOne() throws IOException {
        new ReportFileWriter(logs).write(report("4.8.0"));
        ReportFileWriter writer = new ReportFileWriter(logs, Files::write, file -> {
            throw new IOException("I/O error on fsync");
        });
        try (LogCapture log = new LogCapture()) {
            assertThat(writer.write(report("5.1.1"))).isFalse();
        }

        assertThat(Files.readString(writer.target())).contains("4.8.0");
        try (var left = Files.list(logs)) {
            assertThat(left).containsExactly(writer.target());
        }
    }
}
