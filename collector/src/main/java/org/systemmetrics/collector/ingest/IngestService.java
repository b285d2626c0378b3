package org.systemmetrics.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.collector.CollectorConfig;
import org.systemmetrics.collector.publish.ReportCells;
import org.systemmetrics.collector.store.InstallationStore;
import org.systemmetrics.collector.store.InstallationStore.Admitted;
import org.systemmetrics.collector.store.InstallationStore.Existing;
import org.systemmetrics.collector.store.InstallationStore.Incoming;
import org.systemmetrics.collector.store.InstallationStore.Stored;

/**
 * Takes a report or an erase request through every check, in the order that costs a sender the least and the
 * collector the least: the address's rate, the fleet token, the body's shape, the signature, the installation's
 * rate, then, inside the storing transaction, the pinned key and replay. Stateless apart from the in-memory rate
 * limits, so any number of collectors can share one database.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ReportValidator validator;
    private final InstallationStore store;
    private final Clock clock;
    private final Map<String, String> fleetByToken;
    private final java.util.List<TokenDigest> tokenDigests;
    private final boolean requireSignature;
    private final Duration maxSkew;
    private final RateLimiter perInstallation;
    private final RateLimiter perAddress;

    public IngestService(CollectorConfig config, ReportValidator validator, InstallationStore store, Clock clock) {
        this.validator = validator;
        this.store = store;
        this.clock = clock;
        this.fleetByToken = config.fleetTokens();
        this.tokenDigests = fleetByToken.entrySet().stream()
                .map(e -> new TokenDigest(sha256Bytes(e.getKey().getBytes(StandardCharsets.UTF_8)), e.getValue()))
                .toList();
        this.requireSignature = config.requireSignature();
        this.maxSkew = config.maxClockSkew();
        this.perInstallation = new RateLimiter(clock, config.installationBurst(), config.installationPerHour(),
                Duration.ofHours(1));
        this.perAddress = new RateLimiter(clock, config.addressBurst(), config.addressPerMinute(), Duration.ofMinutes(1));
    }

    /** The request's headers that matter here; any may be null. */
    public record Headers(String authorization, String key, String timestamp, String signature) {
    }

    public enum Outcome { STORED, DUPLICATE }

    /** Forgets the addresses and installations whose budget has refilled; the collector calls it every minute. */
    public void forgetQuietSenders() {
        perAddress.forgetRefilled();
        perInstallation.forgetRefilled();
    }

    /** Called before the report is parsed: a flood from one address costs no parsing or signature checks. */
    public void admitAddress(String address) throws Rejection {
        Duration wait = perAddress.tryAcquire(address);
        if (!wait.isZero()) {
            throw tooMany("address", "addresses", wait);
        }
    }

    public Outcome ingest(byte[] body, Headers headers) throws Rejection {
        String fleet = fleetFor(headers.authorization());
        ValidReport report = validator.validate(new String(body, StandardCharsets.UTF_8));
        Optional<SignedRequest> signed = SignedRequest.read(headers.timestamp(), headers.signature());
        String keyEncoded = null;
        if (signed.isPresent()) {
            if (headers.key() == null) {
                throw new Rejection(400, "malformed_signature", "a signed report carries its public key in "
                        + SignedRequest.KEY_HEADER);
            }
            PublicKey key = SignedRequest.parseKey(headers.key());
            if (!signed.get().verifies(key, SignedRequest.REPORT, body)) {
                throw new Rejection(403, "bad_signature", "the signature does not match the report and key");
            }
            checkClock(signed.get());
            keyEncoded = SignedRequest.encodeKey(key);
        } else if (headers.key() != null) {
            throw new Rejection(400, "malformed_signature", SignedRequest.KEY_HEADER + " without a signature");
        } else if (requireSignature) {
            throw new Rejection(401, "signature_required", "this collector takes signed reports only");
        }
        // The budget belongs to the installation and the key it signs with: someone who reuses its client_id with
        // a key of their own (refused as key_mismatch when stored) spends their own budget, not the installation's.
        // A short digest of the key stands for it, so a bucket's key stays small whatever the key's size.
        Duration wait = perInstallation.tryAcquire(report.clientId() + "|"
                + (keyEncoded == null ? "" : sha256(keyEncoded.getBytes(StandardCharsets.US_ASCII)).substring(0, 16)));
        if (!wait.isZero()) {
            throw tooMany("installation", "installations", wait);
        }
        String bodySha256 = sha256(body);
        String pinKey = keyEncoded;
        Long signedMillis = signed.map(SignedRequest::timestampMillis).orElse(null);
        Stored stored = store.store(new Incoming(report.clientId(), fleet, report.openfireVersion(),
                report.json().toString(), ReportCells.of(report.json()), clock.millis()), existing -> {
                    if (existing.isPresent()) {
                        Optional<Admitted> duplicate = checkAgainst(existing.get(), fleet, pinKey, signedMillis, bodySha256);
                        if (duplicate.isPresent()) {
                            return duplicate.get();
                        }
                    }
                    return new Admitted(false, pinKey, signedMillis, bodySha256);
                });
        LOG.atDebug().addKeyValue("event", "report_stored").addKeyValue("fleet", fleet)
                .addKeyValue("signed", signed.isPresent()).addKeyValue("duplicate", stored == Stored.DUPLICATE)
                .log("report accepted");
        return stored == Stored.DUPLICATE ? Outcome.DUPLICATE : Outcome.STORED;
    }

    private static Optional<Admitted> checkAgainst(Existing existing, String fleet, String key, Long signedMillis,
            String bodySha256) throws Rejection {
        if (!Objects.equals(existing.fleet(), fleet)) {
            throw otherFleet(existing.fleet(), fleet);
        }
        if (existing.publicKey() != null) {
            if (key == null) {
                throw new Rejection(401, "signature_required", "this installation's key is pinned: its reports must be "
                        + "signed");
            }
            if (!existing.publicKey().equals(key)) {
                throw new Rejection(403, "key_mismatch", "this installation is pinned to another key");
            }
        }
        if (signedMillis != null && existing.lastSignedMillis() != null && signedMillis <= existing.lastSignedMillis()) {
            if (signedMillis.equals(existing.lastSignedMillis()) && bodySha256.equals(existing.lastBodySha256())) {
                return Optional.of(Admitted.duplicateOfLast()); // a retry of what was stored: answered, not counted
            }
            throw new Rejection(409, "replayed", "a report signed at or before the last one taken from this "
                    + "installation");
        }
        return Optional.empty();
    }

    /** Erases one installation; false when the collector holds nothing for it. */
    public boolean erase(String clientId, Headers headers) throws Rejection {
        String fleet = fleetFor(headers.authorization());
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new Rejection(404, "unknown_installation", "not a client_id");
        }
        SignedRequest signed = SignedRequest.read(headers.timestamp(), headers.signature()).orElseThrow(() ->
                new Rejection(401, "signature_required", "an erase request must be signed with the installation's key"));
        checkClock(signed);
        boolean erased = store.erase(clientId, existing -> {
            Existing found = existing.orElseThrow();
            if (!Objects.equals(found.fleet(), fleet)) {
                throw otherFleet(found.fleet(), fleet);
            }
            if (found.publicKey() == null) {
                throw new Rejection(403, "not_pinned", "this installation never sent a signed report, so nothing "
                        + "proves an erase request comes from it; the collector's operator can remove it");
            }
            if (!signed.verifies(SignedRequest.parseKey(found.publicKey()), SignedRequest.ERASE,
                    clientId.getBytes(StandardCharsets.UTF_8))) {
                throw new Rejection(403, "bad_signature", "the signature does not match this installation's key");
            }
            if (found.lastSignedMillis() != null && signed.timestampMillis() <= found.lastSignedMillis()) {
                throw new Rejection(409, "replayed", "an erase request signed at or before the installation's last "
                        + "report");
            }
            return new Admitted(false, null, null, null);
        });
        if (erased) {
            LOG.atInfo().addKeyValue("event", "installation_erased").addKeyValue("fleet", fleet)
                    .log("installation erased at its own request");
        }
        return erased;
    }

    /**
     * An installation stays in the fleet it first reported with, or in none if it reported before fleet_tokens;
     * the request's fleet is null only on an open collector, which has no fleets whatever token the request carries.
     */
    private static Rejection otherFleet(String heldIn, String requestFleet) {
        return new Rejection(403, "other_fleet", heldIn == null
                ? "this installation first reported without a fleet token, so it belongs to no fleet of this "
                + "collector; the collector's operator can remove it"
                : requestFleet == null ? "this installation belongs to a fleet, but this collector has no fleets now "
                + "(open ingestion); the collector's operator can remove it"
                : "this installation belongs to another fleet than the token's");
    }

    private void checkClock(SignedRequest signed) throws Rejection {
        long skew = Math.abs(clock.millis() - signed.timestampMillis());
        if (skew > maxSkew.toMillis()) {
            // Rounded up: cut off, a skew of 600.5 s would read as the 600 s that are accepted.
            throw new Rejection(400, "bad_timestamp", SignedRequest.TIMESTAMP_HEADER + " is "
                    + (skew + 999) / 1000 + " s from the collector's clock; at most "
                    + maxSkew.toSeconds() + " s are accepted");
        }
    }

    /** The fleet the bearer token belongs to; null with open ingestion. */
    public String fleetFor(String authorization) throws Rejection {
        if (fleetByToken.isEmpty()) {
            return null;
        }
        String fleet = fleetOf(authorization);
        if (fleet == null) {
            throw new Rejection(401, "token_required", "this collector takes reports with a fleet token only");
        }
        return fleet;
    }

    /**
     * The fleet of a bearer token, or null. Compared in constant time, token by token, as SHA-256 digests: equal
     * lengths, so the time taken tells nothing about a token's length either.
     */
    public String fleetOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] offered = sha256Bytes(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        String found = null;
        for (TokenDigest token : tokenDigests) {
            if (MessageDigest.isEqual(offered, token.digest())) {
                found = token.fleet();
            }
        }
        return found;
    }

    public boolean openIngestion() {
        return fleetByToken.isEmpty();
    }

    /** While a limiter is full, a sender it does not hold yet is refused too (RateLimiter), however little it sent. */
    private static Rejection tooMany(String sender, String senders, Duration wait) {
        return new Rejection(429, "rate_limited", "too many requests from this " + sender + ", or from too many "
                + senders + " at once", Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    private record TokenDigest(byte[] digest, String fleet) {
    }

    private static String sha256(byte[] body) {
        return HexFormat.of().formatHex(sha256Bytes(body));
    }

    private static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
