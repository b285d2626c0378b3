package org.systemmetrics.core.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The installation's RSA key pair, which signs what the plugin sends to its own endpoint so that a collector can
 * pin the key to the {@code client_id} (docs/collector.md, "Signatures"). RSA rather than P-256: a collector
 * verifies RSA-2048 about ten times faster (docs/performance.md).
 *
 * <p>Stored as its two primes only ({@link #stored()}), since everything else follows from them: a PKCS #8 key is
 * about 1,600 base64 characters, which Openfire's Blowfish encryption turns into about 6,500, over the 4,000 that
 * {@code ofProperty.propValue} holds on PostgreSQL. {@link #toString()} never shows the private part.
 */
public final class InstallationKey {
    public static final String KEY_HEADER = "Systemmetrics-Key";
    public static final String TIMESTAMP_HEADER = "Systemmetrics-Timestamp";
    public static final String SIGNATURE_HEADER = "Systemmetrics-Signature";
    static final String REPORT_PURPOSE = "systemmetrics-report-v1";
    static final String ERASE_PURPOSE = "systemmetrics-erase-v1";
    static final int BITS = 2048;
    /** The stored form's version: RSA with the public exponent 65537, then the primes p and q. */
    private static final String STORED_PREFIX = "rsa1:";

    private final RSAPublicKey publicKey;
    private final PrivateKey privateKey;
    private final String stored;

    private InstallationKey(RSAPublicKey publicKey, PrivateKey privateKey, String stored) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.stored = stored;
    }

    /** A new random key of {@value #BITS} bits. */
    public static InstallationKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(BITS, RSAKeyGenParameterSpec.F4), random);
            RSAPrivateCrtKey generated = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
            return fromPrimes(generated.getPrimeP(), generated.getPrimeQ()).orElseThrow(
                    () -> new IllegalStateException("Java generated an RSA key that does not read back"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is missing from this Java", e);
        }
    }

    /** The key written by {@link #stored()}; empty when the text is not one (damaged, or of another version). */
    public static Optional<InstallationKey> fromStored(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 3 || !text.trim().startsWith(STORED_PREFIX)) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return fromPrimes(new BigInteger(1, base64.decode(parts[1])), new BigInteger(1, base64.decode(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<InstallationKey> fromPrimes(BigInteger p, BigInteger q) {
        BigInteger e = RSAKeyGenParameterSpec.F4;
        BigInteger n = p.multiply(q);
        if (p.equals(q) || p.signum() <= 0 || q.signum() <= 0 || n.bitLength() < BITS || n.bitLength() > 4096) {
            return Optional.empty();
        }
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        BigInteger lcm = pMinus1.divide(pMinus1.gcd(qMinus1)).multiply(qMinus1);
        try {
            BigInteger d = e.modInverse(lcm);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(n, e));
            PrivateKey privateKey = rsa.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, d.mod(pMinus1),
                    d.mod(qMinus1), q.modInverse(p)));
            Base64.Encoder base64 = Base64.getEncoder();
            String stored = STORED_PREFIX + base64.encodeToString(unsigned(p)) + ":"
                    + base64.encodeToString(unsigned(q));
            return Optional.of(new InstallationKey(publicKey, privateKey, stored));
        } catch (ArithmeticException | GeneralSecurityException notAKey) {
            return Optional.empty();
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** The secret text to keep encrypted: whoever reads it can sign as this installation. */
    public String stored() {
        return stored;
    }

    /** The {@value #KEY_HEADER} value: base64 of the public key's X.509 SubjectPublicKeyInfo. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Names the key without revealing it: hex of the first 16 bytes of the public key's SHA-256. */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return String.format("%032x", new BigInteger(1, Arrays.copyOf(hash, 16)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** The three headers that sign a report whose body is exactly {@code body}, signed at {@code at}. */
    public Map<String, String> reportHeaders(byte[] body, Instant at) {
        long millis = epochMillis(at);
        return Map.of(KEY_HEADER, publicKeyBase64(), TIMESTAMP_HEADER, Long.toString(millis),
                SIGNATURE_HEADER, sign(REPORT_PURPOSE, millis, body));
    }

    /** The two headers that sign the request to erase {@code clientId}; the collector knows the key already. */
    public Map<String, String> eraseHeaders(String clientId, Instant at) {
        long millis = epochMillis(at);
        return Map.of(TIMESTAMP_HEADER, Long.toString(millis),
                SIGNATURE_HEADER, sign(ERASE_PURPOSE, millis, clientId.getBytes(StandardCharsets.UTF_8)));
    }

    /** The purpose comes first, so that a signed report can never pass as an erase request or the other way round. */
    private String sign(String purpose, long millis, byte[] content) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update((purpose + "\n" + millis + "\n").getBytes(StandardCharsets.UTF_8));
            signer.update(content);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is missing from this Java", e);
        }
    }

    /** The collector reads the timestamp as plain digits, so a time before 1970 cannot be signed. */
    private static long epochMillis(Instant at) {
        long millis = at.toEpochMilli();
        if (millis < 0) {
            throw new IllegalArgumentException("a signature's time cannot be before 1970: " + at);
        }
        return millis;
    }

    @Override
    public String toString() {
        return "InstallationKey[RSA " + publicKey.getModulus().bitLength() + " bits, " + fingerprint() + "]";
    }
}
