package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackHostTest {
    @Test
    void thisMachineInEveryUsualSpelling() {
        assertThat(LoopbackHost.isLoopback("localhost")).isTrue();
        assertThat(LoopbackHost.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackHost.isLoopback("127.8.9.10")).isTrue();
        assertThat(LoopbackHost.isLoopback("[::1]")).isTrue();
    }

    @Test
    void otherAddressesAndEveryNameAreNot() {
        assertThat(LoopbackHost.isLoopback("10.0.0.1")).isFalse();
        assertThat(LoopbackHost.isLoopback("[2001:db8::1]")).isFalse();
        // Hex-looking names must not be mistaken for IPv6 literals and sent to DNS.
        assertThat(LoopbackHost.isLoopback("cafe")).isFalse();
        assertThat(LoopbackHost.isLoopback("beef")).isFalse();
        assertThat(LoopbackHost.isLoopback("collector.example.com")).isFalse();
        assertThat(LoopbackHost.isLoopback("1234")).isFalse();
    }
}
