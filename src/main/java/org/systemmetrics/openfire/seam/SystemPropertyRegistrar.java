package org.systemmetrics.openfire.seam;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.Setting;

/**
 * Lists the admin-console settings on Openfire's System Properties page, with a description each
 * ({@code system_property.systemmetrics.<key>} in the plugin's i18n bundle), where the running Openfire has
 * {@code org.jivesoftware.util.SystemProperty} (4.4 and later). The plugin is compiled against 4.2.0, which
 * lacks it, so everything goes through reflection and every failure only means "not listed": the settings
 * work the same either way.
 *
 * <p>Which settings are listed, and which is stored encrypted, is {@link Setting}'s to say. All are registered
 * as text, the form in which the admin console stores them (timers in ms), without defaults: an unset property
 * means "the configuration file's value".
 */
public final class SystemPropertyRegistrar {
    static final String SYSTEM_PROPERTY_CLASS = "org.jivesoftware.util.SystemProperty";
    /** Prefix of the property names, which is also what the System Properties page filters on. */
    public static final String PREFIX = PluginName.CANONICAL + ".";
    private static final Logger LOG = LoggerFactory.getLogger(SystemPropertyRegistrar.class);

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

    /** The Openfire property under which a {@link ConsoleSettings} key is stored. */
    public static String propertyName(String consoleKey) {
        return PREFIX + consoleKey;
    }

    /**
     * @param pluginDisplayName the plugin's display name as Openfire resolved it from plugin.xml's
     *     {@code <name>} (e.g. {@code PluginMetadataHelper.getName(plugin)}): Openfire removes a plugin's
     *     properties by that name when it unloads the plugin, and finds their descriptions through it
     * @param onChange run (on the thread that changed it) when a value is changed, e.g. on the System
     *     Properties page; should only schedule work
     * @return the property names now registered; empty where this Openfire cannot list them
     */
    public List<String> register(String pluginDisplayName, Runnable onChange) {
        Objects.requireNonNull(pluginDisplayName, "pluginDisplayName");
        Objects.requireNonNull(onChange, "onChange");
        Class<?> builderClass;
        try {
            builderClass = Class.forName(systemPropertyClass + "$Builder", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("System metrics: this Openfire has no SystemProperty API, so the settings are not listed on "
                    + "the System Properties page; they work the same.");
            return List.of();
        }
        Consumer<Object> listener = value -> {
            try {
                onChange.run();
            } catch (RuntimeException e) {
                LOG.warn("System metrics: applying a changed system property failed.", e);
            }
        };
        List<String> registered = new ArrayList<>();
        for (Setting<?> setting : Setting.console()) {
            String name = propertyName(setting.key());
            try {
                build(builderClass, name, pluginDisplayName, setting.secret(), listener);
                registered.add(name);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException && String.valueOf(e.getCause().getMessage())
                        .contains("already exists")) {
                    // Left over from a previous load that Openfire did not clean up: it is listed already.
                    registered.add(name);
                } else {
                    LOG.warn("System metrics: could not list {} on the System Properties page ({}).", name,
                            String.valueOf(e.getCause()));
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.warn("System metrics: could not list {} on the System Properties page ({}).", name, e.toString());
            }
        }
        return registered;
    }

    /** Removes this plugin's properties from the list; Openfire does it on unload too, so twice is fine. */
    public void unregister(String pluginDisplayName) {
        try {
            Class.forName(systemPropertyClass, true, loader).getMethod("removePropertiesForPlugin", String.class)
                    .invoke(null, pluginDisplayName);
        } catch (ClassNotFoundException | LinkageError e) {
            // Nothing was registered on this Openfire.
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("System metrics: could not remove the system properties ({}).", e.toString());
        }
    }

    private static void build(Class<?> builderClass, String name, String plugin, boolean encrypted,
            Consumer<Object> listener) throws ReflectiveOperationException {
        Object builder = builderClass.getMethod("ofType", Class.class).invoke(null, String.class);
        builder = call(builderClass, builder, "setKey", String.class, name);
        builder = call(builderClass, builder, "setDynamic", boolean.class, true);
        builder = call(builderClass, builder, "setPlugin", String.class, plugin);
        if (encrypted) {
            builder = call(builderClass, builder, "setEncrypted", boolean.class, true);
        }
        builder = call(builderClass, builder, "addListener", Consumer.class, listener);
        builderClass.getMethod("build").invoke(builder);
    }

    private static Object call(Class<?> builderClass, Object builder, String method, Class<?> type, Object arg)
            throws ReflectiveOperationException {
        Method m = builderClass.getMethod(method, type);
        return m.invoke(builder, arg);
    }
}
