package org.systemmetrics.core.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;
import org.systemmetrics.core.config.AddressRule;

/**
 * Resolves a destination's name at send time and refuses it when ANY of its addresses is link-local, cloud
 * metadata or unspecified ({@link AddressRule}), so a DNS name cannot lead the API secret or token where a
 * literal could not. A name that resolves to this machine is refused too: this machine is reached only through
 * {@code localhost} or a loopback literal, which the configuration check accepts only with an explicit port.
 * The addresses checked are the ones HttpClient then connects to, so a name cannot answer differently between
 * check and connection.
 */
final class CheckedDnsResolver implements DnsResolver {
    private final DnsResolver delegate;

    CheckedDnsResolver(DnsResolver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (AddressRule.isForbiddenHost(host)) {
            throw new RefusedAddressException(host + " is a link-local, unspecified or cloud metadata address");
        }
        InetAddress[] addresses = delegate.resolve(host);
        boolean loopbackName = AddressRule.isLoopbackHost(host);
        for (InetAddress address : addresses) {
            if (AddressRule.isForbidden(address)) {
                throw new RefusedAddressException(host + " resolves to a link-local, unspecified or cloud metadata "
                        + "address");
            }
            if (AddressRule.isLoopback(address) && !loopbackName) {
                throw new RefusedAddressException(host + " resolves to this machine; write localhost or 127.0.0.1 "
                        + "with the collector's port instead");
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
            super("refused: " + message + "; nothing was sent there");
        }
    }
}
