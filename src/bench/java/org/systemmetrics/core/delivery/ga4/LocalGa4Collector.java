package org.systemmetrics.core.delivery.ga4;

import java.nio.file.Path;

/**
 * The tests' stand-in for Google's HTTPS collector, run as a process of its own so that a memory benchmark
 * sees only the plugin's side of the connection. Makes a self-signed certificate for 127.0.0.1 in the folder
 * given as the only argument ({@code fake-google.p12}, password {@code changeit}: the client trusts it through
 * the JVM's trust-store properties), prints the collect URL as its first line, and serves until its standard
 * input is closed.
 */
public final class LocalGa4Collector {
    public static final String KEY_STORE_FILE = "fake-google.p12";
    public static final String KEY_STORE_PASSWORD = "changeit";

    private LocalGa4Collector() {
    }

    public static void main(String[] args) throws Exception {
        TestCertificates certificates = TestCertificates.selfSigned(Path.of(args[0]));
        try (FakeGoogle google = FakeGoogle.https(certificates.serverContext())) {
            System.out.println(google.collectUrl());
            System.out.flush();
            while (System.in.read() != -1) {
                // Nothing to read: end of input is the parent's signal to stop.
            }
        }
    }
}
