package org.systemmetrics.core;

/**
 * The plugin's short name, written once: Openfire's canonical name for it (its jar, its folder in
 * {@code plugins/}, its i18n bundle) and the product token of the User-Agent it sends.
 */
public final class PluginName {
    public static final String CANONICAL = "systemmetrics";

    private PluginName() {
    }
}
