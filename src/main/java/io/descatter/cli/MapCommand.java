package io.descatter.cli;

import io.descatter.chemistry.BandMap;
import io.descatter.chemistry.BandPreset;
import io.descatter.chemistry.BandQuantity;
import io.descatter.chemistry.MapRaster;
import io.descatter.chemistry.MapValues;
import io.descatter.report.ChemicalMap;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Draws a chemical map as PNG: one value per spectrum, placed at its pixel position, which the metadata "
                    + "columns map_x and map_y give (Quasar's names; image files carry them). The distinct positions make "
                    + "a regular grid; a position no spectrum has is a missing pixel. A file without map_x and map_y is "
                    + "refused (exit 3).",
            "",
            "The value is a band area above the straight line across its window (as evaluate measures bands), a ratio "
                    + "of two areas, three areas as red, green and blue, or a numeric metadata column. Band presets: "
                    + "amide-I 1600:1710, amide-II 1480:1600, amide-III 1180:1300, CH 2800:3010, phosphate 1000:1130, "
                    + "glycogen 1000:1060, lipid-ester 1710:1780 (cm⁻¹).",
            "",
            "One value is drawn in viridis with a colour bar in its unit, scaled from the 1st to the 99th percentile "
                    + "(or --range); an RGB composite scales each channel by its own 1st to 99th percentile. Pixels are as "
                    + "wide and high as the grid's spacings, largest map_y at the top (plot axes, as Quasar; docs/FORMATS.md, \"Pixel positions\"). Missing pixels (light grey) and "
                    + "spectra whose value is NaN (dark grey) are named in the legend with their counts.",
            "",
            "Examples:",
            "  descatter map image.csv --band amide-I -o amide.png",
            "      amide I band area (1600-1710 cm⁻¹)",
            "  descatter map image.csv --band 1600:1710 -o amide.png --values amide.csv",
            "      the same window given in cm⁻¹; its values also as map_x,map_y,value",
            "  descatter map image.csv --ratio phosphate/amide-I -o ratio.png",
            "      phosphate area over amide I area",
            "  descatter map image.csv --rgb amide-I,CH,phosphate -o rgb.png",
            "      proteins red, lipids green, nucleic acids blue",
            "  descatter map corrected.csv --column confidence_ood -o ood.png",
            "      the out-of-distribution score that correct writes (emsc writes emsc_rmse)",
            "  descatter map raw.csv --band amide-I --side-by-side corr.csv -o both.png",
            "      raw and corrected maps in two panels on one colour scale",
            "  descatter map tissue.dmt --band amide-I -o amide.png",
            "      an image file as it is (Agilent FPA mosaic; also ENVI .hdr, .bsp/.dat, .mat, .h5)",
            "  descatter correct section.hdr -o corr.h5 && descatter map section.hdr --band CH --side-by-side corr.h5 -o ch.png",
            "      an ENVI image and its correction side by side"
        })
final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "Spectra with map_x and map_y metadata columns (any file descatter reads).")
    String in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PNG", description = "The PNG image to write (this exact name).")
    Path output;

    @Option(names = "--band", paramLabel = "BAND",
            description = "Map a band's area: a preset (amide-I, amide-II, amide-III, CH, phosphate, glycogen, lipid-ester) "
                    + "or a window FROM:TO in cm⁻¹, e.g. 1600:1710.")
    String band;

    @Option(names = "--ratio", paramLabel = "A/B", description = "Map the ratio of two band areas, each a preset or a window: "
            + "phosphate/amide-I, 1000:1130/1600:1710.")
    String ratio;

    @Option(names = "--rgb", paramLabel = "R,G,B", description = "An RGB composite of three band areas (presets, windows or "
            + "ratios), e.g. amide-I,CH,phosphate; each channel scaled by its own 1st-99th percentile.")
    String rgb;

    @Option(names = "--column", paramLabel = "NAME", description = "Map a numeric metadata column, e.g. confidence_ood "
            + "(correct with a model that has confidence data) or emsc_rmse (emsc's fit RMSE).")
    String column;

    @Option(names = "--side-by-side", paramLabel = "OTHER", description = "A second file (e.g. the corrected spectra) "
            + "mapped the same way, drawn beside IN on the same colour scale.")
    String other;

    @Option(names = "--range", paramLabel = "LO:HI", description = "The colour scale's ends instead of the 1st and 99th "
            + "percentiles (not with --rgb).")
    String range;

    @Option(names = "--values", paramLabel = "CSV", description = "Also write IN's values, one row per spectrum in file "
            + "order: map_x,map_y,value (red,green,blue with --rgb).")
    String values;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that parse the input (default: all cores).")
    Integer threads;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        List<BandMap.Channel> channels = channels();
        boolean composite = channels.size() == 3;
        double[] fixed = range == null ? null : UsageException.range("--range", range);
        if (fixed != null && composite) throw new UsageException("--range sets one colour scale; --rgb scales each channel itself");
        if (fixed != null && !(fixed[0] < fixed[1])) throw new UsageException("--range needs LO < HI, got " + range);
        OutputTarget png = OutputTarget.of(output.toString());
        OutputTarget csv = values == null ? null : OutputTarget.of(values);
        List<String> files = new ArrayList<>(List.of(in));
        if (other != null) files.add(other);
        for (String f : files) {
            UsageException.requireDistinct(InputSource.of(f), png);
            if (csv != null) UsageException.requireDistinct(InputSource.of(f), csv);
        }
        if (csv != null && csv.isSameFileAs(InputSource.of(output.toString()))) {
            throw new UsageException(values + ": --values and -o name the same file");
        }
        int threads = UsageException.threads(this.threads);
        ReadOptions options = input.toReadOptions().withAllowMissing(true); // a spectrum with gaps is a NaN pixel, not an error
        List<ChemicalMap.Panel> panels = new ArrayList<>();
        MapValues first = null;
        for (String f : files) {
            MapValues mv;
            try (ConsoleProgress progress = ConsoleProgress.bytes("map")) {
                mv = BandMap.read(InputSource.of(f), options, channels, threads, progress);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage()); // a --column the file does not have
            }
            if (first == null) first = mv;
            panels.add(new ChemicalMap.Panel(f, mv.raster()));
        }
        try (OutputTarget valuesTarget = csv) {
            if (valuesTarget != null) {
                first.writeCsv(valuesTarget.open(), composite ? List.of("red", "green", "blue") : List.of("value"));
            }
            String summary;
            if (composite) {
                ChemicalMap.Scale[] scales = new ChemicalMap.Scale[3];
                for (int c = 0; c < 3; c++) scales[c] = ChemicalMap.Scale.percentiles(panels, c);
                ChemicalMap.writeRgb(output, title(channels), panels, scales);
                summary = "RGB, each channel its 1st-99th percentile";
            } else {
                ChemicalMap.Scale scale = fixed != null ? new ChemicalMap.Scale(fixed[0], fixed[1], "as given (--range)")
                        : ChemicalMap.Scale.percentiles(panels, 0);
                ChemicalMap.write(output, title(channels), panels, 0, scale, channels.get(0).unit());
                summary = String.format(Locale.ROOT, "colour scale %.6g to %.6g, %s", scale.low(), scale.high(), scale.origin());
            }
            if (valuesTarget != null) valuesTarget.commit();
            for (ChemicalMap.Panel p : panels) {
                MapRaster r = p.raster();
                spec.commandLine().getErr().printf("descatter: %s: %d × %d pixels, %d spectra, %d missing pixels, %d NaN values%n",
                        p.title(), r.width(), r.height(), r.spectra(), r.missing(), r.notANumber());
            }
            spec.commandLine().getErr().printf("descatter: wrote %s (%s)%s%n", output, summary,
                    valuesTarget == null ? "" : " and " + values);
        }
        return ExitCode.OK;
    }

    /** The one map the options ask for; exactly one of --band, --ratio, --rgb, --column. */
    private List<BandMap.Channel> channels() {
        int given = (band != null ? 1 : 0) + (ratio != null ? 1 : 0) + (rgb != null ? 1 : 0) + (column != null ? 1 : 0);
        if (given != 1) {
            throw new UsageException((given == 0 ? "say what to map" : "map one thing at a time") + ": one of --band, --ratio, "
                    + "--rgb, --column (band presets: " + BandPreset.names() + ")");
        }
        try {
            if (column != null) return List.of(BandMap.Channel.column(column));
            if (band != null) {
                if (band.contains("/")) throw new UsageException("--band is one band; a ratio is --ratio " + band);
                return List.of(BandMap.Channel.of(BandQuantity.parse(band)));
            }
            if (ratio != null) {
                if (!ratio.contains("/")) throw new UsageException("--ratio is A/B, e.g. phosphate/amide-I; got '" + ratio + "'");
                return List.of(BandMap.Channel.of(BandQuantity.parse(ratio)));
            }
            String[] parts = rgb.split(",", -1);
            if (parts.length != 3) throw new UsageException("--rgb takes three bands R,G,B, e.g. amide-I,CH,phosphate; got '" + rgb + "'");
            List<BandMap.Channel> c = new ArrayList<>();
            for (String p : parts) c.add(BandMap.Channel.of(BandQuantity.parse(p)));
            return c;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String title(List<BandMap.Channel> channels) {
        if (channels.size() == 3) {
            return "RGB: red " + channels.get(0).label() + ", green " + channels.get(1).label() + ", blue " + channels.get(2).label();
        }
        BandMap.Channel c = channels.get(0);
        if (c.column() != null) return c.column() + " (metadata column)";
        return c.label() + (c.quantity() instanceof BandQuantity.Ratio ? ": ratio of band areas" : ": band area above the line across the window");
    }
}
