package io.trainset.connect.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the house (docs/architecture.md): dependencies point one way, the join is pure,
 * storage knows nothing of datasets, Connect's types stay at the edge, and only the root reads the
 * configuration (config/, which uses Kafka's config types only); and no main source file grows past
 * {@value #MAX_LINES} lines (classes by responsibility, docs/architecture.md).
 */
class ArchitectureTest {

    private static final String BASE = "io.trainset.connect";
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java", "io", "trainset", "connect");
    /** Lines a main source file may have: the developers' guide's "classes <= ~250 lines". */
    private static final int MAX_LINES = 250;

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theJoinImportsNothingButJavaAndTheModel() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".join..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", BASE + ".join..", BASE + ".model..")
                .check(main);
    }

    @Test
    void theModelImportsNothingButJava() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".model..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", BASE + ".model..")
                .check(main);
    }

    /** The metrics catalog and recorders sit beside the model: anything may record, they import only java.*. */
    @Test
    void theMetricsImportNothingButJava() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".metrics..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", BASE + ".metrics..")
                .check(main);
    }

    @Test
    void storageKnowsNothingOfDatasetsOrThePipeline() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        BASE + ".dataset..",
                        BASE + ".pipeline..",
                        BASE + ".state..",
                        BASE + ".join..",
                        BASE + ".record..",
                        BASE + ".parquet..")
                .check(main);
    }

    @Test
    void connectTypesStayInTheRootConfigRecordAndPipeline() {
        noClasses()
                .that()
                .resideOutsideOfPackages(BASE, BASE + ".config..", BASE + ".record..", BASE + ".pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(main);
    }

    @Test
    void theConfigUsesOnlyKafkasConfigTypes() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".config..")
                .should()
                .dependOnClassesThat(resideInAPackage("org.apache.kafka..")
                        .and(not(resideInAPackage("org.apache.kafka.common.config.."))))
                .check(main);
    }

    @Test
    void onlyTheRootKnowsTheConfig() {
        noClasses()
                .that()
                .resideOutsideOfPackages(BASE, BASE + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".config..")
                .check(main);
    }

    @Test
    void theMiddleLayerDependsOnlyDownward() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        BASE + ".output..",
                        BASE + ".record..",
                        BASE + ".join..",
                        BASE + ".dataset..",
                        BASE + ".state..",
                        BASE + ".parquet..",
                        BASE + ".storage..",
                        BASE + ".model..",
                        BASE + ".metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".pipeline..", BASE + ".config..")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage(BASE)
                .check(main);
    }

    @Test
    void theOutputSeamSitsBetweenThePipelineAndWhatItPublishes() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        BASE + ".record..",
                        BASE + ".join..",
                        BASE + ".dataset..",
                        BASE + ".state..",
                        BASE + ".parquet..",
                        BASE + ".storage..",
                        BASE + ".model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".output..")
                .check(main);
        noClasses()
                .that()
                .resideInAPackage(BASE + ".output..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".join..", BASE + ".record..", BASE + ".parquet..")
                .check(main);
    }

    /** Iceberg's API is one output's business: the pipeline, the config and the rest of the seam never see it. */
    @Test
    void icebergStaysInItsOutput() {
        noClasses()
                .that()
                .resideOutsideOfPackage(BASE + ".output.iceberg..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.iceberg..")
                .check(main);
    }

    @Test
    void theDatasetWriterKnowsParquetOnlyThroughItsFileFormat() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".dataset..")
                .and()
                .haveNameNotMatching(".*\\.dataset\\.ParquetFormat(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".parquet..")
                .check(main);
    }

    @Test
    void siblingsOfTheMiddleLayerDoNotKnowEachOther() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".record..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".join..", BASE + ".dataset..", BASE + ".state..", BASE + ".parquet..")
                .check(main);
        noClasses()
                .that()
                .resideInAnyPackage(BASE + ".dataset..", BASE + ".parquet..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".join..", BASE + ".record..", BASE + ".state..")
                .check(main);
        noClasses()
                .that()
                .resideInAPackage(BASE + ".state..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".join..", BASE + ".record..", BASE + ".dataset..", BASE + ".parquet..")
                .check(main);
    }

    @Test
    void mainSourceFilesHaveAtMost250Lines() throws IOException {
        Map<String, Long> over = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                long lines = lines(file);
                if (lines > MAX_LINES) {
                    over.put(MAIN_SOURCES.relativize(file).toString().replace('\\', '/'), lines);
                }
            });
        }
        assertThat(over)
                .as("main source files over %d lines (with their lines): split them by responsibility", MAX_LINES)
                .isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
