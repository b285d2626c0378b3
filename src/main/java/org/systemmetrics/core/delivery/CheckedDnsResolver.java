package org.systemmetrics.core.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;
import org.systemmetrics.core.config.AddressRule;
import org.systemmetrics.core.text.Texts;

/**
 * Refuses a name at send time when ANY of its addresses is one {@link AddressRule} forbids, so a DNS name cannot lead
 * a secret where a literal could not; a name resolving to this machine too, which is reached only through
 * {@code localhost} or a loopback literal (the configuration check wants an explicit port for those).
 */
final class CheckedDnsResolver implements DnsResolver {
    private static final Texts TEXTS = Texts.of(CheckedDnsResolver.class);
    private final DnsResolver delegate;

    CheckedDnsResolver(DnsResolver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (AddressRule.isForbiddenHost(host)) {
            throw new RefusedAddressException(TEXTS.get("address.forbidden", host));
        }
        InetAddress[] addresses = delegate.resolve(host);
        boolean loopbackName = AddressRule.isLoopbackHost(host);
        for (InetAddress address : addresses) {
            if (AddressRule.isForbidden(address)) {
                throw new RefusedAddressException(TEXTS.get("address.resolves_forbidden", host));
            }
            if (AddressRule.isLoopback(address) && !loopbackName) {
                throw new RefusedAddressException(TEXTS.get("address.resolves_loopback", host));
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }

    /** A destination refused by address: not retried, since the answer will not change within a report. */
    static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }
}
