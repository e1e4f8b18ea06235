package dev.gdq.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports: picking free ones, refusing taken ones before a child is started. */
public final class Ports {

    /** Every server listens on loopback only. */
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** {@code count} distinct ports that were free a moment ago. */
    public static List<Integer> free(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + LOOPBACK, e);
        } finally {
            sockets.forEach(Ports::close);
        }
    }

    /**
     * Fails with a message naming the port if something already listens on it, so the child is never
     * started: a server that answered on a taken port could be taken for ours.
     *
     * @param role what the port is for, e.g. "Kafka broker listener"
     */
    public static void requireFree(String service, int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new ServiceStartException(service, "port " + port + " (" + role + ") on " + LOOPBACK
                    + " is already in use (" + e.getMessage() + "); stop whatever holds it or choose another port");
        }
    }

    /** Whether something accepts TCP connections on {@code port}. */
    public static boolean accepts(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), Math.toIntExact(timeout.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
