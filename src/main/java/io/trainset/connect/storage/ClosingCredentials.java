package io.trainset.connect.storage;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A credentials provider together with what it holds (an STS client, an HTTP pool): closing closes them all, in
 * order, each even if an earlier one failed.
 */
final class ClosingCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClosingCredentials.class);

    private final AwsCredentialsProvider provider;
    private final List<? extends AutoCloseable> owned;

    ClosingCredentials(AwsCredentialsProvider provider, List<? extends AutoCloseable> owned) {
        this.provider = provider;
        this.owned = List.copyOf(owned);
    }

    /** Closes {@code credentials} if it holds anything; quietly, for cleanup after a failure. */
    static void closeQuietly(AwsCredentialsProvider credentials) {
        if (credentials instanceof AutoCloseable closeable) {
            IoUtils.closeQuietly(closeable, LOG);
        }
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return provider.resolveCredentials();
    }

    @Override
    public void close() {
        owned.forEach(closeable -> IoUtils.closeQuietly(closeable, LOG));
    }

    @Override
    public String toString() {
        return provider.toString();
    }
}
