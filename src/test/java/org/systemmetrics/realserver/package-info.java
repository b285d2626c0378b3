/**
 * The real-server suite: the plugin jar inside real Openfire processes (Failsafe, {@code *IT}), once per
 * {@code openfire-<version>.tar.gz} that {@link org.systemmetrics.realserver.OpenfireDistribution#found()} finds.
 *
 * <p>How a test class is laid out: {@code @ParameterizedClass(allowZeroInvocations = true)} with
 * {@code @MethodSource("org.systemmetrics.realserver.OpenfireDistribution#found")} and a {@code @Parameter
 * OpenfireDistribution} field; servers started in {@code @BeforeParameterizedClassInvocation} (one per group of
 * checks) and closed in {@code @AfterParameterizedClassInvocation}; {@code @ExtendWith(QuoteOpenfireLogOnFailure.class)}
 * so that a failure keeps the homes and quotes the logs.
 *
 * <p>The harness: {@link org.systemmetrics.realserver.RealOpenfire#builder} (network interface, domain, extra
 * plugins, openfire.xml/system properties, files in conf/, environment, JVM options, fixed ports) and the running
 * server (ports, admin console URL, folders, log marks and polling, plugin deploy/removal, jcmd thread dumps,
 * restart, close). Every wait for a real process goes through {@link org.systemmetrics.realserver.Poll}, the
 * suite's one polling helper; no test sleeps. Helpers: {@link org.systemmetrics.realserver.ExternalComponent} (XEP-0114),
 * {@link org.systemmetrics.realserver.ReportFile}, {@link org.systemmetrics.realserver.CustomPluginJar}; the GA4
 * stand-in is {@link org.systemmetrics.core.delivery.ga4.FakeGoogle}.
 *
 * <p>{@link org.systemmetrics.realserver.ScreenshotsOnRealServerIT} is no check but the camera of docs/screenshots: it
 * runs only when {@code -Dscreenshots.dir} names where the pictures go.
 */
package org.systemmetrics.realserver;
