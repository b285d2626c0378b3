package org.systemmetrics.openfire.admin;

import java.util.Optional;
import org.systemmetrics.core.config.Refusal;
import org.systemmetrics.core.config.Setting;

/**
 * The page's side of the one definition each setting has ({@link Setting}): the same rule the service applies
 * when it reads the value, turned into a message next to the field, so the page never stores something the
 * service would then ignore.
 */
final class SettingRules {

    private SettingRules() {
    }

    static Optional<LocalizedText> check(Setting<?> setting, String text) {
        return setting.checkText(text).map(SettingRules::text);
    }

    static LocalizedText text(Refusal refusal) {
        return LocalizedText.of(refusal.messageKey(), refusal.arguments().toArray(new String[0]));
    }
}
