package io.descatter.spark;

import io.descatter.model.BatchCorrection;
import io.descatter.model.ModelFormatException;
import io.descatter.model.ShippedModels;
import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.InputUnit;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The spark-submit entry point: {@code descatter-spark correct|emsc|convert IN OUT}. Exit codes as the CLI's: 0 ok,
 * 1 failure, 2 usage, 3 bad input data, 4 model/axis mismatch.
 */
@Command(name = "descatter-spark", mixinStandardHelpOptions = true,
        subcommands = {DescatterSpark.Correct.class, DescatterSpark.Emsc.class, DescatterSpark.Convert.class},
        description = {"descatter on Apache Spark: correct, ME-EMSC and convert spectra at scale (docs/SPARK.md).",
            "",
            "IN: Parquet (a .parquet file or folder: the float array column 'spectrum', the wavenumbers in its metadata, "
                    + "any other columns passed through), or files descatter reads (a file, a folder of them or a glob; one file per "
                    + "task): CSV in its layouts, or images (ENVI, Agilent, ... as 'descatter correct' reads them), each with its "
                    + "companion files (an ENVI header with its data, an Agilent mosaic with its tiles), its pixels as rows with "
                    + "map_x, map_y and image (the image's file). OUT: Parquet, or CSV (wide layout) when it ends in .csv, .csv.gz or .tsv; a folder of "
                    + "part files committed by Spark (a task run again after an executor loss writes no row twice).",
            "",
            "Examples:",
            "  spark-submit --class io.descatter.spark.DescatterSpark descatter-spark.jar correct slides.parquet corrected.parquet --model descatter-default.zip",
            "  spark-submit ... descatter-spark.jar emsc cells.parquet emsc.parquet --reference matrigel.csv",
            "  spark-submit ... descatter-spark.jar convert 'scans/*.csv.gz' scans.parquet"})
public final class DescatterSpark {
    private static final String MIN_PARTITIONS = "spark.sql.files.minPartitionNum";
    static final int OK = 0, FAILURE = 1, USAGE = 2, BAD_INPUT = 3, MISMATCH = 4;

    private DescatterSpark() {
    }

    public static void main(String[] args) {
        int code = execute(args);
        if (code != OK) System.exit(code);
    }

    /** Runs a command and returns its exit code (the Spark session is left open for the caller). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(DescatterSpark.class);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> report(ex));
        return cl.execute(args);
    }

    private static int report(Exception ex) {
        Throwable t = ex;
        while (t != null) {
            if (t instanceof BadInputException) return say(BAD_INPUT, t.getMessage());
            if (t instanceof AxisMismatchException || t instanceof ModelFormatException) return say(MISMATCH, t.getMessage());
            if (t instanceof IllegalArgumentException) return say(USAGE, t.getMessage());
            if (t instanceof AnalysisException a) {
                boolean exists = a.getMessage().contains("already exists");
                return say(exists ? USAGE : BAD_INPUT, a.getSimpleMessage());
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        ex.printStackTrace();
        return say(FAILURE, String.valueOf(ex.getMessage()));
    }

    private static int say(int code, String message) {
        System.err.println("descatter-spark: " + message);
        return code;
    }

    /** The session spark-submit configured; run without one (java -cp), local on all cores. */
    static SparkSession session(String name) {
        SparkSession.Builder b = SparkSession.builder().appName("descatter-spark " + name);
        if (!new SparkConf().contains("spark.master")) b.master("local[*]");
        SparkSession spark = b.getOrCreate();
        // Parquet input split into at least 3 tasks per core (Spark's default is one per core), so that partitions of
        // unequal size (files of uneven row groups) do not leave cores idle at the end; large inputs keep 128 MB splits.
        if (!spark.conf().contains(MIN_PARTITIONS)) {
            spark.conf().set(MIN_PARTITIONS, 3L * spark.sparkContext().defaultParallelism());
        }
        return spark;
    }

    static Dataset<Row> read(SparkSession spark, String in, ReadOptions options) throws IOException {
        return SpectraSources.isParquet(spark, in) ? SpectraSources.parquet(spark, in) : SpectraSources.files(spark, in, options);
    }

    /**
     * Writes the corrected frame (the job runs here) and tells the summary: timed, as the CLI's commands are, from the
     * input opened and the model or reference ready to the last row committed.
     */
    static void writeAndSummarise(SparkCorrection.Corrected c, BadRows bad, String out, String what, String target) throws IOException {
        long start = System.nanoTime();
        SpectraSinks.write(c.frame(), out);
        long written = c.corrected().value() + (bad == BadRows.NULL ? c.badRows().value() : 0);
        summary(what, written, c.badRows().value(), bad, (System.nanoTime() - start) / 1e9, target);
    }

    static void summary(String what, long spectra, long bad, BadRows onBadRow, double seconds, String out) {
        System.err.printf(Locale.ROOT, "descatter-spark: %s %d spectra in %.1f s (%.0f spectra/s) -> %s%s%n", what, spectra, seconds,
                spectra / seconds, out, bad == 0 ? "" : String.format(Locale.ROOT, "; %d bad rows %s", bad,
                        onBadRow == BadRows.SKIP ? "left out" : "written with a null spectrum"));
    }

    @Command(name = "correct", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Corrects spectra with a trained network, as 'descatter correct' does (same code, same numbers).",
                "The model file is read on the driver and broadcast: each executor loads it once.",
                "IN: Parquet, CSV files or a folder of images (ENVI, Agilent, ...) as 'descatter correct' reads them.",
                "",
                "Examples:",
                "  spark-submit --class io.descatter.spark.DescatterSpark descatter-spark.jar correct slides.parquet out.parquet --model descatter-default.zip",
                "  ... correct 'scans/*.csv' corrected.parquet --model m.zip --on-bad-row skip",
                "  ... correct slides/ corrected.parquet --model m.zip",
                "      (a folder of images, one per task: x.hdr + x.img, y.dmt + y_0000_0000.dmd ...; rows get map_x, map_y, image)",
                "  ... correct cells.parquet corrected.csv --model m.zip --input-unit transmittance --allow-nan"})
    static final class Correct implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN") String in;
        @Parameters(index = "1", paramLabel = "OUT") String out;
        @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: the shipped model the input's axis covers best).")
        Path model;
        @Option(names = "--on-bad-row", paramLabel = "WHAT", defaultValue = "fail", description = "fail (default: the job fails naming "
                + "the file and row), skip (left out, counted) or null (written with a null spectrum, counted): a row without a spectrum, "
                + "with another number of values than the axis, or with a value that is not a number (without --allow-nan).")
        String onBadRow;
        @Option(names = "--batch", paramLabel = "N", defaultValue = "1024", description = "Spectra per network call (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--input-unit", paramLabel = "UNIT", description = "absorbance, transmittance or percent-transmittance (default: checked to be absorbance).")
        String unit;
        @Option(names = "--allow-nan", description = "Fill NaN and empty values by linear interpolation along the axis.")
        boolean allowNan;
        @Option(names = "--max-missing", paramLabel = "SHARE", defaultValue = "0.1", description = "With --allow-nan: the largest share filled (default: ${DEFAULT-VALUE}).")
        double maxMissing;
        @Option(names = "--refine", description = "Refine every correction by ME-EMSC with it as the reference, as 'descatter correct "
                + "--refine' (band ratios kept; about 17 ms per spectrum and core; adds corrected_by, refine_change, refine_rmse, refine_flag).")
        boolean refine;
        @Option(names = "--baseline", paramLabel = "METHOD", defaultValue = "auto", description = "As 'descatter correct "
                + "--baseline': auto (default) subtracts each correction's baseline through 1800-2000 and 3800-4000 cm-1 where "
                + "the model's axis has both windows; band-free always; none: the network's output as it is.")
        String baseline;

        @Option(names = "--output-axis", paramLabel = "AXIS", defaultValue = "model", description = "model (default) or input.")
        String outputAxis;

        @Override
        public Integer call() throws Exception {
            BadRows bad = BadRows.parse(onBadRow);
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
            BatchCorrection.OutputAxis axis = switch (outputAxis.toLowerCase(Locale.ROOT)) {
                case "model" -> BatchCorrection.OutputAxis.MODEL;
                case "input" -> BatchCorrection.OutputAxis.INPUT;
                default -> throw new IllegalArgumentException("--output-axis must be model or input, not '" + outputAxis + "'");
            };
            InputUnit u = unit == null ? null : InputUnit.of(unit);
            io.descatter.model.BandFreeBaseline.Choice baselineChoice = io.descatter.model.BandFreeBaseline.Choice.parse(baseline);
            SparkSession spark = session("correct");
            Dataset<Row> frame = read(spark, in, ReadOptions.defaults());
            Path m = model != null ? model : ShippedModels.choose(in, SpectraFrame.axis(frame));
            SparkCorrection.Options o = new SparkCorrection.Options(batch, bad, u, allowNan, maxMissing, axis, refine, baselineChoice);
            SparkCorrection.Corrected c = SparkCorrection.correct(frame, ModelBroadcast.of(m), o);
            writeAndSummarise(c, bad, out, "corrected", out + " with " + m.getFileName());
            return OK;
        }
    }

    @Command(name = "emsc", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Corrects spectra by ME-EMSC (the defaults of 'descatter emsc'), one spectrum at a time on every core.",
                "Adds emsc_iterations, emsc_rmse and emsc_failure; a spectrum that cannot be corrected is NaN with its reason.",
                "",
                "Example:",
                "  spark-submit --class io.descatter.spark.DescatterSpark descatter-spark.jar emsc cells.parquet emsc.parquet --reference matrigel.csv"})
    static final class Emsc implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN") String in;
        @Parameters(index = "1", paramLabel = "OUT") String out;
        @Option(names = "--reference", required = true, paramLabel = "REF", description = "Reference spectrum (a local CSV file, any layout, one spectrum).")
        Path reference;
        @Option(names = "--components", paramLabel = "N", defaultValue = "0", description = "Mie components (default: by explained variance).")
        int components;
        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "0", description = "Iterations at most (default: ME-EMSC's).")
        int maxIter;
        @Option(names = "--on-bad-row", paramLabel = "WHAT", defaultValue = "fail", description = "fail (default), skip or null, as for correct.")
        String onBadRow;

        @Override
        public Integer call() throws Exception {
            BadRows bad = BadRows.parse(onBadRow);
            double[][] ref = readReference(reference);
            SparkSession spark = session("emsc");
            SparkCorrection.Corrected c = SparkEmsc.correct(read(spark, in, ReadOptions.defaults()), ref[0], ref[1], components, maxIter, bad);
            writeAndSummarise(c, bad, out, "corrected by ME-EMSC", out);
            return OK;
        }

        private static double[][] readReference(Path file) throws IOException {
            try (SpectraReader reader = SpectraReader.open(InputSource.of(file), ReadOptions.defaults())) {
                SpectraChunk chunk = reader.newChunk(2);
                if (reader.read(chunk) != 1) throw new BadInputException(file.toString(), 0, 0, "holds no spectrum or more than one; give one");
                return new double[][] {reader.schema().axis().values(), Arrays.copyOf(chunk.values(), chunk.points())};
            }
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Converts spectra between CSV (the layouts descatter reads; written wide) and Parquet (docs/SPARK.md, \"Layout\").",
                "The direction follows the names: OUT ending in .csv, .csv.gz or .tsv is CSV, else Parquet.",
                "",
                "Examples:",
                "  descatter-spark convert cells.csv.gz cells.parquet          (java -cp descatter-spark.jar:SPARK_JARS, local)",
                "  spark-submit --class io.descatter.spark.DescatterSpark descatter-spark.jar convert 'scans/*.csv' scans.parquet",
                "  spark-submit ... descatter-spark.jar convert corrected.parquet corrected.csv"})
    static final class Convert implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN") String in;
        @Parameters(index = "1", paramLabel = "OUT") String out;
        @Option(names = "--files", paramLabel = "N", description = "Part files of the output, in input order (default: "
                + "the cluster's default parallelism, so that every core has a part to correct).")
        Integer files;

        @Override
        public Integer call() throws Exception {
            if (files != null && files < 1) throw new IllegalArgumentException("--files must be at least 1");
            SparkSession spark = session("convert");
            long start = System.nanoTime();
            var written = spark.sparkContext().longAccumulator("descatter: rows written");
            int n = files != null ? files : spark.sparkContext().defaultParallelism();
            Dataset<Row> frame = read(spark, in, ReadOptions.defaults());
            // ranges of (file, row): part i holds rows before part i+1's, each in order
            var file = org.apache.spark.sql.functions.col(SpectraFrame.SOURCE_FILE);
            var row = org.apache.spark.sql.functions.col(SpectraFrame.SOURCE_ROW);
            frame = SpectraFrame.keepAxis(frame.repartitionByRange(n, file, row).sortWithinPartitions(file, row), SpectraFrame.axis(frame));
            SpectraSinks.write(Counting.count(frame, written), out);
            summary("converted", written.value(), 0, BadRows.FAIL, (System.nanoTime() - start) / 1e9, out);
            return OK;
        }
    }
}
