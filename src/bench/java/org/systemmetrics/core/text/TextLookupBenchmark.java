package org.systemmetrics.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.systemmetrics.core.config.ServiceConfigBinder;

/**
 * What one log line's text costs now that {@link Texts} reads its catalog again for every text: the largest
 * catalog ({@code core.config}, about 190 lines), read from the class directory ({@code directory}) and from a jar
 * through a class loader of its own ({@code jar}), as Openfire's plugin class loader reads the plugin's jar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class TextLookupBenchmark {
    private static final String KEY = "key.misspelt";

    @Param({"directory", "jar"})
    public String from;

    private Object texts;
    private Method get;
    private URLClassLoader loader;
    private Path jar;

    @Setup
    public void open() throws Exception {
        if ("directory".equals(from)) {
            texts = Texts.of(ServiceConfigBinder.class);
        } else {
            jar = Files.createTempFile("texts", ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                // Texts itself comes from the jar, so its package's catalog is read from the jar too.
                copy(out, "org/systemmetrics/core/text/Texts.class", Texts.class, "Texts.class");
                copy(out, "org/systemmetrics/core/text/" + Texts.CATALOG, ServiceConfigBinder.class, Texts.CATALOG);
            }
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> inJar = loader.loadClass(Texts.class.getName());
            texts = inJar.getMethod("of", Class.class).invoke(null, inJar);
        }
        get = texts.getClass().getMethod("get", String.class, Object[].class);
        // A benchmark of the wrong work is worse than none: the text must be found, not its key shown.
        String text = textOfOneLine();
        if (text.startsWith(KEY)) {
            throw new IllegalStateException("the catalog was not read: " + text);
        }
    }

    @TearDown
    public void close() throws IOException {
        if (loader != null) {
            loader.close();
            Files.delete(jar);
        }
    }

    @Benchmark
    public String textOfOneLine() throws Exception {
        return (String) get.invoke(texts, KEY, new Object[] {"no-report", "no_report"});
    }

    private static void copy(JarOutputStream out, String name, Class<?> owner, String resource) throws IOException {
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = owner.getResourceAsStream(resource)) {
            in.transferTo(out);
        }
        out.closeEntry();
    }
}
