package org.systemmetrics.core.identity;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.text.Texts;

/**
 * <i>Forget this server</i>: asks the own endpoint, signed by the installation key, to erase what it holds under the
 * cluster ID, then starts afresh under a new ID and key, so that nothing links what is sent from now on to the past.
 * When the endpoint could not be asked, nothing changes: the old ID and key are what can still erase the old data.
 */
public final class Erasure {
    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);
    private static final Texts TEXTS = Texts.of(Erasure.class);

    /** The own endpoint's erase request, {@code DELETE {report_endpoint}/{clientId}}: how it is sent is delivery's. */
    public interface Endpoint {
        /** The HTTP status of the answer; when no answer came, why, and whether asking again may help. */
        int delete(String clientId, Map<String, String> headers) throws DeliveryFailure.Unanswered;
    }

    /** What the own endpoint did. */
    public enum Outcome {
        /** It erased the installation (2xx). */
        ERASED,
        /** It held nothing under the cluster ID (404). */
        NOTHING_HELD,
        /** It refused (another 4xx, e.g. 403: never a signed report there) or redirected (3xx, not followed). */
        REFUSED,
        /** No answer yet (a failure that may heal), a 429 or 5xx (which may pass), no key: nothing was changed. */
        TRY_AGAIN,
        /**
         * The request went nowhere, and will not until something is fixed: the endpoint's certificate is not trusted,
         * it and this Java share no TLS setting, its address is refused, this Java has no TLS. Nothing was changed.
         */
        NOT_ASKED,
        /**
         * The stored key is one this node cannot decrypt (another conf/security.xml than the node's that stored it),
         * which waiting does not cure unless another node stored it a moment ago. Nothing was asked or changed.
         */
        KEY_UNREADABLE,
        /** No own endpoint is configured. */
        NO_ENDPOINT,
        /** There was no cluster ID yet (a report makes one): nothing was asked or changed. */
        NO_ID,
        /**
         * Another node forgot this server before this node could sign its request (that node's key must not sign one
         * for the old ID): that node's request, new ID and key stand, and this node asked nothing.
         */
        FORGOTTEN_ELSEWHERE,
        /**
         * The database did not keep a new signing key: the cluster ID and key stay as they were, since under a new ID
         * the old key would link the two. The endpoint's status says what it did.
         */
        KEY_NOT_KEPT,
        /**
         * The database failed after the endpoint's answer, before the new cluster ID was stored: the old ID stays, the
         * key may be new already. Pressing again asks the endpoint again and finishes.
         */
        NOT_FINISHED
    }

    /**
     * The endpoint's HTTP status (0 when it gave none), why it gave none when the request failed, and the new cluster
     * ID where this node made it (empty where another node's stands).
     */
    public static final class Result {
        private final Outcome outcome;
        private final int status;
        private final Optional<DeliveryFailure> failure;
        private final Optional<String> newClusterId;

        public Result(Outcome outcome, int status, Optional<DeliveryFailure> failure, Optional<String> newClusterId) {
            this.outcome = outcome;
            this.status = status;
            this.failure = failure;
            this.newClusterId = newClusterId;
        }

        public Outcome outcome() {
            return outcome;
        }

        public int status() {
            return status;
        }

        public Optional<DeliveryFailure> failure() {
            return failure;
        }

        /** Whether reports carry a new cluster ID from now on, this node's or another node's. */
        public boolean idReplaced() {
            return EnumSet.of(Outcome.ERASED, Outcome.NOTHING_HELD, Outcome.REFUSED, Outcome.NO_ENDPOINT,
                    Outcome.FORGOTTEN_ELSEWHERE).contains(outcome);
        }

        public Optional<String> newClusterId() {
            return newClusterId;
        }
    }

    private final ClusterIdentity identity;
    /** Signs the erase request as it signs the reports: the collector refuses one signed before the last report. */
    private final InstallationKeys keys;

    public Erasure(ClusterIdentity identity, InstallationKeys keys) {
        this.identity = identity;
        this.keys = keys;
    }

    /**
     * Forgets this server, asking {@code ownEndpoint} to erase it first if there is one. A shared store that cannot
     * be reached throws as the store does, like every read of the cluster ID; the caller's thread reports it.
     */
    public Result forget(Optional<Endpoint> ownEndpoint) {
        Optional<String> id = identity.existing();
        if (id.isEmpty()) {
            return idUnchanged(Outcome.NO_ID, 0, Optional.empty());
        }
        if (ownEndpoint.isEmpty()) {
            return startAfresh(id.get(), Outcome.NO_ENDPOINT, 0);
        }
        Optional<InstallationKey> key = keys.current();
        if (key.isEmpty()) {
            LOG.warn(TEXTS.get("forget.no_key"));
            return idUnchanged(keys.undecryptable() ? Outcome.KEY_UNREADABLE : Outcome.TRY_AGAIN, 0, Optional.empty());
        }
        if (!identity.existing().equals(id)) { // read after the key: a key claimed with a new ID is that ID's
            LOG.info(TEXTS.get("forget.forgotten_elsewhere"));
            return new Result(Outcome.FORGOTTEN_ELSEWHERE, 0, Optional.empty(), Optional.empty());
        }
        int status;
        try {
            status = ownEndpoint.get().delete(id.get(), keys.eraseHeaders(key.get(), id.get()));
        } catch (DeliveryFailure.Unanswered e) {
            LOG.warn(TEXTS.get("forget.failed", e.failure()));
            return idUnchanged(e.failure().retryable() ? Outcome.TRY_AGAIN : Outcome.NOT_ASKED, 0,
                    Optional.of(e.failure()));
        }
        Outcome outcome = outcome(status);
        if (outcome == Outcome.TRY_AGAIN) {
            LOG.warn(TEXTS.get("forget.try_later", status));
            return idUnchanged(outcome, status, Optional.empty());
        }
        return startAfresh(id.get(), outcome, status);
    }

    /**
     * The new key before the new ID, also for a key made while an own endpoint was set before: the old key must never
     * sign under the new ID, which would link the two. Where another node has stored its new ID meanwhile (it forgot
     * this server at the same moment), its key stands with it: a collector may have pinned that key for that ID. Any
     * key claimed while the old ID stands is replaced, another node's unfinished Forget's too.
     */
    private Result startAfresh(String oldId, Outcome outcome, int status) {
        Optional<String> newId;
        try {
            InstallationKeys.Renewal renewal = keys.renewClaimed(
                    () -> identity.existing().filter(stored -> !stored.equals(oldId)).isEmpty());
            if (renewal == InstallationKeys.Renewal.LEFT) {
                LOG.info(TEXTS.get("forget.forgotten_elsewhere"));
                return new Result(outcome, status, Optional.empty(), Optional.empty());
            }
            if (renewal == InstallationKeys.Renewal.NOT_KEPT) {
                LOG.warn(TEXTS.get("forget.key_not_kept"));
                return idUnchanged(Outcome.KEY_NOT_KEPT, status, Optional.empty());
            }
            newId = identity.replace(oldId);
        } catch (RuntimeException e) {
            // The endpoint may have erased already: said as such, not as a Forget that failed as a whole.
            LOG.warn(TEXTS.get("forget.not_finished", e));
            return idUnchanged(Outcome.NOT_FINISHED, status, Optional.empty());
        }
        LOG.info(outcome == Outcome.NO_ENDPOINT ? TEXTS.get("forget.done_without_endpoint")
                : TEXTS.get("forget.done", status));
        return new Result(outcome, status, Optional.empty(), newId);
    }

    private static Result idUnchanged(Outcome outcome, int status, Optional<DeliveryFailure> failure) {
        return new Result(outcome, status, failure, Optional.empty());
    }

    /** What the own endpoint did, by the status of its answer. */
    public static Outcome outcome(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.ERASED;
        }
        if (status == 404) {
            return Outcome.NOTHING_HELD;
        }
        if (status == 429 || status >= 500 || status < 200) {
            return Outcome.TRY_AGAIN;
        }
        return Outcome.REFUSED;
    }
}
