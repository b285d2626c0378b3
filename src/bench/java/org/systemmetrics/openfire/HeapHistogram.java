package org.systemmetrics.openfire;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Bytes of live objects per class, as {@code jcmd <pid> GC.class_histogram} prints them (taking one runs a full
 * collection). Two of them, subtracted, say which classes a heap delta is made of, including what no walk from
 * the plugin reaches: class statics, JDK caches.
 */
final class HeapHistogram {
    private static final Pattern LINE = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");

    private HeapHistogram() {
    }

    /** The histogram as the JVM prints it; keep it off the heap (in a file) until it is compared. */
    static String take() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM cannot print a class histogram", e);
        }
    }

    /** The classes that grew most from {@code before} to {@code after}, largest first. */
    static String largestGrowth(String before, String after, int limit) {
        Map<String, long[]> growth = parse(after);
        parse(before).forEach((name, then) -> growth.merge(name, new long[] {-then[0], -then[1]},
                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
        return growth.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(limit)
                .map(e -> String.format("%,10d bytes %,7d x %s", e.getValue()[0], e.getValue()[1], e.getKey()))
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, long[]> parse(String histogram) {
        Map<String, long[]> bytesAndCountByClass = new HashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                long[] bytesAndCount = {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))};
                bytesAndCountByClass.merge(m.group(3), bytesAndCount, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return bytesAndCountByClass;
    }
}
