package org.systemmetrics.core.config;

/** Where an effective setting came from, shown next to it in the admin console. */
public enum SettingSource {
    FILE, CONSOLE, DEFAULT
}
