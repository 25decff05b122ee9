package io.trainset.connect;

import static io.trainset.connect.TrainsetSinkConfig.S3_ACCESS_KEY_ID;
import static io.trainset.connect.TrainsetSinkConfig.S3_SECRET_ACCESS_KEY;

import io.trainset.connect.storage.ObjectStores;
import java.net.URI;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** The validators of the storage locations (output.url, s3.endpoint): no message ever repeats a credential. */
final class StorageConfigValidation {

    private StorageConfigValidation() {}

    /** A valid output location; the value is echoed only once it is known to hold no user info (no '@'). */
    static void outputUrl(String name, Object value) {
        String url = value == null ? "" : value.toString();
        rejectUserInfo(name, url, "'s3://bucket/prefix'");
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        boolean ok = switch (scheme) {
            case "s3" -> url.length() > "s3://".length() && url.startsWith("s3://");
            case "file" -> url.startsWith("file:///");
            default -> false;
        };
        if (!ok) {
            throw new ConfigException(name, value,
                    "Use 's3://bucket/prefix' or 'file:///absolute/dir', e.g. 's3://ml-data/support-routing'.");
        }
        try {
            ObjectStores.check(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    /**
     * Rejects a URL with user info ({@code key:secret@host}) without repeating it: no message may carry a
     * credential (the REST validate answer, the worker's log). A URL without '@' has no user info.
     */
    private static void rejectUserInfo(String name, String url, String form) {
        if (url.contains("@")) {
            throw new ConfigException("Invalid value for configuration " + name + ": it contains '@'; credentials"
                    + " or other user info ('key:secret@') are not accepted in a URL, and the value is not shown here"
                    + " in case it holds one. Give it as " + form + ", and the credentials in " + S3_ACCESS_KEY_ID
                    + " and " + S3_SECRET_ACCESS_KEY + " (a password, never shown or logged), or leave those empty"
                    + " for the default AWS credentials chain (environment, profile, instance or pod role).");
        }
    }

    static void endpoint(String name, Object value) {
        String url = value == null ? "" : value.toString().trim();
        if (url.isEmpty()) {
            return;
        }
        rejectUserInfo(name, url, "'http(s)://host:port'");
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "Give a full URL with scheme and host, e.g. 'http://minio:9000'.");
        }
    }
}
