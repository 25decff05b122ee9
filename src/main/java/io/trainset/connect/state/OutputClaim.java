package io.trainset.connect.state;

import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims an output location for a connector at start, or confirms its claim (docs/guarantees.md, <em>One
 * connector per location</em>). The connector's start claims and probes the store; each task's start
 * confirms, so a task never restores a checkpoint of a location it does not own.
 */
public final class OutputClaim {

    private static final Logger LOG = LoggerFactory.getLogger(OutputClaim.class);

    private OutputClaim() {}

    /**
     * The owner of {@code store}'s location when it is {@code identity}: the claim found, or the one made
     * when the location had none (adopting the checkpoints it holds). With {@code probe}, the store's
     * conditional create is checked first ({@link ConditionalCreateProbe}). A location of another identity
     * fails with {@link OwnershipException}, after reading the claim only (no probe either).
     */
    public static OutputOwner claim(
            ObjectStore store, OutputIdentity identity, StoreRetry retry, Clock clock, boolean probe)
            throws IOException {
        Optional<OutputOwner> found = read(store, retry);
        found.ifPresent(owner -> confirmed(store, owner, identity));
        if (probe) {
            ConditionalCreateProbe.check(store, retry);
        }
        return found.isPresent() ? found.get() : claimed(store, identity, retry, clock);
    }

    /** The claim made for {@code identity} on a location that had none, or the one made meanwhile. */
    private static OutputOwner claimed(ObjectStore store, OutputIdentity identity, StoreRetry retry, Clock clock)
            throws IOException {
        OutputOwner claim = new OutputOwner(
                identity,
                retry.get(() -> new StateListing(store).newestCheckpoints()),
                clock.instant().toString());
        if (!retry.get(() -> store.createIfAbsent(OutputOwner.KEY, claim.toJson()))) {
            // Claimed meanwhile (by a task of this connector, or a lost response of this create, retried).
            return confirmed(
                    store,
                    read(store, retry)
                            .orElseThrow(() -> new IOException(StateKeys.where(store.location(), OutputOwner.KEY)
                                    + " was created and is gone: restart the connector")),
                    identity);
        }
        if (claim.adopted().isEmpty()) {
            LOG.info("Claimed the output location {} for {}", store.location(), identity);
        } else {
            LOG.info(
                    "Claimed the output location {} for {}, adopting the checkpoints of {} units it holds (written "
                            + "before locations were claimed, or by a connector it was handed over from)",
                    store.location(),
                    identity,
                    claim.adopted().size());
        }
        return claim;
    }

    private static OutputOwner confirmed(ObjectStore store, OutputOwner owner, OutputIdentity identity) {
        if (!owner.identity().equals(identity)) {
            throw new OwnershipException(owner.foreign(store.location(), identity));
        }
        LOG.info(
                "The output location {} belongs to this {} (claimed {})",
                store.location(),
                identity,
                owner.claimedAt());
        return owner;
    }

    private static Optional<OutputOwner> read(ObjectStore store, StoreRetry retry) throws IOException {
        Optional<byte[]> bytes = retry.get(() -> store.read(OutputOwner.KEY));
        return bytes.isEmpty()
                ? Optional.empty()
                : Optional.of(OutputOwner.fromJson(bytes.get(), StateKeys.where(store.location(), OutputOwner.KEY)));
    }
}
