package org.systemmetrics.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code system_metrics_report.json}. The new content goes to a temporary file in the same folder
 * which then replaces the old one by rename, so a reader (or a crash) never sees half a report and a
 * failed write leaves the previous report intact.
 */
public final class ReportFileWriter {
    public static final String FILE_NAME = "system_metrics_report.json";
    private static final Logger LOG = LoggerFactory.getLogger(ReportFileWriter.class);

    private final Path target;
    private final ContentWriter contentWriter;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Puts bytes into a file; replaceable in tests to play a full disk. */
    interface ContentWriter {
        void write(Path file, byte[] content) throws IOException;
    }

    public ReportFileWriter(Path logsDirectory) {
        this(logsDirectory, Files::write);
    }

    ReportFileWriter(Path logsDirectory, ContentWriter contentWriter) {
        this.target = Objects.requireNonNull(logsDirectory, "logsDirectory").resolve(FILE_NAME);
        this.contentWriter = contentWriter;
    }

    public Path target() {
        return target;
    }

    /**
     * @return true when the file now holds this report; false when it could not be written, which is logged
     *     as one ERROR per spell of failures (a full disk would otherwise log at every run)
     */
    public boolean write(Report report) {
        byte[] content = ReportJson.toPrettyJson(report).getBytes(StandardCharsets.UTF_8);
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), ".system_metrics_report", ".tmp");
            contentWriter.write(temp, content);
            moveIntoPlace(temp);
            if (failing.getAndSet(false)) {
                LOG.info("System metrics: {} is being written again.", target);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!failing.getAndSet(true)) {
                LOG.error("System metrics: could not write {} ({}). The previous report file is left as it was; "
                    + "reports are still sent. This is logged once until a write succeeds again.", target, e.toString());
            }
            deleteQuietly(temp);
            return false;
        }
    }

    private void moveIntoPlace(Path temp) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The temporary file is hidden and harmless; the ERROR above already told the administrator.
        }
    }
}
