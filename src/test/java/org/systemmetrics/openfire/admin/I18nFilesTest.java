package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/** Both languages must be complete, and texts must survive Openfire's MessageFormat handling. */
class I18nFilesTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+}");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    private final ResourceBundle english = BundleMessages.english().bundle();
    private final ResourceBundle german = BundleMessages.german().bundle();

    @Test
    void englishAndGermanHaveExactlyTheSameKeys() {
        assertThat(new TreeSet<>(german.keySet())).isEqualTo(new TreeSet<>(english.keySet()));
    }

    @Test
    void pluginXmlAndSystemPropertyTextsExist() {
        assertThat(english.keySet()).contains("plugin.name", "plugin.description", "admin.item.name",
                "admin.item.description");
        for (org.systemmetrics.core.config.Setting<?> setting : org.systemmetrics.core.config.Setting.console()) {
            assertThat(english.keySet()).contains("system_property." + SystemPropertyRegistrar.propertyName(setting.key()));
        }
    }

    /** Every refusal a setting's rule can give has its text on the page, in both languages. */
    @Test
    void everyRefusalOfEverySettingHasItsText() {
        List<String> bad = List.of("", " ", "x", "maybe", "-1", "99999999999999", "UA-1234-5", "G-lower", "has space",
                "ftp://x/", "http://example.com/", "https://u@x/", "https://x/?q", "https://169.254.169.254/",
                "https://[fe80::1]/", "https://x:0/", "https://x:65536/", "::::");
        for (org.systemmetrics.core.config.Setting<?> setting : org.systemmetrics.core.config.Setting.console()) {
            for (String value : bad) {
                setting.checkText(value).ifPresent(refusal -> {
                    assertThat(english.keySet()).as(setting + " " + value).contains(refusal.messageKey());
                    assertThat(german.keySet()).as(setting + " " + value).contains(refusal.messageKey());
                });
            }
        }
    }

    /** Openfire ties system properties to the plugin through its display name, so it must not be translated. */
    @Test
    void thePluginNameIsTheSameInEveryLanguage() {
        assertThat(german.getString("plugin.name")).isEqualTo(english.getString("plugin.name"));
    }

    @Test
    void textsWithArgumentsWriteApostrophesTheMessageFormatWay() {
        for (ResourceBundle bundle : List.of(english, german)) {
            List<String> broken = Collections.list(bundle.getKeys()).stream()
                    .filter(key -> ARGUMENT.matcher(bundle.getString(key)).find())
                    .filter(key -> LONE_APOSTROPHE.matcher(bundle.getString(key)).find())
                    .collect(Collectors.toList());
            assertThat(broken).as("keys whose single ' would swallow text in MessageFormat").isEmpty();
        }
    }

    /** Openfire shows a text without arguments as written: there a doubled '' would reach the page as it stands. */
    @Test
    void textsWithoutArgumentsWriteApostrophesOnce() {
        for (ResourceBundle bundle : List.of(english, german)) {
            List<String> doubled = Collections.list(bundle.getKeys()).stream()
                    .filter(key -> !ARGUMENT.matcher(bundle.getString(key)).find() && bundle.getString(key).contains("''"))
                    .collect(Collectors.toList());
            assertThat(doubled).as("keys without arguments whose '' the page would show doubled").isEmpty();
        }
    }

    @Test
    void germanIsReadAsUtf8() {
        assertThat(german.getString("status.next_report")).isEqualTo("Nächster Bericht");
    }

    @Test
    void argumentsAreTheSameInBothLanguages() {
        for (String key : english.keySet()) {
            assertThat(arguments(german.getString(key))).as(key).isEqualTo(arguments(english.getString(key)));
        }
    }

    private static Set<String> arguments(String text) {
        return ARGUMENT.matcher(text).results().map(r -> r.group()).collect(Collectors.toCollection(TreeSet::new));
    }
}
