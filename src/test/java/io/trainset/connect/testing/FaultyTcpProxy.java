package io.trainset.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of a server (e.g. the in-process S3 server) that can be made to fail:
 * while {@link #breakConnections() broken}, every open connection is reset and every new one is
 * accepted and closed at once, as clients see an object store that is down. {@link #heal()} lets
 * connections through again. Listens on 127.0.0.1 and a free port.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean broken;
    private volatile boolean closed;

    private FaultyTcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts forwarding to the host and port of {@code targetEndpoint}. */
    public static FaultyTcpProxy start(URI targetEndpoint) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        FaultyTcpProxy proxy =
                new FaultyTcpProxy(server, new InetSocketAddress(targetEndpoint.getHost(), targetEndpoint.getPort()));
        Thread acceptor = new Thread(proxy::acceptLoop, "faulty-tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The proxy's endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Resets every open connection and refuses new ones until {@link #heal()}. */
    public void breakConnections() {
        broken = true;
        open.forEach(FaultyTcpProxy::reset);
    }

    public void heal() {
        broken = false;
    }

    /** How many connections were refused or reset while broken. */
    public int refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (broken) {
                    refused.incrementAndGet();
                    reset(client);
                    continue;
                }
                connect(client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            reset(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the other direction or a break closes both
                    } finally {
                        if (broken) {
                            refused.incrementAndGet();
                        }
                        open.remove(from);
                        open.remove(to);
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "faulty-tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with RST (linger 0), as a crashed server's connections end. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        open.forEach(FaultyTcpProxy::closeQuietly);
    }
}
