package org.systemmetrics.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The signature headers of a report or an erase request (docs/collector.md, "Wire protocol"). The plugin signs
 * with an ECDSA P-256 key ({@code SHA256withECDSA}, DER-encoded signature) or an RSA key of 2048 to 4096 bits
 * ({@code SHA256withRSA}, PKCS #1 v1.5), both of which every Java 11 has; the key's type says which. RSA is there
 * because its signatures cost a collector about a tenth of P-256's to check.
 * <pre>
 *   Systemmetrics-Key:       base64 of the public key's X.509 SubjectPublicKeyInfo (reports only)
 *   Systemmetrics-Timestamp: milliseconds since 1970-01-01T00:00:00Z when it was signed
 *   Systemmetrics-Signature: base64 of the signature over  PURPOSE "\n" timestamp "\n"  then the signed content
 * </pre>
 * where PURPOSE is {@value #REPORT} with the exact body bytes as content, or {@value #ERASE} with the client_id.
 * The purpose keeps a signed report from being replayed as an erase request and the other way round.
 */
public final class SignedRequest {
    public static final String KEY_HEADER = "Systemmetrics-Key";
    public static final String TIMESTAMP_HEADER = "Systemmetrics-Timestamp";
    public static final String SIGNATURE_HEADER = "Systemmetrics-Signature";
    public static final String REPORT = "systemmetrics-report-v1";
    public static final String ERASE = "systemmetrics-erase-v1";
    public static final String EC_ALGORITHM = "SHA256withECDSA";
    public static final String RSA_ALGORITHM = "SHA256withRSA";

    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,17}");

    private final long timestampMillis;
    private final byte[] signature;

    private SignedRequest(long timestampMillis, byte[] signature) {
        this.timestampMillis = timestampMillis;
        this.signature = signature;
    }

    /** Empty when the request carries neither header; a half-signed request is malformed. */
    public static Optional<SignedRequest> read(String timestamp, String signature) throws Rejection {
        if (timestamp == null && signature == null) {
            return Optional.empty();
        }
        if (timestamp == null || signature == null) {
            throw new Rejection(400, "malformed_signature", "a signed request carries both " + TIMESTAMP_HEADER
                    + " and " + SIGNATURE_HEADER);
        }
        long millis;
        try {
            // Plain digits without a leading zero: the signed text is built from the number, so it must read back as
            // exactly the header the sender signed ("+17…" or "017…" would be checked against other bytes).
            if (!TIMESTAMP.matcher(timestamp.trim()).matches()) {
                throw new NumberFormatException();
            }
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Rejection(400, "malformed_signature", TIMESTAMP_HEADER + " must be milliseconds since 1970, "
                    + "in decimal digits");
        }
        try {
            return Optional.of(new SignedRequest(millis, Base64.getDecoder().decode(signature.trim())));
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, "malformed_signature", SIGNATURE_HEADER + " must be base64");
        }
    }

    /** Reads a {@value #KEY_HEADER} value: an EC key on P-256 or an RSA key of 2048-4096 bits, or a 400. */
    public static PublicKey parseKey(String encoded) throws Rejection {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw badKey();
        }
        for (String type : new String[] {"EC", "RSA"}) {
            PublicKey key;
            try {
                key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException notThisType) {
                continue;
            }
            if (key instanceof ECPublicKey ec && isP256(ec.getParams())) {
                return key;
            }
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048
                    && rsa.getModulus().bitLength() <= 4096) {
                return key;
            }
            throw badKey();
        }
        throw badKey();
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters named = AlgorithmParameters.getInstance("EC");
            named.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = named.getParameterSpec(ECParameterSpec.class);
            return params.getCurve().equals(p256.getCurve()) && params.getGenerator().equals(p256.getGenerator())
                    && params.getOrder().equals(p256.getOrder());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Rejection badKey() {
        return new Rejection(400, "malformed_signature", KEY_HEADER + " must be the base64 X.509 encoding of an "
                + "ECDSA P-256 or a 2048-4096 bit RSA public key");
    }

    public static String encodeKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    /** True when the signature over purpose, timestamp and content verifies with the key. */
    public boolean verifies(PublicKey key, String purpose, byte[] content) {
        try {
            Signature verifier = Signature.getInstance(key instanceof RSAPublicKey ? RSA_ALGORITHM : EC_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedPrefix(purpose, timestampMillis));
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a signature that is not even DER is simply a wrong one
        }
    }

    public static byte[] signedPrefix(String purpose, long timestampMillis) {
        return (purpose + "\n" + timestampMillis + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
