package io.trainset.connect.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Opens the {@link ObjectStore} a storage URL names, and holds the key rules every store applies.
 *
 * <p>Accepted URLs: {@code file:///absolute/directory} (created if missing) and
 * {@code s3://bucket} or {@code s3://bucket/prefix}. Keys are relative, {@code /}-separated, and
 * have no empty, {@code .} or {@code ..} segments, so a key means the same object in every store
 * and can never leave the store's root.
 */
public final class ObjectStores {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStores.class);
    static final String ACCEPTED_FORMS = "expected file:///absolute/directory or s3://bucket[/prefix],"
            + " e.g. s3://my-datasets/trainset/v1 or file:///var/lib/trainset/datasets";

    private ObjectStores() {}

    /**
     * Opens the store {@code url} names; S3 stores get a client built from {@code s3}, which they
     * own and close.
     *
     * @throws IllegalArgumentException the URL is not one of the accepted forms, or no S3 region
     *                                  can be found
     * @throws UncheckedIOException     the local directory cannot be created
     */
    public static ObjectStore open(URI url, S3Settings s3) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> openLocal(url);
            case "s3" -> openS3(url, s3);
            default -> throw invalid(url, "unsupported scheme");
        };
    }

    /**
     * Checks that {@code url} is one this class can open, without opening anything (for config
     * validation).
     *
     * @throws IllegalArgumentException naming the problem and the accepted forms
     */
    public static void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> localRoot(url);
            case "s3" -> s3Location(url);
            default -> throw invalid(url, "unsupported scheme");
        }
    }

    /**
     * Builds an S3 client from the settings ({@link S3Clients}): Apache HTTP client with the configured CAs and
     * proxy, credentials, endpoint, path style, checksums, timeouts and the SDK's standard retry strategy (exponential backoff with full jitter: 0.1 s base, 1 s for
     * throttling, at most 20 s; only throttling, 5xx, clock skew, timeouts and I/O errors are retried).
     *
     * @throws IllegalArgumentException no region is configured and the SDK's chain finds none
     */
    public static S3Client s3Client(S3Settings settings) {
        return s3Client(settings, List.of());
    }

    /**
     * {@link #s3Client(S3Settings)} with interceptors, which tests use to count requests. An assumed role's STS
     * client is not closed with the returned client: stores from {@link #open} close it.
     */
    static S3Client s3Client(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        return S3Clients.s3(settings, S3Clients.credentials(settings), interceptors);
    }

    private static ObjectStore openLocal(URI url) {
        Path root = localRoot(url);
        try {
            return new LocalObjectStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the output directory " + root + " (" + e
                            + "): check that the path is writable by the Connect worker's user",
                    e);
        }
    }

    private static ObjectStore openS3(URI url, S3Settings s3) {
        String[] location = s3Location(url);
        AwsCredentialsProvider credentials = S3Clients.credentials(s3); // closes what it built if it fails
        S3Client client;
        try {
            client = S3Clients.s3(s3, credentials, List.of());
        } catch (RuntimeException e) {
            closeCredentials(credentials);
            throw e;
        }
        LOG.info("S3 client for {}: {}", url, s3);
        return new S3ObjectStore(client, location[0], location[1], s3.partSizeBytes(), s3.writes(), () -> {
            try {
                client.close();
            } finally {
                closeCredentials(credentials);
            }
        });
    }

    private static void closeCredentials(AwsCredentialsProvider credentials) {
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The bucket and key prefix of an s3:// URL. */
    private static String[] s3Location(URI url) {
        String bucket = url.getRawAuthority();
        if (bucket == null || bucket.isEmpty() || bucket.contains("@") || bucket.contains(":")) {
            throw invalid(url, "the bucket name is missing or has user info or a port");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw invalid(url, "a query or fragment is not allowed");
        }
        String prefix = url.getPath() == null ? "" : stripLeadingSlashes(url.getPath());
        try {
            checkPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw invalid(url, "bad prefix: " + e.getMessage());
        }
        return new String[] {bucket, prefix};
    }

    private static Path localRoot(URI url) {
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw invalid(url, "a query or fragment is not allowed");
        }
        try {
            return Path.of(url);
        } catch (IllegalArgumentException e) {
            throw invalid(url, "not an absolute file URL without a host (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException invalid(URI url, String problem) {
        return new IllegalArgumentException(
                "Invalid storage URL '" + redacted(url) + "': " + problem + "; " + ACCEPTED_FORMS);
    }

    /** The URL without any user info, which may hold credentials. */
    private static String redacted(URI url) {
        String text = url.toString();
        String userInfo = url.getRawUserInfo();
        return userInfo == null ? text : text.replace(userInfo + "@", "[hidden]@");
    }

    private static String stripLeadingSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    /**
     * Checks an object key: non-empty, relative, {@code /}-separated, no empty, {@code .} or
     * {@code ..} segment.
     *
     * @return the key
     */
    static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Object key must not be empty");
        }
        if (key.endsWith("/")) {
            throw new IllegalArgumentException(
                    "Object key '" + key + "' ends with '/': name an object," + " not a directory");
        }
        return checkPrefix(key);
    }

    /**
     * Checks a key prefix (empty allows everything): relative, no empty, {@code .} or {@code ..}
     * segment before its last {@code /}.
     *
     * @return the prefix
     */
    static String checkPrefix(String prefix) {
        if (prefix.startsWith("/") || prefix.contains("\\")) {
            throw new IllegalArgumentException("Object key '" + prefix + "' must be relative to the"
                    + " store's root and use '/' separators, e.g. split=train/part-0.parquet");
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String segment = segments[i];
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Object key '" + prefix + "' has an empty, '.' or"
                        + " '..' segment: keys must stay inside the store's root, e.g. a/b/c.parquet");
            }
        }
        return prefix;
    }
}
