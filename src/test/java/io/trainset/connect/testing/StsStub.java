package io.trainset.connect.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An STS endpoint served by the test: answers {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} (AWS query
 * protocol, as the SDK's real {@code StsClient} sends it) with fresh session credentials that expire {@code lifetime} after issue, and
 * remembers every session so an S3 server can accept exactly the issued, unexpired ones ({@link #secretOf}).
 *
 * <p>The SDK's {@code StsAssumeRoleCredentialsProvider} renews a session from 5 minutes before its expiry (the
 * prefetch time, at a random moment) and at the latest in its last minute (the stale time, blocking): a lifetime
 * of 1 minute or less makes it renew before every request, one of an hour keeps the first session for the whole
 * test. {@link #refuse} makes every later call fail as STS refuses an unauthorised caller.
 */
public final class StsStub implements AutoCloseable {

    /** One call as received: its parameters, the access key that signed it (none for web identity), the key issued. */
    public record Call(Map<String, String> parameters, String signingAccessKey, String issuedAccessKey) {}

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

    private final HttpServer server;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String refusal;

    private record Session(String secret, Instant expiration) {}

    private StsStub(HttpServer server, Duration lifetime, Clock clock) {
        this.server = server;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Starts the stub on 127.0.0.1 and a free port. */
    public static StsStub start(Duration lifetime, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        StsStub stub = new StsStub(server, lifetime, clock);
        server.createContext("/", stub::handle);
        server.start();
        return stub;
    }

    /** The endpoint for {@code s3.sts.endpoint}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Refuses every later call with HTTP 403 and the STS error {@code code} (e.g. {@code AccessDenied}: the role's
     * trust policy does not allow the caller), as STS does.
     */
    public StsStub refuse(String code) {
        refusal = code;
        return this;
    }

    /** Every request received, refused ones included. */
    public int requests() {
        return requests.get();
    }

    /** Every AssumeRole call so far that issued a session. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The secret key and session token of every session issued so far: what no log line may contain. */
    public List<String> issuedSecrets() {
        return sessions.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getValue().secret(), "token-" + e.getKey()))
                .toList();
    }

    /** The secret key of an issued session's access key, while the session has not expired. */
    public Optional<String> secretOf(String accessKey) {
        Session session = sessions.get(accessKey);
        return session == null || !clock.instant().isBefore(session.expiration())
                ? Optional.empty()
                : Optional.of(session.secret());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> parameters =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String action = parameters.get("Action");
            requests.incrementAndGet();
            String refused = refusal;
            if (refused != null) {
                respond(
                        exchange,
                        403,
                        "<ErrorResponse><Error><Type>Sender</Type><Code>" + refused + "</Code>"
                                + "<Message>User is not authorized to perform: sts:" + action + "</Message></Error>"
                                + "<RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
                return;
            }
            if (!"AssumeRole".equals(action) && !"AssumeRoleWithWebIdentity".equals(action)) {
                respond(
                        exchange,
                        400,
                        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                                + "<Message>only AssumeRole and AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>");
                return;
            }
            String accessKey = "ASIASTUB" + issued.incrementAndGet();
            String secret = UUID.randomUUID().toString();
            Instant expiration = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
            sessions.put(accessKey, new Session(secret, expiration));
            Matcher signer = CREDENTIAL.matcher(
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            calls.add(new Call(parameters, signer.find() ? signer.group(1) : "", accessKey));
            respond(
                    exchange,
                    200,
                    "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<" + action + "Result><Credentials><AccessKeyId>" + accessKey
                            + "</AccessKeyId><SecretAccessKey>"
                            + secret + "</SecretAccessKey><SessionToken>token-" + accessKey
                            + "</SessionToken><Expiration>"
                            + expiration + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROASTUB:"
                            + parameters.get("RoleSessionName") + "</AssumedRoleId><Arn>" + parameters.get("RoleArn")
                            + "</Arn></AssumedRoleUser></" + action + "Result><ResponseMetadata><RequestId>"
                            + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>");
        }
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
