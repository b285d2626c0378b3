package org.systemmetrics.core.identity;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.text.Texts;

/**
 * The one {@link InstallationKey} of a cluster, kept as a secret of the shared store under
 * {@code <claim>.<fingerprint>}; the shared value {@code <claim>} holds only the fingerprint and picks, by
 * compare-and-set, one winner among nodes creating a key at once. A node writes its secret before it claims, so a
 * claimed fingerprint always names a stored secret. A collector refuses reports under another key than the one it
 * pinned ({@code key_mismatch}), so a key is replaced only when gone or damaged, never because this node cannot
 * read it (yet). It signs at the store's time, the clock every node shares, never a node's own: a new senior whose
 * clock is slower then never signs "before" the last report, which a collector would refuse as replayed, nor an
 * erase request before it.
 */
public final class InstallationKeys {
    private static final Logger LOG = LoggerFactory.getLogger(InstallationKeys.class);
    private static final Texts TEXTS = Texts.of(InstallationKeys.class);
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{32}");

    private final SharedStore store;
    private final String claim;
    private final Supplier<InstallationKey> newKeys;
    private volatile String unreadableWarned = "";

    /** @param claim the shared value that names the cluster's key by its fingerprint */
    public InstallationKeys(SharedStore store, String claim) {
        this(store, claim, () -> InstallationKey.generate(new SecureRandom()));
    }

    /** Visible for testing: generating RSA keys is slow, so tests hand out a few made in advance. */
    InstallationKeys(SharedStore store, String claim, Supplier<InstallationKey> newKeys) {
        this.store = store;
        this.claim = claim;
        this.newKeys = newKeys;
    }

    /**
     * The cluster's key, created first if there is none or the stored one is gone or damaged.
     *
     * @return empty when the key cannot be had now: it is stored but this node cannot decrypt it (yet), or the
     *     store did not keep a new one
     */
    public Optional<InstallationKey> current() {
        Optional<String> claimed = store.get(claim);
        String fingerprint = fingerprintIn(claimed).orElse("");
        if (!fingerprint.isEmpty()) {
            String secretName = secretOf(fingerprint);
            Optional<String> secret = store.get(secretName);
            if (secret.isPresent()) {
                Optional<InstallationKey> key = keyIn(secret, fingerprint);
                if (key.isPresent()) {
                    return key;
                }
                LOG.warn(TEXTS.get("key.damaged", fingerprint));
            } else if (store.entries(secretName).containsKey(secretName)) {
                // A row this node cannot decrypt (another conf/security.xml than the others'), which it never will:
                // warned once per key, not at every report; just after another node created it, it is normal.
                if (!unreadableWarned.equals(fingerprint)) {
                    unreadableWarned = fingerprint;
                    LOG.warn(TEXTS.get("key.undecryptable", fingerprint));
                }
                return Optional.empty();
            } else if (!store.get(claim).equals(claimed)) {
                return current(); // another node renewed the key and removed the old one after this node's read
            } else {
                LOG.warn(TEXTS.get("key.gone", fingerprint));
            }
        } else if (claimed.isPresent()) {
            LOG.warn(TEXTS.get("key.fingerprint_damaged"));
        }
        return create(claimed, "key.not_kept.unsigned", newKeys.get());
    }

    /**
     * Whether the claimed key is stored but this node cannot decrypt it: Openfire decrypts an encrypted property when
     * it starts, with this node's conf/security.xml, and learns of a later one from the node that stored it. So only
     * a key stored a moment ago may become readable by waiting.
     */
    public boolean undecryptable() {
        return fingerprintIn(store.get(claim)).map(this::secretOf)
                .filter(name -> store.get(name).isEmpty() && store.entries(name).containsKey(name)).isPresent();
    }

    /**
     * The headers that sign a report body as this installation; none when this node has no key to sign with or the
     * store cannot be read now. The report then goes unsigned, which a collector that requires signatures refuses
     * (401), rather than not at all.
     */
    public Map<String, String> reportHeaders(byte[] body) {
        try {
            return current().map(key -> key.reportHeaders(body, store.now())).orElse(Map.of());
        } catch (RuntimeException e) {
            LOG.warn(TEXTS.get("key.report_unsigned", e));
            return Map.of();
        }
    }

    /** The headers that sign the request to erase {@code clientId} with {@code key}, one of this installation's. */
    public Map<String, String> eraseHeaders(InstallationKey key, String clientId) {
        return key.eraseHeaders(clientId, store.now());
    }

    /** What {@link #renewClaimed} did. */
    public enum Renewal {
        /** A new key is claimed, this node's or one another node claimed at the same moment; or none was claimed. */
        RENEWED,
        /** The database did not keep the new key: the claimed one stays. */
        NOT_KEPT,
        /** {@code mayReplace} said no: the claimed key stays. */
        LEFT
    }

    /**
     * A new key in place of the one claimed, usable on this node or not, for an installation that starts afresh under a
     * new cluster ID: keeping the old key would let a collector link the new ID to the old one. Nothing is claimed when
     * no key is. The key is made first where one is claimed, as that takes a while; the claim is read before
     * {@code mayReplace} is asked, so that a key another node claims after that read makes the replacing
     * compare-and-set fail.
     */
    public Renewal renewClaimed(BooleanSupplier mayReplace) {
        Optional<InstallationKey> made = store.get(claim).map(any -> newKeys.get());
        Optional<String> claimed = store.get(claim);
        if (!mayReplace.getAsBoolean()) {
            return Renewal.LEFT;
        }
        if (claimed.isEmpty()) {
            return Renewal.RENEWED;
        }
        InstallationKey key = made.orElseGet(newKeys); // claimed only since the first read
        return create(claimed, "key.not_kept.renewing", key).isPresent() || !store.get(claim).equals(claimed)
                ? Renewal.RENEWED : Renewal.NOT_KEPT;
    }

    /** @param notKept the tail of the warning when the database does not keep the new key: what is signed then */
    private Optional<InstallationKey> create(Optional<String> replacing, String notKept, InstallationKey key) {
        String secretName = secretOf(key.fingerprint());
        if (!store.putSecret(secretName, key.stored())) {
            LOG.warn(TEXTS.get("key.not_kept", TEXTS.get(store.get(claim).equals(replacing) ? notKept
                    : "key.not_kept.elsewhere")));
            store.removeSecret(secretName);
            return Optional.empty();
        }
        if (store.compareAndSet(claim, replacing, key.fingerprint())) {
            fingerprintIn(replacing).map(this::secretOf).ifPresent(store::removeSecret);
            LOG.info(TEXTS.get("key.created", key.fingerprint()));
            return Optional.of(key);
        }
        store.removeSecret(secretName);
        LOG.info(TEXTS.get("key.created_elsewhere"));
        return current(); // read as any claimed key, so that one this node cannot decrypt (yet) is logged as such
    }

    /** The fingerprint a claim holds, if it holds one. */
    private static Optional<String> fingerprintIn(Optional<String> claimed) {
        return claimed.map(String::trim).filter(FINGERPRINT.asMatchPredicate());
    }

    /** The key a secret holds, if it is one and the one the claim names. */
    private static Optional<InstallationKey> keyIn(Optional<String> secret, String fingerprint) {
        return secret.flatMap(InstallationKey::fromStored).filter(key -> key.fingerprint().equals(fingerprint));
    }

    private String secretOf(String fingerprint) {
        return claim + "." + fingerprint;
    }
}
