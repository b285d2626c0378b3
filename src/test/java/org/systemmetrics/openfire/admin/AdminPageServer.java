package org.systemmetrics.openfire.admin;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The admin page served the way Openfire serves it: under {@code /plugins/systemmetrics/}, with sessions,
 * Openfire's CSRF behaviour in front of it and (optionally) a decorator frame, on a free local port.
 */
final class AdminPageServer implements AutoCloseable {
    static final String PAGE_PATH = "/plugins/systemmetrics/system-metrics";

    private final Server server;

    AdminPageServer(Supplier<Optional<SystemMetricsAdmin>> locator, boolean openfireCsrf, boolean frame) throws Exception {
        this(locator, openfireCsrf, frame, (request, summary, details) -> { }, Clock::systemUTC);
    }

    /**
     * {@code audit}: where the page records what the administrator did, for tests that read it; {@code clock}: the
     * page's clock in the server's time zone, asked at each request.
     */
    AdminPageServer(Supplier<Optional<SystemMetricsAdmin>> locator, boolean openfireCsrf, boolean frame, AuditLog audit,
            Supplier<Clock> clock) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        if (frame) {
            context.addFilter(new FilterHolder(new AdminConsoleFrame()), "/plugins/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addFilter(new FilterHolder(new OpenfireCsrfStandIn(openfireCsrf)), "/plugins/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder page = new ServletHolder(new SystemMetricsAdminServlet(locator, BundleMessages.english(),
                audit, clock));
        context.addServlet(page, PAGE_PATH);
        context.addServlet(page, PAGE_PATH + "/*");
        server.setHandler(context);
        server.start();
    }

    URI page() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + PAGE_PATH);
    }

    URI download() {
        return URI.create(page() + SystemMetricsAdminServlet.DOWNLOAD_PATH);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the page's server did not stop", e);
        }
    }
}
