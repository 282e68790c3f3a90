package io.communique.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a server that can stop passing bytes while every connection stays open, as
 * a network partition does: nothing is refused or reset, nothing arrives. Bytes read while frozen are
 * held and passed on in order once thawed.
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String host;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean frozen;
    /** Bytes that, in an answer of the server, freeze the proxy before they pass: see {@link #freezeOnAnswer}. */
    private byte[] freezeMarker;
    private volatile boolean closed;

    private FreezableProxy(ServerSocket server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    /** Listens on an ephemeral port of the loopback interface and passes connections on to host:port. */
    public static FreezableProxy start(String host, int port) throws IOException {
        FreezableProxy proxy = new FreezableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
        daemon("proxy-accept", proxy::accept);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, nothing passes in either direction, on open connections and new ones alike. */
    public void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    /**
     * Freezes as {@link #freeze} does as soon as the server answers with bytes containing
     * {@code marker}, and holds that answer. With {@code "COMMIT\0"}, the tag PostgreSQL completes a
     * commit with, the transaction is committed and the application never hears so.
     */
    public void freezeOnAnswer(String marker) {
        synchronized (gate) {
            freezeMarker = marker.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Passes what was held, and everything after it. */
    public void thaw() {
        synchronized (gate) {
            frozen = false;
            freezeMarker = null;
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thaw();
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, port);
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up", () -> pump(client, upstream, true));
                daemon("proxy-down", () -> pump(upstream, client, false));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("the proxy stopped accepting", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!toServer) {
                    freezeIfMarked(buffer, n);
                }
                awaitThawed();
                out.write(buffer, 0, n);
                out.flush();
            }
            awaitThawed();
            to.shutdownOutput();
            if (from.isOutputShutdown()) {
                // Both ways are done.
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    // A short message such as a command's completion arrives in one piece, far smaller than the
    // buffer, so a marker is never split across two reads in practice.
    private void freezeIfMarked(byte[] buffer, int length) {
        synchronized (gate) {
            if (freezeMarker != null && indexOf(buffer, length, freezeMarker) >= 0) {
                frozen = true;
                freezeMarker = null;
            }
        }
    }

    private static int indexOf(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait();
            }
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}
