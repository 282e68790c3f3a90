package io.communique.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A GraphQL WebSocket over a plain TCP socket, for what a WebSocket library will not do: drop the
 * connection without a close frame, or stop reading while the server writes.
 */
public final class RawWebSocket implements AutoCloseable {

    /** A close frame as read: its code and reason. */
    public record Close(int code, String reason) {
    }

    /** Clients mask every frame (RFC 6455 5.3); the key needs no randomness here. */
    private static final byte[] MASK = {1, 2, 3, 4};

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Upgrades to graphql-transport-ws on /graphql. {@code receiveBuffer} bytes (0: the system's
     * default) is the most the operating system takes in for this client while it does not read.
     */
    public static RawWebSocket connect(int receiveBuffer) throws IOException {
        return connect(receiveBuffer, "graphql-transport-ws");
    }

    /** The same with another subprotocol, such as the legacy {@code graphql-ws}. */
    public static RawWebSocket connect(int receiveBuffer, String subprotocol) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            // Before connecting, so that the window offered in the handshake is already this small.
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("localhost", RestAssured.port));
        socket.setSoTimeout((int) GraphQLWs.TIMEOUT.toMillis());
        RawWebSocket ws = new RawWebSocket(socket);
        ws.out.write(("GET /graphql HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = ws.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return ws;
    }

    /** Sends one text message in one frame, masked as a client must. */
    public void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(frame(0x1, true, payload, 0, payload.length));
        out.flush();
    }

    /**
     * Sends only the header of one text frame announcing {@code length} bytes. A server checks the
     * length as it reads the header; sending the whole payload after it had refused would make the
     * server's kernel reset the connection over the unread bytes, and the close frame could be lost.
     */
    public void announceText(int length) throws IOException {
        var frame = new ByteArrayOutputStream();
        header(frame, 0x1, true, length);
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * Sends one text message and then, in the same write, the header of a text frame announcing
     * {@code length} bytes, as {@link #announceText} does: so the server reads both at once, as it
     * does from a client that sends its next message without waiting for an answer.
     */
    public void sendThenAnnounceText(String text, int length) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        var both = new ByteArrayOutputStream();
        both.writeBytes(frame(0x1, true, payload, 0, payload.length));
        header(both, 0x1, true, length);
        out.write(both.toByteArray());
        out.flush();
    }

    /** Sends one binary message in one frame. */
    public void sendBinary(byte[] payload) throws IOException {
        out.write(frame(0x2, true, payload, 0, payload.length));
        out.flush();
    }

    /** Sends one text message cut into frames of at most {@code size} bytes (a first frame, then continuations). */
    public void sendInFragments(String text, int size) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < payload.length; from += size) {
            int to = Math.min(payload.length, from + size);
            out.write(frame(from == 0 ? 0x1 : 0x0, to == payload.length, payload, from, to));
        }
        out.flush();
    }

    private static byte[] frame(int opcode, boolean fin, byte[] payload, int from, int to) {
        var frame = new ByteArrayOutputStream();
        header(frame, opcode, fin, to - from);
        for (int i = from; i < to; i++) {
            frame.write(payload[i] ^ MASK[(i - from) % 4]);
        }
        return frame.toByteArray();
    }

    /** A client frame's header: fin and opcode, the masked length in its shortest form, the mask. */
    private static void header(ByteArrayOutputStream frame, int opcode, boolean fin, int length) {
        frame.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            frame.write(0x80 | length);
        } else if (length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift) & 0xFF);
            }
        }
        frame.writeBytes(MASK);
    }

    /** The next text message from the server (its frames joined), or the close frame's code and reason as a Close. */
    public Object next() throws IOException {
        var message = new ByteArrayOutputStream();
        while (true) {
            int first = in.readUnsignedByte();
            int opcode = first & 0x0F;
            byte[] payload = payload();
            if (opcode == 0x8) {
                return close(payload);
            }
            if (opcode == 0x1 || opcode == 0x0) {
                message.writeBytes(payload);
                if ((first & 0x80) != 0) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    /**
     * Reads and counts the server's text messages until its close frame, which is returned;
     * {@code messages[0]} gets the count. Fails on end of stream before a close frame.
     */
    public Close readUntilClose(int[] messages) throws IOException {
        while (true) {
            if (next() instanceof Close close) {
                return close;
            }
            messages[0]++;
        }
    }

    private byte[] payload() throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return in.readNBytes((int) length);
    }

    private static Close close(byte[] payload) {
        if (payload.length < 2) {
            return new Close(1005, "");
        }
        return new Close(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF),
                new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
