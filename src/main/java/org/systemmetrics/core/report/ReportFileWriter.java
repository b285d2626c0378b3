package org.systemmetrics.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.text.Texts;

/**
 * Writes {@code system_metrics_report.json} through a temporary file, forced to disk and renamed into place, so a
 * reader (or a crash) never sees half a report and a failed write leaves the previous one intact.
 */
public final class ReportFileWriter {
    public static final String FILE_NAME = "system_metrics_report.json";
    private static final int MAX_READ_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ReportFileWriter.class);
    private static final Texts TEXTS = Texts.of(ReportFileWriter.class);

    private final Path target;
    private final ContentWriter contentWriter;
    private final FileForcer forcer;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Visible for testing: a full disk. */
    interface ContentWriter {
        void write(Path file, byte[] content) throws IOException;
    }

    /** Visible for testing: forced before the rename. */
    interface FileForcer {
        void force(Path file) throws IOException;
    }

    public ReportFileWriter(Path logsDirectory) {
        this(logsDirectory, Files::write, ReportFileWriter::forceToDisk);
    }

    ReportFileWriter(Path logsDirectory, ContentWriter contentWriter, FileForcer forcer) {
        this.target = Objects.requireNonNull(logsDirectory, "logsDirectory").resolve(FILE_NAME);
        this.contentWriter = contentWriter;
        this.forcer = forcer;
    }

    /** Without it the rename can reach the disk before the data, and a crash leaves an empty report file. */
    static void forceToDisk(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    public Path target() {
        return target;
    }

    /**
     * The report file as written; empty when there is none, it is too large or unreadable. A symbolic link is not
     * followed: whoever can write to the logs folder must not show another file (conf/security.xml) in its place.
     */
    public Optional<String> readLast() {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // checked first: opening a named pipe would block the page
        }
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes(MAX_READ_BYTES + 1);
            return content.length > MAX_READ_BYTES ? Optional.empty()
                    : Optional.of(new String(content, StandardCharsets.UTF_8));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // a symbolic link (ELOOP) or unreadable: nothing to show
        }
    }

    /** False when the report could not be written: one ERROR per spell of failures, not one per run. */
    public boolean write(Report report) {
        byte[] content = ReportJson.toPrettyJson(report).getBytes(StandardCharsets.UTF_8);
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), ".system_metrics_report", ".tmp");
            contentWriter.write(temp, content);
            forcer.force(temp);
            moveIntoPlace(temp);
            if (failing.getAndSet(false)) {
                LOG.info(TEXTS.get("file.written_again", target));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!failing.getAndSet(true)) {
                LOG.error(TEXTS.get("file.write_failed", target, e));
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
        forceFolder();
    }

    /** Makes the rename durable where a folder can be opened (not on Windows). */
    private void forceFolder() {
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // The file's own force is what matters most.
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
