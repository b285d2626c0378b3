package org.systemmetrics.realserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real XEP-0114 external component over a plain socket: the stream header, the SHA-1 handshake with the
 * shared secret, and then raw stanzas. Just enough XMPP to make Openfire route traffic for tests.
 */
public final class ExternalComponent implements AutoCloseable {
    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]");

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String domain;
    private final StringBuilder received = new StringBuilder();

    private ExternalComponent(Socket socket, String domain) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.domain = domain;
    }

    /** Connects to the server's component port as {@code subdomain.<server domain>} and completes the handshake. */
    public static ExternalComponent connect(RealOpenfire server, String subdomain, String secret) throws IOException {
        Socket socket = connectWithin(new InetSocketAddress(server.networkInterface(),
                server.port(RealOpenfire.Port.COMPONENT)), Duration.ofSeconds(20));
        socket.setSoTimeout(250);
        ExternalComponent component = new ExternalComponent(socket, subdomain + "." + server.domain());
        try {
            component.handshake(secret);
        } catch (IOException | RuntimeException | Error e) {
            component.close();
            throw e;
        }
        return component;
    }

    /** Openfire opens its listeners one after another once plugins are loaded: a refusal right after start is retried. */
    private static Socket connectWithin(InetSocketAddress address, Duration timeout) {
        return Poll.until("Openfire to accept a component connection at " + address, timeout, () -> {
            Socket socket = new Socket();
            try {
                socket.connect(address, 10_000);
                return Optional.of(socket);
            } catch (ConnectException refused) {
                closeQuietly(socket);
                return Optional.<Socket>empty();
            } catch (IOException e) {
                closeQuietly(socket);
                throw new UncheckedIOException("could not connect to " + address, e);
            }
        }, Optional::isPresent, refused -> "the connection was refused").get();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // never connected: nothing to release
        }
    }

    public String domain() {
        return domain;
    }

    private void handshake(String secret) throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
        Matcher id = await(STREAM_ID, Duration.ofSeconds(20));
        send("<handshake>" + sha1Hex(id.group(1) + secret) + "</handshake>");
        await(Pattern.compile("<handshake\\s*/>|<handshake>\\s*</handshake>|<stream:error"), Duration.ofSeconds(20));
        if (received.indexOf("<stream:error") >= 0) {
            throw new IOException("Openfire refused the component " + domain + ": " + received);
        }
    }

    /** Sends {@code count} chat messages from one address of this component to another; Openfire routes them back. */
    public void messageItself(int count) throws IOException {
        StringBuilder stanzas = new StringBuilder();
        for (int i = 0; i < count; i++) {
            stanzas.append("<message from='alice@").append(domain).append("' to='bob@").append(domain)
                    .append("' type='chat' id='m").append(i).append("'><body>ping ").append(i).append("</body></message>");
        }
        send(stanzas.toString());
    }

    /** How many messages addressed to this component have come back so far (as read by the awaiting calls). */
    public int messagesBack() {
        return (int) Pattern.compile("<message\\b[^>]*\\bto=['\"]bob@" + Pattern.quote(domain)).matcher(received)
                .results().count();
    }

    /** Waits until {@code count} messages addressed to this component have come back from Openfire, in all. */
    public void awaitMessagesBack(int count, Duration timeout) {
        Poll.until(count + " messages back at " + domain, timeout, Duration.ZERO, () -> {
            readSome();
            return messagesBack();
        }, back -> back >= count, back -> back + " came back; received: " + received);
    }

    private Matcher await(Pattern pattern, Duration timeout) {
        return Poll.until("/" + pattern + "/ from Openfire", timeout, Duration.ZERO, () -> {
            readSome();
            return pattern.matcher(received);
        }, Matcher::find, m -> "received: " + received);
    }

    /** Reads what has arrived; returns after the socket's short read timeout when nothing has. */
    private void readSome() {
        byte[] buffer = new byte[8192];
        try {
            int n = in.read(buffer);
            if (n < 0) {
                throw new UncheckedIOException(new IOException("Openfire closed the component stream; got: " + received));
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException nothingYet) {
            // the caller looks again until its deadline
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send("</stream:stream>");
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
        }
    }
}
