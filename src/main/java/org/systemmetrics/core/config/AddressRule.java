package org.systemmetrics.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.systemmetrics.core.text.Texts;

/**
 * Which addresses reports may never be POSTed to, and which count as this machine: the one rule for the URL's text
 * and for every address a name resolves to at send time. Never a collector: link-local addresses (where clouds hand
 * out credentials), the unspecified address (which reaches this machine), the known metadata names and addresses,
 * and any IPv6 form that embeds such an IPv4 address.
 */
public final class AddressRule {
    private static final Texts TEXTS = Texts.of(AddressRule.class);
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
            "metadata.azure.internal");
    /** Every spelling of IPv4 that C's inet_aton (and so many proxies and resolvers) reads: 1 to 4 parts, each
     * decimal, octal (leading 0) or hex (0x). A host of digits and dots is never a DNS name anyway. */
    private static final Pattern NUMERIC_V4 = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private AddressRule() {
    }

    /** A host as a URL gives it ({@code [::1]}, {@code 2852039166}, {@code [fe80::1%25lo]}), in plain form. */
    private static String unbracketed(String rawHost) {
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1)
                : rawHost;
        int zone = host.indexOf('%'); // a zone ID (fe80::1%lo, %25lo in a URL) names an interface, not the address
        return zone >= 0 && host.contains(":") ? host.substring(0, zone) : host;
    }

    /**
     * The address the host denotes by its text alone, in every form a resolver would take as a literal; empty for a
     * name. Never does DNS. Throws IllegalArgumentException for a numeric host that is no address ({@code 999.1.1.1}).
     */
    private static Optional<InetAddress> literal(String rawHost) {
        String host = unbracketed(rawHost);
        try {
            if (NUMERIC_V4.matcher(host).matches()) {
                return Optional.of(InetAddress.getByAddress(numericV4(host.endsWith(".")
                        ? host.substring(0, host.length() - 1) : host)));
            }
            if (IPV6.matcher(host).matches()) {
                return Optional.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
            }
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(TEXTS.get("address.numeric_but_none"), e);
        }
        return Optional.empty();
    }

    private static byte[] numericV4(String host) throws UnknownHostException {
        long[] values = Arrays.stream(host.split("\\.", -1)) // Long.decode reads 0x hex and 0 octal as inet_aton does
                .mapToLong(part -> "0x".equalsIgnoreCase(part) ? 0 : Long.decode(part)).toArray(); // and a bare 0x is 0
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                throw new UnknownHostException(TEXTS.get("address.part_out_of_range"));
            }
            address = (address << 8) | values[i];
        }
        int lastBytes = 4 - (values.length - 1);
        long last = values[values.length - 1];
        if (last >= (1L << (8 * lastBytes))) {
            throw new UnknownHostException(TEXTS.get("address.last_part_out_of_range"));
        }
        address = (address << (8 * lastBytes)) | last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** Whether the URL's host, by its text, is a link-local, metadata or unspecified address (in any form). */
    public static boolean isForbiddenHost(String rawHost) {
        String lower = unbracketed(rawHost).toLowerCase(Locale.ROOT);
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (METADATA_HOSTS.contains(name)) {
            return true;
        }
        try {
            return literal(rawHost).map(AddressRule::isForbidden).orElse(false);
        } catch (IllegalArgumentException e) {
            return true; // numeric but not an address: what a resolver would make of it cannot be known
        }
    }

    /** Whether the host names this machine by its text: {@code localhost} or a loopback literal in any form. */
    public static boolean isLoopbackHost(String rawHost) {
        String host = unbracketed(rawHost);
        if ("localhost".equalsIgnoreCase(host) || "localhost.".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            return literal(rawHost).map(AddressRule::isLoopback).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 127.0.0.0/8, ::1, and IPv4-mapped loopback. */
    public static boolean isLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        return address.isLoopbackAddress() || b.length == 16 && mapped(b) && (b[12] & 0xff) == 127;
    }

    /** Link-local, metadata or unspecified, directly or embedded in an IPv6 form. */
    public static boolean isForbidden(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return forbiddenV4(b, 0);
        }
        if (address.isLoopbackAddress()) {
            return false;
        }
        boolean linkLocal = (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
        boolean awsMetadata = (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && zero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
        boolean compatibleOrMapped = zero(b, 0, 10) && (b[10] == 0 && b[11] == 0 || mapped(b));
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && (zero(b, 4, 12) || b[4] == 0 && b[5] == 1);
        boolean sixToFour = b[0] == 0x20 && b[1] == 0x02;
        return linkLocal || awsMetadata || (compatibleOrMapped || nat64) && forbiddenV4(b, 12)
                || sixToFour && forbiddenV4(b, 2);
    }

    private static boolean mapped(byte[] b) {
        return zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** 169.254.0.0/16, 0.0.0.0/8 (this host, unspecified), 100.100.100.200 (Alibaba Cloud's metadata service). */
    private static boolean forbiddenV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        return a0 == 169 && a1 == 254 || a0 == 0
                || a0 == 100 && a1 == 100 && (b[at + 2] & 0xff) == 100 && (b[at + 3] & 0xff) == 200;
    }

    private static boolean zero(byte[] b, int from, int to) {
        return IntStream.range(from, to).allMatch(i -> b[i] == 0);
    }
}
