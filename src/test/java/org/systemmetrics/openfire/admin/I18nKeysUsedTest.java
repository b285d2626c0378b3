package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.config.Consent;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.ReportCategory;

/**
 * Every text in the i18n files is one the plugin can show: a key no code names any more is a text nobody keeps true.
 * A key counts as used when the main code or plugin.xml names it as a literal, or when it belongs to one of the
 * families the page builds from a value (a state, a failure kind, a setting, a category), worked out from those
 * values here, so a key left behind by a removed value is caught as well.
 */
class I18nKeysUsedTest {
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\"");

    @Test
    void everyKeyInTheI18nFilesIsUsed() throws IOException {
        Set<String> used = literalsIn(Paths.get("src/main/java"));
        used.addAll(literalsIn(Paths.get("plugin.xml")));
        used.addAll(builtFromValues());

        Set<String> unused = new TreeSet<>(BundleMessages.english().bundle().keySet());
        unused.removeAll(used);
        assertThat(unused).as("i18n keys no code uses").isEmpty();
    }

    /** The keys the page and Openfire build by joining a prefix and a value's name. */
    private static Set<String> builtFromValues() {
        Set<String> keys = new HashSet<>();
        for (ConsentDecision.State state : ConsentDecision.State.values()) {
            String prefix = "state." + lower(state.name());
            keys.addAll(List.of(prefix + ".title", prefix + ".text", prefix + ".text_nowhere"));
        }
        for (DeliveryFailure.Kind kind : DeliveryFailure.Kind.values()) {
            keys.add(kind.key());
        }
        for (Consent consent : Consent.values()) {
            keys.add("status.console_override." + lower(consent.name()));
        }
        for (NodeRole role : NodeRole.values()) {
            keys.add("status.role." + lower(role.name()));
        }
        for (SettingSource source : SettingSource.values()) {
            keys.add("source." + lower(source.name()));
        }
        for (TimerInput.Unit unit : TimerInput.Unit.values()) {
            keys.add("settings.unit." + lower(unit.name()));
        }
        for (ReportCategory category : ReportCategory.values()) {
            keys.add("settings.categories." + category.configName());
        }
        for (Setting<?> setting : Setting.console()) {
            keys.addAll(List.of("settings." + setting.key() + ".label", "settings." + setting.key() + ".hint",
                    "system_property." + org.systemmetrics.openfire.seam.SystemPropertyRegistrar.propertyName(setting.key())));
            if (setting.secret()) {
                keys.add("settings." + setting.key() + ".retype");
            }
            // SettingsForm words a refused pair by the setting's or its secret's key (a secret sent to the value
            // itself is typed again; one sent elsewhere is missing).
            setting.secretOf().ifPresent(secret -> {
                String refused = "settings.error." + secret.key();
                keys.add("settings.error." + setting.key() + "_missing");
                keys.addAll(secret.address().orElseThrow() == setting
                        ? List.of(refused + "_reenter", refused + "_from_file") : List.of(refused + "_missing"));
            });
        }
        // Openfire's own keys for a plugin's name and description (I18nFilesTest requires them), though plugin.xml
        // writes both literally so that Openfire 5 can load it before it finds the bundle.
        keys.addAll(List.of("plugin.name", "plugin.description"));
        for (Erasure.Outcome outcome : Erasure.Outcome.values()) {
            if (outcome != Erasure.Outcome.TRY_AGAIN) {
                keys.add("actions.forget." + lower(outcome.name()));
            }
        }
        for (String action : List.of("preview", "send", "validate", "forget")) {
            keys.addAll(List.of("actions." + action, "actions." + action + ".hint"));
        }
        return keys;
    }

    private static Set<String> literalsIn(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).flatMap(I18nKeysUsedTest::literals).collect(Collectors.toSet());
        }
    }

    private static Stream<String> literals(Path file) {
        try {
            Matcher matcher = LITERAL.matcher(Files.readString(file));
            Stream.Builder<String> found = Stream.builder();
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            // plugin.xml names its texts as ${key}.
            Matcher xml = Pattern.compile("\\$\\{([a-z][a-z0-9_.]*)}").matcher(Files.readString(file));
            while (xml.find()) {
                found.add(xml.group(1));
            }
            return found.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
