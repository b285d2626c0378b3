package org.systemmetrics.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds and reads the service configuration in Openfire's {@code conf} folder: {@code system_metrics.yml},
 * else {@code system_metrics.config}, else the default shipped in the plugin; then lays the admin console's
 * settings over it. Reading never throws: whatever is wrong becomes a {@link ConfigProblem}.
 */
public final class ConfigLoader {
    public static final String YAML_FILE = "system_metrics.yml";
    public static final String ERLANG_FILE = "system_metrics.config";
    static final String DEFAULT_RESOURCE = "system_metrics.yml";
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path confDirectory;

    public ConfigLoader(Path confDirectory) {
        this.confDirectory = Objects.requireNonNull(confDirectory, "confDirectory");
    }

    public Path yamlFile() {
        return confDirectory.resolve(YAML_FILE);
    }

    public Path erlangFile() {
        return confDirectory.resolve(ERLANG_FILE);
    }

    public LoadedConfig load(ConsoleSettings console) {
        Path yaml = yamlFile();
        Path erlang = erlangFile();
        boolean hasYaml = Files.isRegularFile(yaml);
        boolean hasErlang = Files.isRegularFile(erlang);
        ConfigOrigin origin;
        ConfigFileContent content;
        if (hasYaml) {
            origin = ConfigOrigin.file(ConfigOrigin.Kind.YAML, yaml);
            content = readFile(yaml, true);
            if (hasErlang) {
                // The file not read may say no_report: an opt-out that is ignored is no opt-out.
                content = content.withOptOutDoubt(ConfigProblem.error("Both " + yaml + " and " + erlang + " exist; "
                        + yaml + " is used and " + erlang + " is ignored. Because the ignored file may hold an opt-out, "
                        + "reporting is OFF until one of them is removed."));
            }
        } else if (hasErlang) {
            origin = ConfigOrigin.file(ConfigOrigin.Kind.ERLANG, erlang);
            content = readFile(erlang, false);
        } else {
            origin = ConfigOrigin.shippedDefault();
            content = shippedDefault();
        }
        return ServiceConfigBinder.bind(content, origin, console);
    }

    /**
     * Something that changes whenever either file is created, removed, or rewritten; the service compares it
     * between checks to apply an edited file without a restart.
     */
    public String fingerprint() {
        return stamp(yamlFile()) + "|" + stamp(erlangFile());
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + ":" + attributes.size() + ":" + attributes.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }

    private static ConfigFileContent readFile(Path file, boolean yaml) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return ConfigFileContent.unreadable(ConfigProblem.error(file + ": the file is larger than "
                        + MAX_FILE_BYTES + " bytes, which no configuration needs. It cannot be read, so reporting "
                        + "stays off until it is fixed."));
            }
            text = decode(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            return ConfigFileContent.unreadable(ConfigProblem.error(file + ": the file is not UTF-8 text. It cannot be "
                    + "read, so reporting stays off until it is fixed."));
        } catch (IOException | SecurityException e) {
            return ConfigFileContent.unreadable(ConfigProblem.error(file + ": the file cannot be read (" + e
                    + "), so reporting stays off until it is fixed."));
        }
        return yaml ? YamlConfigReader.read(text, file.toString()) : ErlangConfigReader.read(text, file.toString());
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    static ConfigFileContent shippedDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in != null) {
                return YamlConfigReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "the default configuration shipped with the plugin");
            }
        } catch (IOException e) {
            // fall through to the built-in equivalent
        }
        return ConfigFileContent.withEntry(Map.of(), List.of());
    }
}
