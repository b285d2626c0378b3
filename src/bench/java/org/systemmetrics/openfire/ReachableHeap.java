package org.systemmetrics.openfire;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * The heap that some objects hold: everything reachable from them, each object counted once, without walking
 * into objects that belong to someone else (the boundary: Openfire, the JVM's shared objects, the logging
 * system). JOL's own {@code GraphLayout} cannot stop at such a boundary, and a running plugin reaches the whole
 * JVM through its threads. Object sizes are the JVM's own, as JOL reads them. What is reachable only through a
 * weak, soft or phantom reference is not followed: the garbage collector may take it.
 */
final class ReachableHeap {
    static {
        // Lambdas are hidden classes, whose field offsets the JDK does not give out; JOL then finds them itself.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private final VirtualMachine vm = VM.current();
    private final Predicate<Object> boundary;
    private final Set<Object> counted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Class<?>, long[]> bytesAndCountByClass = new HashMap<>();
    private final ClassValue<long[]> referenceOffsets = new ClassValue<>() {
        @Override
        protected long[] computeValue(Class<?> type) {
            List<Long> offsets = new ArrayList<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                            && !isBookkeeping(c, field.getName())) {
                        offsets.add(vm.fieldOffset(field));
                    }
                }
            }
            return offsets.stream().mapToLong(Long::longValue).toArray();
        }
    };

    /**
     * Fields that hold no one's data: a reference's referent (weakly held) and the lists through which the
     * JVM tracks references, and the list of every object registered with a {@code Cleaner}, through which a
     * single socket's file descriptor would reach every open file of the JVM.
     */
    private static boolean isBookkeeping(Class<?> declaringClass, String field) {
        return declaringClass == Reference.class
                || declaringClass.getName().startsWith("jdk.internal.ref.")
                        && (field.equals("prev") || field.equals("next") || field.equals("list"));
    }

    ReachableHeap(Predicate<Object> boundary) {
        this.boundary = boundary;
    }

    /** Sets up JOL's view of this JVM now, so that a heap measurement taken later does not count it. */
    static void prepare() {
        VM.current();
    }

    /** Bytes reachable from {@code root} that no earlier call has counted. */
    long add(Object root) {
        long bytes = 0;
        Deque<Object> pending = new ArrayDeque<>();
        push(root, pending);
        while (!pending.isEmpty()) {
            Object object = pending.pop();
            long size = vm.sizeOf(object);
            bytes += size;
            long[] entry = bytesAndCountByClass.computeIfAbsent(object.getClass(), c -> new long[2]);
            entry[0] += size;
            entry[1]++;
            if (object instanceof Object[]) {
                for (Object element : (Object[]) object) {
                    push(element, pending);
                }
            } else if (!object.getClass().isArray()) {
                for (long offset : referenceOffsets.get(object.getClass())) {
                    push(vm.getObject(object, offset), pending);
                }
            }
        }
        return bytes;
    }

    private void push(Object object, Deque<Object> pending) {
        if (object != null && !boundary.test(object) && counted.add(object)) {
            pending.push(object);
        }
    }

    /** The classes whose instances take the most of what was counted, largest first. */
    String largestClasses(int limit) {
        return bytesAndCountByClass.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Class<?>, long[]> e) -> e.getValue()[0]).reversed())
                .limit(limit)
                .map(e -> String.format("%,10d bytes %,7d x %s", e.getValue()[0], e.getValue()[1],
                        e.getKey().getName()))
                .collect(Collectors.joining("\n"));
    }
}
