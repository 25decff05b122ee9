package io.trainset.connect.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** {@link DiscardSinkConnector} as a plugin zip for a stock worker: one directory, one jar, its service manifest. */
final class DiscardPlugin {

    private static final List<Class<?>> CLASSES =
            List.of(DiscardSinkConnector.class, DiscardSinkConnector.Discard.class);

    private DiscardPlugin() {}

    /** Writes the zip under {@code dir} (once) and returns it. */
    static Path zip(Path dir) throws IOException {
        Path zip = dir.resolve("trainset-bench-discard.zip");
        if (Files.exists(zip)) {
            return zip;
        }
        Files.createDirectories(dir);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("trainset-bench-discard/discard.jar"));
            out.write(jar());
            out.closeEntry();
        }
        return zip;
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Class<?> type : CLASSES) {
                String name = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                copy(type.getClassLoader().getResourceAsStream(name), jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.sink.SinkConnector"));
            jar.write((DiscardSinkConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (in) {
            in.transferTo(out);
        }
    }
}
