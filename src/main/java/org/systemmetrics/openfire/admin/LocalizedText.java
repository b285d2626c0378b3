package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Objects;

/** A message key and its arguments, turned into words only when the page is rendered. */
final class LocalizedText {
    private final String key;
    private final List<String> args;

    private LocalizedText(String key, List<String> args) {
        this.key = Objects.requireNonNull(key, "key");
        this.args = List.copyOf(args);
    }

    static LocalizedText of(String key, String... args) {
        return new LocalizedText(key, List.of(args));
    }

    String key() {
        return key;
    }

    String render(Messages messages) {
        return messages.get(key, args.toArray());
    }

    @Override
    public String toString() {
        return key + args;
    }
}
