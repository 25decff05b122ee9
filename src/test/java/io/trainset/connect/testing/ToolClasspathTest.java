package io.trainset.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolClasspathTest {

    @TempDir
    Path tool;

    @Test
    void aResolvedClasspathIsTakenAsItIs() throws IOException, InterruptedException {
        Path classpath = Files.createDirectories(tool.resolve("target")).resolve("classpath.txt");
        Files.writeString(classpath, "/already/resolved.jar");

        assertThat(ToolClasspath.ensure(tool)).isEqualTo(classpath);
        assertThat(Files.readString(classpath)).isEqualTo("/already/resolved.jar");
    }

    @Test
    void aMissingClasspathIsResolvedByTheToolsPom() throws IOException, InterruptedException {
        Files.writeString(tool.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.trainset.test</groupId>
                  <artifactId>tool</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>org.slf4j</groupId>
                      <artifactId>slf4j-api</artifactId>
                      <version>2.0.17</version>
                    </dependency>
                  </dependencies>
                </project>
                """);

        Path classpath = ToolClasspath.ensure(tool);

        assertThat(classpath).isEqualTo(tool.resolve("target").resolve("classpath.txt"));
        assertThat(Files.readString(classpath)).contains("slf4j-api-2.0.17.jar");
    }
}
