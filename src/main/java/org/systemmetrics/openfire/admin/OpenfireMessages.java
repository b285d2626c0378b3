package org.systemmetrics.openfire.admin;

import java.util.ArrayList;
import java.util.Arrays;
import org.jivesoftware.util.LocaleUtils;

/** The plugin's i18n bundle, in the server's locale, looked up the way every Openfire plugin page does. */
final class OpenfireMessages implements Messages {
    @Override
    public String get(String key, Object... args) {
        if (args.length == 0) {
            return LocaleUtils.getLocalizedString(key, PluginManagerAdminLocator.CANONICAL_NAME);
        }
        // LocaleUtils may replace list entries while converting them, so it gets a list it can write to.
        return LocaleUtils.getLocalizedString(key, PluginManagerAdminLocator.CANONICAL_NAME,
                new ArrayList<>(Arrays.asList(args)));
    }
}
