package io.trainset.connect.it;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * The {@link SupportRoutingEnvironment} every test of a class shares, declared like a static
 * {@code @TempDir}: on a static field, it is started (its S3 server keeping its buckets in a temporary
 * directory) before the class's {@code @BeforeAll} methods and first test, and closed, its directory
 * deleted, after its last.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SharedEnvironment.Lifecycle.class)
@interface SharedEnvironment {

    /** The Connect cluster's name. */
    String name();

    /** The bucket the S3 server has. */
    String bucket();

    /** The partitions of each input topic. */
    int partitions();

    /** Starts and closes the environments of a class's {@link SharedEnvironment} fields. */
    final class Lifecycle implements BeforeAllCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Lifecycle.class);

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            for (Field field : fields(context)) {
                SharedEnvironment declared = field.getAnnotation(SharedEnvironment.class);
                Started started = Started.start(declared);
                context.getStore(NAMESPACE).put(field, started);
                field.set(null, started.environment());
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            for (Field field : fields(context)) {
                Started started = context.getStore(NAMESPACE).remove(field, Started.class);
                if (started != null) {
                    started.close();
                    field.set(null, null);
                }
            }
        }

        /** The class's static fields marked {@link SharedEnvironment}, made accessible. */
        private static List<Field> fields(ExtensionContext context) {
            List<Field> fields = AnnotationSupport.findAnnotatedFields(
                    context.getRequiredTestClass(), SharedEnvironment.class, ModifierSupport::isStatic);
            fields.forEach(field -> field.setAccessible(true));
            return fields;
        }
    }

    /** An environment started for a class and the directory of its S3 server. */
    record Started(SupportRoutingEnvironment environment, Path directory) implements AutoCloseable {

        static Started start(SharedEnvironment declared) throws Exception {
            Path directory = Files.createTempDirectory(declared.name());
            try {
                return new Started(
                        SupportRoutingEnvironment.start(
                                directory, declared.name(), declared.bucket(), declared.partitions()),
                        directory);
            } catch (Exception | Error e) {
                delete(directory);
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                environment.close();
            } finally {
                delete(directory);
            }
        }

        private static void delete(Path directory) throws IOException {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
