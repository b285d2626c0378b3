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
 * The plugin's i18n bundle in the server's locale. While the plugin is loaded or unloaded, Openfire 5's LocaleUtils
 * cannot find it by name and throws: the bundle is then read from the plugin's own class loader.
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
