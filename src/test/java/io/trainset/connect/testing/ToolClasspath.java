package io.trainset.connect.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The classpath of a tool under {@code tools/} that a test runs in a child JVM (Spark, Iceberg's REST catalog server),
 * resolved from Maven Central by the tool's own pom into {@code tools/<tool>/target/classpath.txt}. .ci/run resolves
 * them first; a plain {@code mvn verify} resolves them here, at first use, with the same Maven that runs the build.
 */
public final class ToolClasspath {

    private static final long RESOLVE_MINUTES = 15;

    private ToolClasspath() {}

    /** The classpath file of {@code tool} (e.g. {@code tools/spark}), resolved now if it is missing. */
    public static synchronized Path ensure(Path tool) throws IOException, InterruptedException {
        Path classpath = tool.resolve("target").resolve("classpath.txt");
        if (Files.exists(classpath)) {
            return classpath;
        }
        Process maven = new ProcessBuilder(
                        "mvn",
                        "-B",
                        "-ntp",
                        "-q",
                        "-f",
                        tool.resolve("pom.xml").toString(),
                        "dependency:build-classpath",
                        "-Dmdep.outputFile=target/classpath.txt")
                .inheritIO()
                .start();
        if (!maven.waitFor(RESOLVE_MINUTES, TimeUnit.MINUTES) || maven.exitValue() != 0 || !Files.exists(classpath)) {
            maven.destroyForcibly();
            throw new IllegalStateException("Could not resolve " + tool + "'s classpath: run `mvn -f " + tool
                    + "/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt` (.ci/run does)");
        }
        return classpath;
    }
}
