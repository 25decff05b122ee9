package io.trainset.connect.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 and a free port that answers every S3 request with the statuses a test
 * scripts (an S3 error document for an error, an empty 200 with an ETag for success), and counts the
 * requests: what a store that fails in a given way looks like to the client.
 *
 * <pre>{@code
 * try (S3StatusStub stub = S3StatusStub.start()) {
 *     stub.answer(503, "SlowDown", 2);   // then 200
 *     // point a client at stub.endpoint(), path style
 * }
 * }</pre>
 */
public final class S3StatusStub implements AutoCloseable {

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private Answer otherwise = new Answer(200, "", Integer.MAX_VALUE);

    /** A status and error code, for the next {@code times} requests. */
    private record Answer(int status, String code, int times) {}

    private S3StatusStub(HttpServer server) {
        this.server = server;
    }

    public static S3StatusStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        S3StatusStub stub = new S3StatusStub(server);
        server.createContext("/", stub::handle);
        server.start();
        return stub;
    }

    /** Answers the next {@code times} requests with {@code status} and S3 error code {@code code}. */
    public synchronized S3StatusStub answer(int status, String code, int times) {
        script.addLast(new Answer(status, code, times));
        return this;
    }

    /** Answers every request, once the scripted ones are used up, with {@code status} and {@code code}. */
    public synchronized S3StatusStub always(int status, String code) {
        otherwise = new Answer(status, code, Integer.MAX_VALUE);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests received so far (each attempt of the client counts). */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        Answer answer = next();
        if (answer.status() == 200) {
            exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            exchange.sendResponseHeaders(200, -1);
        } else {
            byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + answer.code()
                            + "</Code><Message>scripted " + answer.status()
                            + "</Message><RequestId>stub</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(answer.status(), xml.length);
            exchange.getResponseBody().write(xml);
        }
        exchange.close();
    }

    private synchronized Answer next() {
        Answer head = script.pollFirst();
        if (head == null) {
            return otherwise;
        }
        if (head.times() > 1) {
            script.addFirst(new Answer(head.status(), head.code(), head.times() - 1));
        }
        return head;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
