package org.systemmetrics.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.systemmetrics.core.text.Texts;

/**
 * Reads {@code system_metrics.yml}, else {@code system_metrics.config}, else the shipped default, and binds it under
 * the console's settings. Never throws. A path that is there but no readable file is unreadable, never "no file":
 * the shipped default must not switch on what such a file may have switched off.
 */
public final class ConfigLoader {
    private static final Texts TEXTS = Texts.of(ConfigLoader.class);
    public static final String YAML_FILE = "system_metrics.yml";
    public static final String ERLANG_FILE = "system_metrics.config";
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path confDirectory;
    private final FileAccess files;

    public ConfigLoader(Path confDirectory) {
        this(confDirectory, FileAccess.SYSTEM);
    }

    /** Visible for testing: a refusal the test's user (root) would not meet, such as a file it may not read. */
    ConfigLoader(Path confDirectory, FileAccess files) {
        this.confDirectory = Objects.requireNonNull(confDirectory, "confDirectory");
        this.files = Objects.requireNonNull(files, "files");
    }

    interface FileAccess {
        FileAccess SYSTEM = new FileAccess() { };

        default BasicFileAttributes attributes(Path file, LinkOption... options) throws IOException {
            return Files.readAttributes(file, BasicFileAttributes.class, options);
        }

        default byte[] read(Path file) throws IOException {
            return Files.readAllBytes(file);
        }
    }

    public ServiceConfig load(ConsoleSettings console) {
        Path yaml = confDirectory.resolve(YAML_FILE);
        Path erlang = confDirectory.resolve(ERLANG_FILE);
        String yamlFound = find(yaml);
        String erlangFound = find(erlang);
        if (yamlFound == null && erlangFound == null) {
            return ServiceConfigBinder.bind(shippedDefault(), ConfigOrigin.shippedDefault(), console);
        }
        ConfigOrigin origin = yamlFound != null ? ConfigOrigin.file(ConfigOrigin.Kind.YAML, yaml)
                : ConfigOrigin.file(ConfigOrigin.Kind.ERLANG, erlang);
        ConfigFileContent content = readFile(origin, yamlFound != null ? yamlFound : erlangFound,
                yamlFound != null && erlangFound != null ? erlang : null);
        if (yamlFound != null && erlangFound != null) {
            // The file not read may say no_report: an opt-out that is ignored is no opt-out.
            content = content.withOptOutDoubts(List.of(ConfigProblem.switchingOff(erlangFound.isEmpty()
                    ? TEXTS.get("file.both_exist", yaml, erlang)
                    : TEXTS.get("file.both_exist_other_unusable", yaml, erlang, erlangFound),
                    TEXTS.get("file.both_exist_off"))));
        }
        return ServiceConfigBinder.bind(content, origin, console);
    }

    /**
     * Null when the path certainly does not exist, empty for a regular file, else why it is no file we can read. A
     * dangling symbolic link (a file a configuration manager has not put in place yet), a folder, or a path that
     * cannot even be checked may stand for a file with an opt-out in it, so it is there, and unreadable.
     */
    private String find(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = files.attributes(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | SecurityException e) {
            return TEXTS.get("file.unchecked", cause(e));
        }
        if (attributes.isSymbolicLink()) {
            try {
                attributes = files.attributes(file);
            } catch (NoSuchFileException e) {
                return TEXTS.get("file.dangling_link", linkTarget(file));
            } catch (IOException | SecurityException e) {
                return TEXTS.get("file.link_unfollowed", cause(e));
            }
        }
        if (!attributes.isRegularFile()) {
            return TEXTS.get(attributes.isDirectory() ? "file.folder" : "file.not_regular");
        }
        return "";
    }

    private static String linkTarget(Path link) {
        try {
            return LogText.oneLine(Files.readSymbolicLink(link).toString(), 200);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return TEXTS.get("file.link_target_unreadable");
        }
    }

    private static String cause(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return TEXTS.get("file.permission_denied");
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        return LogText.oneLine(e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason), 200);
    }

    /** Changes whenever either file is created, removed or rewritten, so an edit applies without a restart. */
    public String fingerprint() {
        return stamp(confDirectory.resolve(YAML_FILE)) + "|" + stamp(confDirectory.resolve(ERLANG_FILE));
    }

    private String stamp(Path file) {
        try {
            return stamp(files.attributes(file));
        } catch (IOException | SecurityException e) {
            try {
                // A dangling link or an unreadable path is there too: its coming and going must be noticed.
                return "unusable:" + stamp(files.attributes(file, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException | SecurityException again) {
                return again instanceof NoSuchFileException ? "absent" : "unusable";
            }
        }
    }

    private static String stamp(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().toMillis() + ":" + attributes.size() + ":" + attributes.fileKey();
    }

    /**
     * @param unusable empty for a regular file, else why it is no file we can read
     * @param next the file read once this one is removed, null for the shipped default
     */
    private ConfigFileContent readFile(ConfigOrigin origin, String unusable, Path next) {
        Path file = origin.file().orElseThrow();
        if (!unusable.isEmpty()) {
            return ConfigFileContent.unreadable(TEXTS.get("file.unusable", file, unusable), TEXTS.get(
                    "file.unusable_off", next == null ? TEXTS.get("file.the_default") : next));
        }
        String text;
        try {
            if (files.attributes(file).size() > MAX_FILE_BYTES) {
                return ConfigFileContent.unreadable(TEXTS.get("file.too_large", file, MAX_FILE_BYTES));
            }
            text = decode(files.read(file));
        } catch (CharacterCodingException e) {
            return ConfigFileContent.unreadable(TEXTS.get("file.not_utf8", file));
        } catch (IOException | SecurityException e) {
            return ConfigFileContent.unreadable(TEXTS.get("file.read_failed", file, cause(e)));
        }
        return read(text, origin);
    }

    /** The text in its origin's syntax; the shipped default is YAML. */
    static ConfigFileContent read(String text, ConfigOrigin origin) {
        return origin.kind() == ConfigOrigin.Kind.ERLANG ? ErlangConfigReader.read(text, origin.describe())
                : YamlConfigReader.read(text, origin.describe());
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static ConfigFileContent shippedDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(YAML_FILE)) {
            if (in != null) {
                return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), ConfigOrigin.shippedDefault());
            }
        } catch (IOException e) {
            // fall through to the built-in equivalent
        }
        return ConfigFileContent.withEntry(Map.of(), List.of());
    }
}
