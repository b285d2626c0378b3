package org.systemmetrics.core.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code system_metrics_report.json}. The new content goes to a temporary file in the same folder, is
 * forced to disk, and then replaces the old one by rename, so a reader (or a crash, or a power cut) never sees
 * half a report and a failed write leaves the previous report intact.
 */
public final class ReportFileWriter {
    public static final String FILE_NAME = "system_metrics_report.json";
    private static final long MAX_READ_BYTES = 4L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ReportFileWriter.class);

    private final Path target;
    private final ContentWriter contentWriter;
    private final FileForcer forcer;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Puts bytes into a file; replaceable in tests to play a full disk. */
    interface ContentWriter {
        void write(Path file, byte[] content) throws IOException;
    }

    /** Forces a file's content to the disk; replaceable in tests to see that it happens before the rename. */
    interface FileForcer {
        void force(Path file) throws IOException;
    }

    public ReportFileWriter(Path logsDirectory) {
        this(logsDirectory, Files::write, ReportFileWriter::forceToDisk);
    }

    ReportFileWriter(Path logsDirectory, ContentWriter contentWriter) {
        this(logsDirectory, contentWriter, ReportFileWriter::forceToDisk);
    }

    ReportFileWriter(Path logsDirectory, ContentWriter contentWriter, FileForcer forcer) {
        this.target = Objects.requireNonNull(logsDirectory, "logsDirectory").resolve(FILE_NAME);
        this.contentWriter = contentWriter;
        this.forcer = forcer;
    }

    /**
     * Without it, the rename can reach the disk before the data does, and a crash then leaves an empty or partial
     * report file in place of the previous one.
     */
    static void forceToDisk(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    public Path target() {
        return target;
    }

    /**
     * The report file as written, for the admin page and its download; empty when there is none, it is too large or
     * unreadable. Opened without following a symbolic link: whoever can write to the logs folder must not be able to
     * show another file (conf/security.xml, say) in its place.
     */
    public Optional<String> readLast() {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // checked first: opening a named pipe would block the page
        }
        try (SeekableByteChannel channel = Files.newByteChannel(target,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            if (channel.size() > MAX_READ_BYTES) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read the whole, size-checked file
            }
            return Optional.of(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // a symbolic link (ELOOP) or unreadable: nothing to show
        }
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
            forcer.force(temp);
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
        forceFolder();
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS); else skipped. */
    private void forceFolder() {
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // Windows cannot open a folder as a channel; the file's own force above is what matters most.
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
