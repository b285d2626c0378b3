package org.systemmetrics.collector.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * What the plugin will do, written with nothing but Java 11's own classes: keep an ECDSA P-256 (or RSA) key pair
 * per installation, sign each report with SHA256withECDSA over "systemmetrics-report-v1\n" + millis + "\n" + body, send
 * the public key with it, and sign erase requests the same way with the client_id. The wire protocol of
 * docs/collector.md, exercised from the sender's side.
 */
public final class SigningClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final KeyPair keys;
    private final Clock clock;
    private String token;

    public SigningClient(URI base, Clock clock) {
        this(base, clock, newKeyPair());
    }

    private SigningClient(URI base, Clock clock, KeyPair keys) {
        this.base = base;
        this.clock = clock;
        this.keys = keys;
    }

    /** An installation that signs with an RSA-2048 key instead of P-256. */
    public static SigningClient withRsaKey(URI base, Clock clock) {
        return new SigningClient(base, clock, newRsaKeyPair(2048));
    }

    public static KeyPair newRsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same installation (same key pair and token) talking to another collector address. */
    public SigningClient at(URI otherBase) {
        return new SigningClient(otherBase, clock, keys).withToken(token);
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SigningClient withToken(String fleetToken) {
        this.token = fleetToken;
        return this;
    }

    public KeyPair keys() {
        return keys;
    }

    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    public static String sign(KeyPair keys, String purpose, long millis, byte[] content) {
        try {
            Signature signer = Signature.getInstance(keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA"
                    : "SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update((purpose + "\n" + millis + "\n").getBytes(StandardCharsets.UTF_8));
            signer.update(content);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed report request, signed now. */
    public HttpRequest.Builder signedReport(String body) {
        return signedReport(body, clock.millis());
    }

    public HttpRequest.Builder signedReport(String body, long millis) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return unsignedReport(body)
                .header("Systemmetrics-Key", publicKey())
                .header("Systemmetrics-Timestamp", Long.toString(millis))
                .header("Systemmetrics-Signature", sign(keys, "systemmetrics-report-v1", millis, bytes));
    }

    public HttpRequest.Builder unsignedReport(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/reports"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public HttpRequest.Builder erase(String clientId) {
        long millis = clock.millis();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/reports/" + clientId))
                .timeout(Duration.ofSeconds(30))
                .header("Systemmetrics-Timestamp", Long.toString(millis))
                .header("Systemmetrics-Signature", sign(keys, "systemmetrics-erase-v1", millis,
                        clientId.getBytes(StandardCharsets.UTF_8)))
                .DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> report(String body) {
        return send(signedReport(body));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }
}
