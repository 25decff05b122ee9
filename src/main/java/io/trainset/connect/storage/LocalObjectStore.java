package io.trainset.connect.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ObjectStore} in a local directory: key {@code a/b/c.parquet} is the file
 * {@code <root>/a/b/c.parquet}.
 *
 * <p>An object is written to a hidden temporary file beside its target ({@code .c.parquet.<n>.inprogress}:
 * a dot file that matches no {@code *.parquet} glob, so Spark, Hugging Face and DuckDB never read
 * it), forced to disk on commit and then renamed atomically onto the key. {@link #list(String)}
 * never shows those temporary files.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalObjectStore.class);
    private static final String TEMP_SUFFIX = ".inprogress";

    private final Path root;

    /** Opens the store rooted at {@code root}, creating the directory if needed. */
    public LocalObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        LOG.info("Opened object store {}", location());
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        Path target = resolve(key);
        Path directory = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", TEMP_SUFFIX);
        return new LocalObjectOutput(temp, target);
    }

    /** Writes a hidden temporary file and hard-links it to the key: {@code link(2)} never replaces a name. */
    @Override
    public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
        Path target = resolve(key);
        Path directory = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.createLink(target, temp);
            syncDirectory(directory);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void copy(String from, String to) throws IOException {
        Path source = resolve(from);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString(), null, "cannot copy a missing object to " + to);
        }
        try (ObjectOutput out = create(to)) {
            Files.copy(source, out);
            out.commit();
        }
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        ObjectStores.checkPrefix(prefix);
        Path start = root.resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1));
        List<String> keys = new ArrayList<>();
        if (Files.isDirectory(start)) {
            Files.walkFileTree(start, new KeyCollector(prefix, keys));
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        if (Files.deleteIfExists(resolve(key))) {
            LOG.debug("Deleted {}", key);
        }
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public void close() {
        LOG.info("Closed object store {}", location());
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + location() + "]";
    }

    private Path resolve(String key) {
        Path path = root.resolve(ObjectStores.checkKey(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Object key '" + key + "' leaves the store's root " + root
                    + ": use a relative key without '..', e.g. split=train/part-0.parquet");
        }
        return path;
    }

    private static boolean isTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /** Forces a directory's entries (a finished rename) to disk where the platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not sync directory {} (not supported here): {}", directory, e.toString());
        }
    }

    /** Collects the keys of the regular files under a directory that match a prefix. */
    private final class KeyCollector extends SimpleFileVisitor<Path> {
        private final String prefix;
        private final List<String> keys;

        KeyCollector(String prefix, List<String> keys) {
            this.prefix = prefix;
            this.keys = keys;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String key = root.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            if (attributes.isRegularFile() && !isTemp(file) && key.startsWith(prefix)) {
                keys.add(key);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // renamed or deleted while listing
            }
            throw e;
        }
    }
}
