package org.systemmetrics.testing;

import java.util.List;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.Post;
import org.systemmetrics.core.report.Report;

/** A destination that is only a name: for tests that need to say who receives reports, not to send them. */
public final class NamedDestination implements Destination {
    private final String id;

    public NamedDestination(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return "destination " + id;
    }

    @Override
    public List<String> secrets() {
        return List.of();
    }

    @Override
    public List<Post> posts(Report report) {
        return List.of();
    }
}
