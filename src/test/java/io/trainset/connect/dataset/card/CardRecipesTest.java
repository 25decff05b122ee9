package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.testing.Datasets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The card's recipes read every path level as a string, and explain the label window and censored rows. */
class CardRecipesTest {

    private static String loading(LayoutSpec layout) {
        CardContext context = Datasets.cardContext(
                "s3://ml/support", layout, DatasetShape.defaults().splitSpec(), Optional.empty(), false);
        StringBuilder md = new StringBuilder();
        CardRecipes.loading(md, context);
        return md.toString();
    }

    @Test
    void withTheDefaultLayoutTheLabelIsReadFromTheFilesAndOnlyTheSplitIsALevel() {
        String md = loading(LayoutSpec.defaults());

        assertThat(md)
                .contains("partitioning = true, union_by_name = true);")
                .contains("hive_schema={\"split\": pl.String}")
                .contains("parts = ds.partitioning(pa.schema([(\"split\", pa.string())]), flavor=\"hive\")")
                .contains("spark.read.option(\"mergeSchema\", \"true\").parquet(\"s3a://ml/support\")")
                .contains("\"train\": \"s3://ml/support/split=train/**/*.parquet\"")
                .doesNotContain("hive_types", "partitionColumnTypeInference");
    }

    @Test
    void withLabelDirectoriesEveryReaderIsToldToKeepTheLabelAString() {
        String md = loading(LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL));

        assertThat(md)
                .contains("union_by_name = true, hive_types = {'label': 'VARCHAR'});")
                .contains("hive_schema={\"split\": pl.String, \"label\": pl.String}")
                .contains("(\"split\", pa.string()), (\"label\", pa.string())")
                .contains("spark.conf.set(\"spark.sql.sources.partitionColumnTypeInference.enabled\", \"false\")");
    }

    @Test
    void theLabelWindowSectionNamesTheColumnsAndTheBiasOfDroppingCensoredRows() {
        StringBuilder md = new StringBuilder();
        CardRecipes.labelWindow(md);

        assertThat(md.toString())
                .contains("`label_deadline`", "`timed_out`", "censored at `label_deadline`", "Dropping timed-out rows")
                .contains("arXiv 2012.03245, 2202.06472");
    }
}
