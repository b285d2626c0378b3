package org.systemmetrics.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Which configuration was read: a YAML file, an Erlang-term file, or the default shipped in the plugin. */
public final class ConfigOrigin {
    public enum Kind {
        YAML("yaml"), ERLANG("erlang"), DEFAULT("default");

        private final String reportName;

        Kind(String reportName) {
            this.reportName = reportName;
        }

        /** The value of the report's {@code config_type} param. */
        public String reportName() {
            return reportName;
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
        return file == null ? "the default configuration shipped with the plugin" : file.toString();
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
