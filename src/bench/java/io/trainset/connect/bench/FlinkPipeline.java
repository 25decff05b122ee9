package io.trainset.connect.bench;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline Trainset replaces, in its own JVM: Flink SQL, parallelism 1, a LEFT interval join of the two topics
 * (resolution within 7 days after the issue, 5 s of watermark delay as grace, event time = the record timestamp as
 * Trainset's default) written as snappy Parquet files, partitioned by label, a checkpoint (and so a file) every
 * {@code rotate} ms. Run with the classpath {@code src/bench/flink/pom.xml} resolves plus the bench's classes; it
 * calls Flink through its SQL entry points only (reflection), so the bench compiles without Flink. Args: bootstrap,
 * output directory, rotate ms, consumer group. Prints {@code RESULT <submitted ms> <finished ms> <cpu seconds>}.
 */
public final class FlinkPipeline {

    private FlinkPipeline() {}

    public static void main(String[] args) throws Exception {
        long cpu0 = MachineLoad.processCpuNanos(ProcessHandle.current().pid());
        Class<?> settingsClass = Class.forName("org.apache.flink.table.api.EnvironmentSettings");
        Object settings = settingsClass.getMethod("inStreamingMode").invoke(null);
        Object env = Class.forName("org.apache.flink.table.api.TableEnvironment")
                .getMethod("create", settingsClass)
                .invoke(null, settings);
        Object config = env.getClass().getMethod("getConfig").invoke(env);
        Method set = config.getClass().getMethod("set", String.class, String.class);
        set.invoke(config, "parallelism.default", "1");
        set.invoke(config, "execution.checkpointing.interval", args[2] + " ms");
        set.invoke(config, "execution.checkpointing.storage", "filesystem");
        set.invoke(
                config,
                "execution.checkpointing.dir",
                Path.of(args[1] + "-checkpoints").toUri().toString());
        Method sql = env.getClass().getMethod("executeSql", String.class);
        for (String ddl : tables(args[0], args[1], args[3])) {
            sql.invoke(env, ddl);
        }
        long submitted = System.currentTimeMillis();
        Object result = sql.invoke(env, INSERT);
        result.getClass().getMethod("await").invoke(result);
        long finished = System.currentTimeMillis();
        long cpu = MachineLoad.processCpuNanos(ProcessHandle.current().pid()) - cpu0;
        System.out.printf(Locale.ROOT, "RESULT %d %d %.3f%n", submitted, finished, cpu / 1e9);
        System.exit(0);
    }

    private static final String INSERT = "INSERT INTO rows_out SELECT s.id, s.title, s.description, s.product,"
            + " s.priority, s.customer.tier, CAST(s.ts AS TIMESTAMP_LTZ(3)), CAST(r.ts AS TIMESTAMP_LTZ(3)),"
            + " r.department"
            + " FROM submitted s"
            + " LEFT JOIN resolved r ON s.id = r.id AND r.ts BETWEEN s.ts AND s.ts + INTERVAL '7' DAY"
            + " WHERE s.id IS NOT NULL";

    private static List<String> tables(String bootstrap, String output, String group) {
        String kafka = "'connector'='kafka', 'properties.bootstrap.servers'='" + bootstrap + "',"
                + " 'properties.group.id'='" + group + "', 'scan.startup.mode'='earliest-offset',"
                + " 'scan.bounded.mode'='latest-offset', 'format'='json', 'json.ignore-parse-errors'='true'";
        String time = "ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', WATERMARK FOR ts AS ts - INTERVAL '5' SECOND";
        return List.of(
                "CREATE TABLE submitted (id STRING, title STRING, description STRING, product STRING, priority INT,"
                        + " customer ROW<tier STRING>, " + time + ") WITH (" + kafka + ", 'topic'='"
                        + EndToEndBenchmark.ISSUES + "')",
                "CREATE TABLE resolved (id STRING, department STRING, " + time + ") WITH (" + kafka + ", 'topic'='"
                        + EndToEndBenchmark.RESOLUTIONS + "')",
                "CREATE TABLE rows_out (id STRING, title STRING, description STRING, product STRING, priority INT,"
                        + " tier STRING, submitted_at TIMESTAMP_LTZ(3), resolved_at TIMESTAMP_LTZ(3),"
                        + " label STRING) PARTITIONED BY (label) WITH ('connector'='filesystem', 'path'='file://"
                        + output + "', 'format'='parquet', 'parquet.compression'='SNAPPY')");
    }
}
