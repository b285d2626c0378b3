package org.systemmetrics.openfire.seam;

import java.util.Objects;

/**
 * A plugin Openfire has loaded: its canonical name (the lower-cased jar or folder name Openfire keys it by)
 * and the version from its {@code plugin.xml}, or an empty string when it declares none.
 */
public final class InstalledPlugin {
    private final String canonicalName;
    private final String version;

    public InstalledPlugin(String canonicalName, String version) {
        this.canonicalName = Objects.requireNonNull(canonicalName, "canonicalName");
        this.version = version == null ? "" : version;
    }

    public String canonicalName() {
        return canonicalName;
    }

    public String version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstalledPlugin && ((InstalledPlugin) o).canonicalName.equals(canonicalName)
                && ((InstalledPlugin) o).version.equals(version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonicalName, version);
    }

    @Override
    public String toString() {
        return canonicalName + ' ' + version;
    }
}
