package org.systemmetrics.openfire.seam;

import java.util.concurrent.TimeUnit;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.systemmetrics.openfire.probe.StanzaProbe;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * What counting adds to Openfire's packet path, per packet. Openfire calls each interceptor twice per packet
 * (before and after processing), so {@code perPacket*} makes both calls on real Tinder stanzas, cycling
 * through messages, IQs and presences in both directions. {@code counterOnly*} is the LongAdder increment
 * alone. Each runs on 1 thread (uncontended; target at most 20 ns) and on 8 threads sharing one counter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StanzaCountingBenchmark {

    /** One counter and interceptor for the whole server, as in Openfire. */
    @State(Scope.Benchmark)
    public static class Server {
        final StanzaProbe counter = new StanzaProbe(null); // never registered here: only its counting is measured
        final PacketInterceptor interceptor = LiveOpenfireServer.interceptor(counter);
    }

    /** The traffic one I/O thread sees. */
    @State(Scope.Thread)
    public static class Traffic {
        final Packet[] packets = new Packet[8];
        final boolean[] incoming = new boolean[8];
        final StanzaType[] types = new StanzaType[8];
        int next;

        @Setup
        public void prepare() {
            for (int i = 0; i < packets.length; i++) {
                switch (i % 3) {
                    case 0:
                        packets[i] = new Message();
                        types[i] = StanzaType.MESSAGE;
                        break;
                    case 1:
                        packets[i] = new IQ();
                        types[i] = StanzaType.IQ;
                        break;
                    default:
                        packets[i] = new Presence();
                        types[i] = StanzaType.PRESENCE;
                        break;
                }
                incoming[i] = i % 2 == 0;
            }
        }

        int advance() {
            int current = next;
            next = (current + 1) & 7;
            return current;
        }
    }

    private static void onePacket(Server server, Traffic traffic) throws PacketRejectedException {
        int i = traffic.advance();
        server.interceptor.interceptPacket(traffic.packets[i], null, traffic.incoming[i], false);
        server.interceptor.interceptPacket(traffic.packets[i], null, traffic.incoming[i], true);
    }

    @Benchmark
    @Threads(1)
    public void perPacket1Thread(Server server, Traffic traffic) throws PacketRejectedException {
        onePacket(server, traffic);
    }

    @Benchmark
    @Threads(8)
    public void perPacket8Threads(Server server, Traffic traffic) throws PacketRejectedException {
        onePacket(server, traffic);
    }

    @Benchmark
    @Threads(1)
    public void counterOnly1Thread(Server server, Traffic traffic) {
        int i = traffic.advance();
        server.counter.stanza(traffic.types[i], traffic.incoming[i]);
    }

    @Benchmark
    @Threads(8)
    public void counterOnly8Threads(Server server, Traffic traffic) {
        int i = traffic.advance();
        server.counter.stanza(traffic.types[i], traffic.incoming[i]);
    }
}
