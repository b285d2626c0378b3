package org.systemmetrics.realserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One real Openfire distribution ({@code openfire-<version>.tar.gz}) that the real-server suite runs against.
 *
 * <p>Where they are looked for: the folder in the system property {@value #FOLDER_PROPERTY} (the pom passes
 * {@code ../shared/openfire} next to the project unless {@code -Dopenfire.distributions=...} says otherwise).
 * With none found the suite is skipped with one line that says how to point it at a folder of tarballs; with
 * {@code -D}{@value #REQUIRE_PROPERTY}{@code =true} (as CI runs it) that is a failure instead.
 */
public final class OpenfireDistribution {
    static final String FOLDER_PROPERTY = "openfire.distributions";
    static final String REQUIRE_PROPERTY = "openfire.require";
    /** Said once per run, not once per test class. */
    private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();
    private static final Pattern TARBALL = Pattern.compile("openfire-(\\d+\\.\\d+\\.\\d+)\\.tar\\.gz");

    private final String version;
    private final Path tarball;

    OpenfireDistribution(String version, Path tarball) {
        this.version = version;
        this.tarball = tarball;
    }

    /** Every distribution found, oldest first; see the class comment for where and what happens with none. */
    public static List<OpenfireDistribution> found() {
        return found(System.getProperty(FOLDER_PROPERTY, ""), Boolean.getBoolean(REQUIRE_PROPERTY));
    }

    static List<OpenfireDistribution> found(String folderText, boolean required) {
        Path folder = folderText.isBlank() ? null : Paths.get(folderText).toAbsolutePath().normalize();
        List<OpenfireDistribution> found = new ArrayList<>();
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(file -> {
                    Matcher m = TARBALL.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        found.add(new OpenfireDistribution(m.group(1), file));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        found.sort(Comparator.comparing(OpenfireDistribution::versionKey));
        if (found.isEmpty()) {
            String line = "Real-server suite: no Openfire distribution (openfire-<version>.tar.gz) in "
                    + (folder == null ? "(no folder given)" : folder) + "; point -D" + FOLDER_PROPERTY
                    + "=<folder of Openfire tarballs> at your downloads to run it.";
            if (required) {
                throw new IllegalStateException(line + " -D" + REQUIRE_PROPERTY + "=true makes this a failure.");
            }
            if (TOLD.compareAndSet(false, true)) {
                System.out.println(line + " Skipped.");
            }
        }
        return found;
    }

    public String version() {
        return version;
    }

    private String versionKey() {
        return Stream.of(version.split("\\.")).map(part -> String.format("%05d", Integer.parseInt(part)))
                .collect(Collectors.joining("."));
    }

    /**
     * The distribution's {@code openfire/} folder, unpacked once per build into {@code target/}. Servers never
     * write into it: each gets its own home (see {@link RealOpenfire}).
     */
    Path unpacked(Path workDirectory) {
        synchronized (OpenfireDistribution.class) {
            return unpackOnce(workDirectory);
        }
    }

    private Path unpackOnce(Path workDirectory) {
        Path target = workDirectory.resolve("dist-" + version);
        Path done = target.resolve(".unpacked");
        Path openfire = target.resolve("openfire");
        if (Files.exists(done)) {
            return openfire;
        }
        try {
            RealOpenfire.deleteTree(target);
            Files.createDirectories(target);
            Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", target.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0 || !Files.isDirectory(openfire)) {
                throw new IllegalStateException("could not unpack " + tarball + " into " + target + ": " + output);
            }
            Files.createFile(done);
            return openfire;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + tarball, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + tarball, e);
        }
    }

    /**
     * Openfire's own schema script for one database, {@code resources/database/openfire_<database>.sql}, read from
     * the tarball: the tables exactly as Openfire creates them there.
     */
    public String schemaScript(String database) {
        String entry = "openfire/resources/database/openfire_" + database + ".sql";
        try {
            Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-O", entry).start();
            byte[] script = tar.getInputStream().readAllBytes();
            String errors = new String(tar.getErrorStream().readAllBytes());
            if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0 || script.length == 0) {
                throw new IllegalStateException("no " + entry + " in " + tarball + ": " + errors);
            }
            return new String(script, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + entry + " from " + tarball, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + tarball, e);
        }
    }

    @Override
    public String toString() {
        return "Openfire " + version;
    }
}
