package org.systemmetrics.core.delivery;

import java.util.List;
import java.util.Objects;

/** How a destination checks a report without recording it: the POSTs to its validation server and how to read them. */
public final class Check {
    /** Reads one 2xx answer of the validation server. */
    @FunctionalInterface
    public interface AnswerReader {
        /**
         * @param request which of the report's requests this answer is for (1-based)
         * @throws IllegalArgumentException when the answer is not what was expected, with a short reason
         */
        List<ValidationMessage> read(String body, int request);
    }

    private final String host;
    private final List<Post> posts;
    private final AnswerReader reader;

    /** @param posts empty when nothing of the report would be sent, which is then the check's failure */
    public Check(String host, List<Post> posts, AnswerReader reader) {
        this.host = Objects.requireNonNull(host, "host");
        this.posts = List.copyOf(posts);
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public String host() {
        return host;
    }

    public List<Post> posts() {
        return posts;
    }

    public AnswerReader reader() {
        return reader;
    }
}
