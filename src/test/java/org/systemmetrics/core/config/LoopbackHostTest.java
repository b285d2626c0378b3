package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Whether an endpoint's host is this machine, the one place plain http is accepted ({@link AddressRule#isLoopbackHost}):
 * decided from the text alone, since a configuration check must never touch DNS, so only {@code localhost} and IP
 * literals count.
 */
class LoopbackHostTest {
    @Test
    void thisMachineInEveryUsualSpelling() {
        assertThat(AddressRule.isLoopbackHost("localhost")).isTrue();
        assertThat(AddressRule.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(AddressRule.isLoopbackHost("127.8.9.10")).isTrue();
        assertThat(AddressRule.isLoopbackHost("[::1]")).isTrue();
    }

    @Test
    void theSpellingsOfInetAtonCount() {
        assertThat(AddressRule.isLoopbackHost("0x7f.1")).isTrue();
        assertThat(AddressRule.isLoopbackHost("0X7F.0.0.1")).isTrue();
        assertThat(AddressRule.isLoopbackHost("0177.0.0.01")).isTrue();
        assertThat(AddressRule.isLoopbackHost("127.0x.0x.1")).isTrue(); // a bare 0x is 0 to inet_aton
        assertThat(AddressRule.isLoopbackHost("127.08.0.1")).isFalse(); // 8 is no octal digit: no address
        assertThat(AddressRule.isLoopbackHost("0x7f.0x1000000")).isFalse(); // more than three bytes left
    }

    @Test
    void otherAddressesAndEveryNameAreNot() {
        assertThat(AddressRule.isLoopbackHost("10.0.0.1")).isFalse();
        assertThat(AddressRule.isLoopbackHost("[2001:db8::1]")).isFalse();
        // Hex-looking names must not be mistaken for IPv6 literals and sent to DNS.
        assertThat(AddressRule.isLoopbackHost("cafe")).isFalse();
        assertThat(AddressRule.isLoopbackHost("beef")).isFalse();
        assertThat(AddressRule.isLoopbackHost("collector.example.com")).isFalse();
        assertThat(AddressRule.isLoopbackHost("1234")).isFalse();
    }
}
