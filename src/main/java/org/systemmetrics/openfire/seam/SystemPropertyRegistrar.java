package org.systemmetrics.openfire.seam;

import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.text.Texts;

/**
 * Lists the console settings on Openfire's System Properties page (descriptions: i18n's {@code system_property.*}),
 * by reflection, as 4.2.0's API lacks {@code SystemProperty}: a failure only means "not listed". All are text without
 * defaults: an unset property means "the configuration file's value".
 */
public final class SystemPropertyRegistrar {
    static final String SYSTEM_PROPERTY_CLASS = "org.jivesoftware.util.SystemProperty";
    public static final String PREFIX = PluginName.CANONICAL + ".";
    private static final Logger LOG = LoggerFactory.getLogger(SystemPropertyRegistrar.class);
    private static final Texts TEXTS = Texts.of(SystemPropertyRegistrar.class);

    private final String systemPropertyClass;
    private final ClassLoader loader;

    public SystemPropertyRegistrar() {
        this(SYSTEM_PROPERTY_CLASS, SystemPropertyRegistrar.class.getClassLoader());
    }

    /** Visible for testing: a stand-in class with SystemProperty's shape. */
    SystemPropertyRegistrar(String systemPropertyClass, ClassLoader loader) {
        this.systemPropertyClass = Objects.requireNonNull(systemPropertyClass, "systemPropertyClass");
        this.loader = loader;
    }

    public static String propertyName(String consoleKey) {
        return PREFIX + consoleKey;
    }

    /**
     * Lists only: a change made on the page reaches the plugin as every change of a {@code systemmetrics.*} property
     * does, through {@link OpenfireServer#onPropertyChange}, the same event Openfire tells a {@code SystemProperty}'s
     * listeners of.
     *
     * @param pluginDisplayName plugin.xml's {@code <name>} as Openfire resolved it: Openfire removes a plugin's
     *     properties by that name on unload, and finds their descriptions through it
     */
    public void register(String pluginDisplayName) {
        Class<?> builderClass;
        try {
            builderClass = Class.forName(systemPropertyClass + "$Builder", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug(TEXTS.get("properties.api_missing"));
            return;
        }
        for (Setting<?> setting : Setting.console()) {
            String name = propertyName(setting.key());
            try {
                build(builderClass, name, pluginDisplayName, setting.secret());
            } catch (InvocationTargetException e) {
                // One left over from a previous load that Openfire did not clean up is listed already.
                if (!(e.getCause() instanceof IllegalArgumentException
                        && String.valueOf(e.getCause().getMessage()).contains("already exists"))) {
                    LOG.warn(TEXTS.get("properties.not_listed", name, e.getCause()));
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.warn(TEXTS.get("properties.not_listed", name, e));
            }
        }
    }

    /** Removes this plugin's properties from the list; Openfire does it on unload too, so twice is fine. */
    public void unregister(String pluginDisplayName) {
        try {
            Class.forName(systemPropertyClass, true, loader).getMethod("removePropertiesForPlugin", String.class)
                    .invoke(null, pluginDisplayName);
        } catch (ClassNotFoundException | LinkageError e) {
            // Nothing was registered on this Openfire.
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug(TEXTS.get("properties.not_removed", e));
        }
    }

    private static void build(Class<?> builderClass, String name, String plugin, boolean encrypted)
            throws ReflectiveOperationException {
        Object builder = builderClass.getMethod("ofType", Class.class).invoke(null, String.class);
        builder = builderClass.getMethod("setKey", String.class).invoke(builder, name);
        builder = builderClass.getMethod("setDynamic", boolean.class).invoke(builder, true);
        builder = builderClass.getMethod("setPlugin", String.class).invoke(builder, plugin);
        builder = builderClass.getMethod("setEncrypted", boolean.class).invoke(builder, encrypted);
        builderClass.getMethod("build").invoke(builder);
    }
}
