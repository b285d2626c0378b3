package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.systemmetrics.testing.MockedOpenfire;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;
import org.xmpp.packet.Roster;

/** Stanza counting hooks into Openfire's interceptor chain and leaves it again on unload. */
class StanzaInterceptionTest {
    private MockedOpenfire openfire;
    private final LiveOpenfireServer live = new LiveOpenfireServer(new File("/opt/openfire/plugins/systemmetrics"));
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void startOpenfire() {
        openfire = new MockedOpenfire();
    }

    @AfterEach
    void stopOpenfire() {
        openfire.close();
    }

    private PacketInterceptor register() {
        live.addPacketInterceptor((type, incoming) -> seen.add(type + (incoming ? " in" : " out")));
        ArgumentCaptor<PacketInterceptor> interceptor = ArgumentCaptor.forClass(PacketInterceptor.class);
        verify(openfire.interceptorManager).addInterceptor(interceptor.capture());
        return interceptor.getValue();
    }

    @Test
    void eachStanzaIsSeenOnceThoughOpenfireCallsTwice() throws PacketRejectedException {
        PacketInterceptor interceptor = register();

        for (boolean processed : new boolean[] {false, true}) {
            interceptor.interceptPacket(new Message(), null, true, processed);
            interceptor.interceptPacket(new IQ(), null, false, processed);
            interceptor.interceptPacket(new Presence(), null, true, processed);
            interceptor.interceptPacket(new Roster(), null, false, processed);
        }

        assertThat(seen).containsExactly("MESSAGE in", "IQ out", "PRESENCE in", "IQ out");
    }

    @Test
    void theSessionIsNeverTouched() throws PacketRejectedException {
        PacketInterceptor interceptor = register();
        Session session = mock(Session.class);

        interceptor.interceptPacket(new Message(), session, true, false);
        interceptor.interceptPacket(new Message(), null, false, false);

        verifyNoInteractions(session);
        assertThat(seen).hasSize(2);
    }

    @Test
    void aFailingCounterNeverDisturbsDelivery() {
        live.addPacketInterceptor((type, incoming) -> {
            throw new IllegalStateException("counter broken");
        });
        ArgumentCaptor<PacketInterceptor> interceptor = ArgumentCaptor.forClass(PacketInterceptor.class);
        verify(openfire.interceptorManager).addInterceptor(interceptor.capture());

        assertThatCode(() -> interceptor.getValue().interceptPacket(new Message(), null, true, false))
                .doesNotThrowAnyException();
    }

    @Test
    void closingTheRegistrationRemovesTheSameInterceptor() {
        OpenfireServer.Registration registration = live.addPacketInterceptor((type, incoming) -> { });
        ArgumentCaptor<PacketInterceptor> added = ArgumentCaptor.forClass(PacketInterceptor.class);
        verify(openfire.interceptorManager).addInterceptor(added.capture());

        registration.close();

        verify(openfire.interceptorManager).removeInterceptor(added.getValue());
    }

    @Test
    void anInterceptorManagerThatRefusesIsReportedAsUnavailable() {
        doThrow(new NoSuchMethodError("InterceptorManager.addInterceptor")).when(openfire.interceptorManager)
                .addInterceptor(any(PacketInterceptor.class));

        assertThatThrownBy(() -> live.addPacketInterceptor((type, incoming) -> { }))
                .isInstanceOf(OpenfireUnavailableException.class).hasMessageContaining("addInterceptor");
    }
}
