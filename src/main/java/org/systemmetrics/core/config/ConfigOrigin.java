package org.systemmetrics.core.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.systemmetrics.core.text.Texts;

/** Which configuration was read: a YAML file, an Erlang-term file, or the default shipped in the plugin. */
public final class ConfigOrigin {
    private static final Texts TEXTS = Texts.of(ConfigOrigin.class);

    public enum Kind {
        YAML, ERLANG, DEFAULT;

        /** The value of the report's {@code config_type} param. */
        public String reportName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Path file;

    private ConfigOrigin(Kind kind, Path file) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.file = file;
    }

    public static ConfigOrigin file(Kind kind, Path file) {
        return new ConfigOrigin(kind, Objects.requireNonNull(file, "file"));
    }

    public static ConfigOrigin shippedDefault() {
        return new ConfigOrigin(Kind.DEFAULT, null);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** How error messages name the source: the file's full path, or "the default configuration". */
    public String describe() {
        return file == null ? TEXTS.get("file.shipped_default") : file.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOrigin && ((ConfigOrigin) o).kind == kind && Objects.equals(((ConfigOrigin) o).file, file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, file);
    }

    @Override
    public String toString() {
        return describe();
    }
}
