package org.systemmetrics.realserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import com.zebracorp.internal.ZebracorpInventoryPlugin;

/** A plugin of a name Ignite Realtime does not publish, as a customer would build one: counted, never named. */
public final class CustomPluginJar {
    /** Also what must never appear in a report. */
    public static final String NAME = "zebracorp-inventory";

    private CustomPluginJar() {
    }

    /** Writes {@code zebracorp-inventory.jar} into {@code folder}. */
    public static Path write(Path folder) {
        Class<?> pluginClass = ZebracorpInventoryPlugin.class;
        String classFile = pluginClass.getName().replace('.', '/') + ".class";
        String pluginXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plugin>\n"
                + "  <class>" + pluginClass.getName() + "</class>\n"
                + "  <name>Zebracorp Inventory</name>\n  <description>In-house plugin.</description>\n"
                + "  <author>Zebracorp</author>\n  <version>3.1.4</version>\n  <date>2026-01-01</date>\n"
                + "  <minServerVersion>4.8.0</minServerVersion>\n</plugin>\n";
        try {
            Files.createDirectories(folder);
            Path jar = folder.resolve(NAME + ".jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                    InputStream bytes = pluginClass.getClassLoader().getResourceAsStream(classFile)) {
                out.putNextEntry(new JarEntry("plugin.xml"));
                out.write(pluginXml.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
                out.putNextEntry(new JarEntry("classes/" + classFile)); // Openfire puts classes/ on the plugin's class path
                bytes.transferTo(out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
