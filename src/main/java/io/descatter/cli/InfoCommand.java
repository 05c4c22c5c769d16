package io.descatter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.descatter.spectra.RepeatedSpectra;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.SpectraSummary;
import io.descatter.spectra.io.TableSchema;
import io.descatter.model.ModelMetadata;
import io.descatter.model.ModelStore;
import io.descatter.util.Counted;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Describes a spectra file: layout (an image's size, format and pixel grid), number of spectra, wavenumber "
                    + "axis (range, points, spacing, direction), metadata columns, missing values and spectra that repeat an earlier one exactly (an export or copy error: they "
                    + "count more than once in any statistic), and for corrected spectra how many each flag "
                    + "(ood_flag, scattering_flag, background_flag, noise_flag, refine_flag) marks; or a model (.zip): its "
                    + "axis, normalisation, architecture, training provenance, validation metrics and checksum.",
            "",
            "Examples:",
            "  descatter info data-samples/sim_raw.csv.gz",
            "  descatter info corrected.csv    (a correct output: its flags counted)",
            "  descatter info section.hdr      (an ENVI image: by its header or its data file)",
            "  descatter info tissue.dmt       (an Agilent FPA mosaic; a tile by its .bsp or .dat)",
            "  descatter info spectra.mat      (MATLAB; also OPUS files, HDF5 .h5, Parquet files and folders)"
        })
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Spectra file (" + SpectraFiles.READ + "; or - for standard input) "
            + "or model (.zip). Several spectra files are described as the one table correct and convert make of them.")
    List<String> files;

    /** The input as named in the output (several files: "a.0, b.0 and 98 more files"). */
    private String file;

    @Mixin
    InputOptions input;

    @Option(names = "--json", description = "Print the description as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        InputSource source = UsageException.inputs(files);
        file = source.name();
        if (files.size() == 1 && file.endsWith(".zip")) return describeModel();
        SpectraSummary s;
        try (ConsoleProgress progress = ConsoleProgress.bytes("info")) {
            s = SpectraSummary.of(source, input.toReadOptions(), progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> d = describe(s);
        if (s.schema().image() != null) d.put("image", imageFields(s.schema().image(), imageFormat()));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d));
        } else {
            TableSchema schema = s.schema();
            WavenumberAxis a = schema.axis();
            out.printf(Locale.ROOT, "file:      %s%n", file);
            if (schema.image() != null) {
                out.printf(Locale.ROOT, "image:     %s%n", imageLine(schema.image(), imageFormat()));
            } else {
                out.printf(Locale.ROOT, "layout:    %s, %s-delimited%s%n", schema.layout().label(), TableSchema.delimiterName(schema.delimiter()),
                        schema.decimalMark() == ',' ? ", decimal comma" : "");
            }
            out.printf(Locale.ROOT, "spectra:   %d%n", s.spectra());
            out.printf(Locale.ROOT, "axis:      %d points, %s to %s cm-1, %s%n", a.size(), a.get(0), a.get(a.size() - 1),
                    a.isAscending() ? "ascending" : "descending");
            out.printf(Locale.ROOT, "spacing:   %s, mean %.4g cm-1 (%.4g to %.4g)%n", a.isRegular(1e-3) ? "regular" : "irregular",
                    a.meanSpacing(), a.minSpacing(), a.maxSpacing());
            List<MetaColumn> meta = schema.meta();
            out.printf(Locale.ROOT, "metadata:  %d column%s%s%n", meta.size(), meta.size() == 1 ? "" : "s",
                    meta.isEmpty() ? "" : ": " + String.join(", ", meta.stream().map(MetaColumn::name).toList()));
            out.printf(Locale.ROOT, "values:    %s to %s%n", s.minValue(), s.maxValue());
            out.printf(Locale.ROOT, "missing:   %s in %s%n", Counted.of(s.missing(), "NaN value", "NaN values"),
                    Counted.spectra(s.rowsWithMissing()));
            out.printf(Locale.ROOT, "repeated:  %s%n", repeatedLine(s.repeated()));
            if (!s.flagged().isEmpty()) {
                out.printf(Locale.ROOT, "flagged:   %s%n", String.join(", ", s.flagged().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %d (%.1f %%)", e.getKey(), e.getValue(),
                                s.spectra() == 0 ? 0.0 : 100.0 * e.getValue() / s.spectra())).toList()));
            }
        }
        return ExitCode.OK;
    }

    /** A model zip: its metadata (axis, normalisation, architecture, provenance, validation metrics, checksum). */
    private int describeModel() throws java.io.IOException {
        ModelMetadata m = ModelStore.readMetadata(Path.of(file));
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            WavenumberAxis a = WavenumberAxis.of(m.axis());
            out.printf(Locale.ROOT, "model:        %s%n", file);
            out.printf(Locale.ROOT, "network:      %s (%s)%n", m.architecture().description(), m.architecture().precision());
            out.printf(Locale.ROOT, "axis:         %s%n", a.describe());
            out.printf(Locale.ROOT, "input:        %s%n", m.inputNormalisation());
            out.printf(Locale.ROOT, "output:       %s%n", m.output());
            out.printf(Locale.ROOT, "validation:   %s%n", String.join(", ", m.validation().entrySet().stream()
                    .map(e -> ModelStore.isCount(e.getValue()) ? e.getKey() + " " + e.getValue().longValue()
                            : String.format(Locale.ROOT, "%s %.5g", e.getKey(), e.getValue())).toList()));
            out.printf(Locale.ROOT, "trained:      %s by descatter %s%n", m.created(), m.descatterVersion());
            io.descatter.model.Confidence c = ModelStore.readConfidence(Path.of(file));
            out.printf(Locale.ROOT, "confidence:   %s%n", c == null
                    ? "none (correct writes no confidence_ood; retrain, or train --confidence-only with its raw training file)"
                    : String.format(Locale.ROOT, "out-of-distribution score on %d principal components of the training inputs, "
                            + "flag above %s", c.k(), io.descatter.spectra.io.DoubleFormatter.exact().format(c.threshold())));
            out.println("full metadata:");
            out.println(ModelStore.toJsonWithoutAxisValues(m));
            return ExitCode.OK;
        }
        out.println(ModelStore.toJson(m));
        return ExitCode.OK;
    }

    private String imageFormat() {
        io.descatter.spectra.image.ImageFormats.Reading f = io.descatter.spectra.image.ImageFormats.readingFormatOf(java.nio.file.Path.of(file));
        return f == null ? "image" : f.name();
    }

    /** "20 x 15 pixels, ENVI, pixel 5.5 x 5.5 um from (10, 20)". */
    static String imageLine(io.descatter.spectra.image.ImageShape shape, String format) {
        io.descatter.spectra.image.PixelGrid g = shape.grid();
        if (g == null && shape.width() == 1) {
            return String.format(Locale.ROOT, "a list of %d %s, %s", shape.height(), shape.height() == 1 ? "spectrum" : "spectra", format);
        }
        io.descatter.spectra.io.DoubleFormatter f = io.descatter.spectra.io.DoubleFormatter.exact();
        String grid = g == null ? "" : g.unit().isEmpty() && g.xSize() == 1 && Math.abs(g.ySize()) == 1
                ? String.format(Locale.ROOT, ", map_x/map_y pixel indices from (%s, %s)", f.format(g.xStart()), f.format(g.yStart()))
                : String.format(Locale.ROOT, ", pixel %s x %s %s from (%s, %s)", f.format(g.xSize()), f.format(g.ySize()), g.unit(),
                        f.format(g.xStart()), f.format(g.yStart()));
        return String.format(Locale.ROOT, "%d x %d pixels, %s%s", shape.width(), shape.height(), format, grid);
    }

    private static Map<String, Object> imageFields(io.descatter.spectra.image.ImageShape shape, String format) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("width", shape.width());
        m.put("height", shape.height());
        if (shape.grid() != null) m.put("grid", shape.grid());
        return m;
    }

    /** "none", or how many spectra repeat an earlier one exactly and which (1-based, in file order). */
    static String repeatedLine(RepeatedSpectra.Result r) {
        if (!r.any()) return "none (no spectrum repeats an earlier one's values)";
        String examples = r.examples().stream().map(p -> "spectrum " + (p.later() + 1) + " = " + (p.earlier() + 1))
                .collect(java.util.stream.Collectors.joining(", "));
        return Counted.of(r.repeats(), "spectrum repeats", "spectra repeat") + " an earlier one's values exactly (" + examples
                + (r.repeats() > r.examples().size() ? ", ..." : "") + "; numbered from 1 in file order): each repeat counts once more in any statistic";
    }

    static Map<String, Object> describe(SpectraSummary s) {
        TableSchema schema = s.schema();
        WavenumberAxis a = schema.axis();
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("points", a.size());
        axis.put("first", a.get(0));
        axis.put("last", a.get(a.size() - 1));
        axis.put("direction", a.isAscending() ? "ascending" : "descending");
        axis.put("regular", a.isRegular(1e-3));
        axis.put("meanSpacing", a.meanSpacing());
        axis.put("minSpacing", a.minSpacing());
        axis.put("maxSpacing", a.maxSpacing());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layout", schema.layout().label());
        d.put("delimiter", String.valueOf(schema.delimiter()));
        d.put("decimalMark", String.valueOf(schema.decimalMark()));
        d.put("spectra", s.spectra());
        d.put("axis", axis);
        d.put("metadata", schema.meta().stream().map(MetaColumn::name).toList());
        if (!s.flagged().isEmpty()) d.put("flagged", s.flagged());
        d.put("missingValues", s.missing());
        d.put("spectraWithMissingValues", s.rowsWithMissing());
        d.put("repeatedSpectra", s.repeated().repeats());
        d.put("repeatExamples", s.repeated().examples().stream().map(p -> List.of(p.earlier() + 1, p.later() + 1)).toList());
        d.put("minValue", Double.isNaN(s.minValue()) ? null : s.minValue());
        d.put("maxValue", Double.isNaN(s.maxValue()) ? null : s.maxValue());
        return d;
    }
}
