package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool when the tests run, so no key is
 * committed and none outlives the test run. Made once per run: keytool takes about a second.
 */
final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** Initialised on first use only (the holder idiom), and never changed afterwards. */
    private static final class Shared {
        static final TestCertificates INSTANCE = create();

        private static TestCertificates create() {
            try {
                Path directory = Files.createTempDirectory("systemmetrics-test-keys");
                directory.toFile().deleteOnExit();
                TestCertificates certificates = selfSigned(directory);
                Files.walk(directory).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                return certificates;
            } catch (IOException | InterruptedException | GeneralSecurityException e) {
                throw new IllegalStateException("could not make the test certificate", e);
            }
        }
    }

    private final KeyStore keyStore;

    private TestCertificates(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    static TestCertificates shared() {
        return Shared.INSTANCE;
    }

    static TestCertificates selfSigned(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
        Path file = directory.resolve("fake-google.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "fake-google",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return new TestCertificates(store);
    }

    /** For the stand-in server: presents the self-signed certificate. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** For a client that trusts exactly this certificate: only tests ever build one. */
    SSLContext clientContextTrustingIt() throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
