package org.systemmetrics.openfire.admin.live;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ResourceBundle;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.LocaleUtils;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.openfire.admin.Messages;

/**
 * The plugin's i18n bundle in the server's locale, looked up the way every Openfire plugin page does. While
 * the plugin is being loaded or unloaded, Openfire 5 cannot locate it by name and LocaleUtils throws; the
 * bundle is then read directly from this class's loader (the plugin's, which has {@code i18n/} on its path).
 */
public final class OpenfireMessages implements Messages {
    private static final String BUNDLE = PluginName.CANONICAL + "_i18n";

    @Override
    public String get(String key, Object... args) {
        try {
            if (args.length == 0) {
                return LocaleUtils.getLocalizedString(key, PluginName.CANONICAL);
            }
            // LocaleUtils may replace list entries while converting them, so it gets a list it can write to.
            return LocaleUtils.getLocalizedString(key, PluginName.CANONICAL,
                    new ArrayList<>(Arrays.asList(args)));
        } catch (RuntimeException | LinkageError e) {
            return direct(key, args);
        }
    }

    private static String direct(String key, Object... args) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, JiveGlobals.getLocale(),
                    OpenfireMessages.class.getClassLoader());
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
        } catch (RuntimeException | LinkageError e) {
            return key; // as LocaleUtils does for a missing text: the page still renders
        }
    }
}
