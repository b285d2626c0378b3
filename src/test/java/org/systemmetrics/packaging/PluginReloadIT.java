package org.systemmetrics.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.openfire.container.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;

/**
 * Loads the built plugin jar the way Openfire's plugin manager does — extracted into plugins/, a fresh class
 * loader over its lib/ with Openfire's classes in the parent, the class named in plugin.xml, then
 * initializePlugin, a report delivered to a local stand-in for Google, destroyPlugin — fifty times, and checks that nothing of ours survives: no
 * thread, no listener, and no class loader (they must all be collectable).
 */
class PluginReloadIT {
    private static final int ROUNDS = 50;
    /** Packages that live only in the plugin's lib/, never in Openfire's (parent-first would hide a leak). */
    private static final List<String> PLUGIN_ONLY = List.of("org.systemmetrics.", "com.google.gson.",
            "org.yaml.snakeyaml.", "org.apache.hc.");

    @TempDir
    Path home;

    /** The application class loader minus everything that must come from the plugin jar. */
    private static final class OpenfireLibLoader extends ClassLoader {
        OpenfireLibLoader(ClassLoader app) {
            super(app);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (PLUGIN_ONLY.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return pluginOnly(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return pluginOnly(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }

        private static boolean pluginOnly(String resource) {
            String asClass = resource.replace('/', '.');
            return PLUGIN_ONLY.stream().anyMatch(asClass::startsWith);
        }
    }

    /** The database properties and listener registrations of a fake Openfire, shared by every load. */
    private static final class FakeOpenfire {
        final Map<String, String> properties = new ConcurrentHashMap<>();
        final AtomicInteger openRegistrations = new AtomicInteger();
        final Path home;

        FakeOpenfire(Path home) {
            this.home = home;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object nodeRole(ClassLoader pluginLoader, String name) throws ClassNotFoundException {
            return Enum.valueOf((Class) Class.forName("org.systemmetrics.core.cluster.NodeRole", false, pluginLoader), name);
        }

        /** The fake's table as the plugin's {@code SharedStore}, compare-and-set included, on this JVM's clock. */
        private Object sharedStore(ClassLoader pluginLoader) throws ClassNotFoundException {
            Class<?> type = Class.forName("org.systemmetrics.core.cluster.SharedStore", false, pluginLoader);
            return Proxy.newProxyInstance(pluginLoader, new Class<?>[] {type}, (p, m, a) -> {
                switch (m.getName()) {
                    case "get": return Optional.ofNullable(properties.get((String) a[0]));
                    case "insert": return properties.putIfAbsent((String) a[0], (String) a[1]) == null;
                    case "compareAndSet":
                        return ((Optional<?>) a[1]).isEmpty() ? properties.putIfAbsent((String) a[0], (String) a[2]) == null
                                : properties.replace((String) a[0], (String) ((Optional<?>) a[1]).get(), (String) a[2]);
                    case "now": return java.time.Instant.now();
                    case "entries": return java.util.Map.of();
                    case "delete": properties.remove((String) a[0]); return null;
                    default: throw new UnsupportedOperationException(m.getName() + " is not simulated");
                }
            });
        }

        Object serverFor(ClassLoader pluginLoader) throws ClassNotFoundException {
            Class<?> serverType = Class.forName("org.systemmetrics.openfire.seam.OpenfireServer", false, pluginLoader);
            Class<?> registrationType = Class.forName("org.systemmetrics.openfire.seam.OpenfireServer$Registration", false, pluginLoader);
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "openfireVersion": return "5.1.1";
                    case "clusterNodeCount": return 1;
                    case "nodeRole": return nodeRole(pluginLoader, "ALONE");
                    case "seniorMemberHostName": return Optional.empty();
                    case "sharedStore": return sharedStore(pluginLoader);
                    case "logsDirectory": return home.resolve("logs");
                    case "confDirectory": return home.resolve("conf");
                    case "property": return Optional.ofNullable(properties.get((String) args[0]));
                    case "setProperty": properties.put((String) args[0], (String) args[1]); return null;
                    case "deleteProperty": properties.remove((String) args[0]); return null;
                    case "onPropertyChange":
                    case "addPacketInterceptor":
                        openRegistrations.incrementAndGet();
                        return Proxy.newProxyInstance(pluginLoader, new Class<?>[] {registrationType}, (p, m, a) -> {
                            if ("close".equals(m.getName())) {
                                openRegistrations.decrementAndGet();
                            }
                            return null;
                        });
                    case "toString": return "FakeOpenfire";
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    default:
                        throw new UnsupportedOperationException(method.getName() + " is not simulated");
                }
            };
            return Proxy.newProxyInstance(pluginLoader, new Class<?>[] {serverType}, handler);
        }
    }

    @Test
    void fiftyLoadsAndUnloadsLeaveNoThreadListenerOrClassLoaderBehind() throws Exception {
        Path pluginDir = extractPlugin();
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("conf"));
        FakeGoogle google = FakeGoogle.http();
        Files.writeString(home.resolve("conf/system_metrics.yml"), "services:\n  service_mongoose_system_metrics:\n"
                + "    report: true\n    initial_report: 3600000\n"
                + "    tracking_id: {id: G-RELOAD01, secret: reload-secret}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n");
        FakeOpenfire openfire = new FakeOpenfire(home);
        String pluginClass = pluginClassName(pluginDir);
        ClassLoader openfireLib = new OpenfireLibLoader(getClass().getClassLoader());
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();

        for (int round = 0; round < ROUNDS; round++) {
            loaders.add(new WeakReference<>(loadRunAndUnload(pluginDir, pluginClass, openfireLib, openfire)));

            assertThat(ourThreads()).as("threads alive after unload in round " + round).isEmpty();
            assertThat(openfire.openRegistrations).as("registrations left in round " + round).hasValue(0);
        }
        assertThat(Files.readString(home.resolve("logs/system_metrics_report.json"))).contains("\"client_id\"");
        assertThat(google.requestsFor("G-RELOAD01")).hasSize(ROUNDS).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        google.close();

        for (int i = 0; i < 20 && loaders.stream().anyMatch(ref -> ref.get() != null); i++) {
            System.gc();
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1024 * 1024];
            }
        }
        assertThat(loaders).as("plugin class loaders still reachable").allMatch(ref -> ref.get() == null);
    }

    private static ClassLoader loadRunAndUnload(Path pluginDir, String pluginClass, ClassLoader parent, FakeOpenfire openfire)
            throws Exception {
        List<URL> jars = new ArrayList<>();
        try (var libs = Files.list(pluginDir.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) libs::iterator) {
                jars.add(jar.toUri().toURL());
            }
        }
        URLClassLoader loader = new URLClassLoader(jars.toArray(new URL[0]), parent);
        Thread current = Thread.currentThread();
        ClassLoader previousContext = current.getContextClassLoader();
        current.setContextClassLoader(loader); // Openfire runs initializePlugin with the plugin loader as TCCL
        try {
            Class<?> type = Class.forName(pluginClass, true, loader);
            Class<?> schedulerType = Class.forName("org.systemmetrics.core.schedule.ExecutorTaskScheduler", true, loader);
            Constructor<?> constructor = type.getDeclaredConstructor(Function.class, Supplier.class, Clock.class,
                    Map.class, Duration.class);
            constructor.setAccessible(true);
            Object server = openfire.serverFor(loader);
            Supplier<Object> schedulers = () -> {
                try {
                    return schedulerType.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
            Plugin plugin = (Plugin) constructor.newInstance((Function<File, Object>) dir -> server, schedulers,
                    Clock.systemUTC(), Map.of(), Duration.ofSeconds(45));
            plugin.initializePlugin(null, pluginDir.toFile());
            runReportNow(plugin);
            plugin.destroyPlugin();
        } finally {
            current.setContextClassLoader(previousContext);
        }
        loader.close();
        return loader;
    }

    private static void runReportNow(Plugin plugin) throws Exception {
        Method service = plugin.getClass().getDeclaredMethod("service");
        service.setAccessible(true);
        Object running = ((Optional<?>) service.invoke(plugin)).orElseThrow();
        Method runNow = running.getClass().getMethod("runNow");
        Optional<?> report = (Optional<?>) ((CompletableFuture<?>) runNow.invoke(running)).get(20, TimeUnit.SECONDS);
        assertThat(report).isPresent();
    }

    private static List<String> ourThreads() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("systemmetrics")) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    private Path extractPlugin() throws IOException {
        Path pluginDir = home.resolve("plugins/systemmetrics");
        try (JarFile jar = new JarFile(System.getProperty("plugin.jar", "target/systemmetrics.jar"))) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                Path target = pluginDir.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return pluginDir;
    }

    private static String pluginClassName(Path pluginDir) throws IOException {
        Matcher matcher = Pattern.compile("<class>\\s*([\\w.]+)\\s*</class>")
                .matcher(Files.readString(pluginDir.resolve("plugin.xml"), StandardCharsets.UTF_8));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
