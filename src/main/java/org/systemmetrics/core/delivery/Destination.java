package org.systemmetrics.core.delivery;

import java.util.List;
import java.util.Optional;
import org.systemmetrics.core.report.Report;

/**
 * One place a report goes: how it is named and what it POSTs. {@link Delivery} sends, retries, keeps the deadline, the
 * history and the log for every destination alike.
 */
public interface Destination {
    /** How the history, the page and the log name it: a measurement ID, or a URL's scheme and host; never a secret. */
    String id();

    /** The log's words for it, e.g. {@code GA4 property G-ABC123} or {@code your endpoint https://host}. */
    String name();

    /** The secrets and tokens it is sent with: nothing said about any destination of a report may show them. */
    List<String> secrets();

    /** The POSTs that deliver this report here, in order, all to one host; empty when no part of it may go here. */
    List<Post> posts(Report report);

    /** The POSTs to its validation server; empty when it cannot check, an empty list when nothing would be sent. */
    default Optional<List<Post>> checkPosts(Report report) {
        return Optional.empty();
    }

    /**
     * Reads the validation server's 2xx answer to the {@code request}th (1-based) of the {@link #checkPosts}.
     *
     * @throws IllegalArgumentException when the answer is not what was expected, with a short reason
     */
    default List<ValidationMessage> readCheck(String body, int request) {
        return List.of();
    }

    /** The systemmetrics project's own property, whose purpose the consent notice names. */
    default boolean project() {
        return false;
    }

    /** What the log line of a delivery says of its requests before the HTTP status, e.g. {@code 3 event requests, }. */
    default String sentAs(int posts) {
        return "";
    }
}
