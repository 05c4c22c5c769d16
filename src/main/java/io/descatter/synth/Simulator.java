package io.descatter.synth;

import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;

/**
 * Makes training pairs (raw, truth) with known ground truth. Spectrum i draws everything from its own generator,
 * seeded from (seed, i), so a data set is identical for a seed whatever the number of threads or the order of work.
 */
public final class Simulator {
    /**
     * @param axis the wavenumber axis of every spectrum
     * @param types tissue types, drawn with equal probability
     * @param ranges distortion parameter ranges
     * @param jitter band jitter of the pure spectra
     * @param seed the data set's seed
     */
    public record Settings(WavenumberAxis axis, List<TissueType> types, DistortionRanges ranges,
            PureSpectrumGenerator.Jitter jitter, long seed, List<double[]> templates) {
        public Settings {
            if (types.isEmpty() && templates.isEmpty()) throw new IllegalArgumentException("at least one tissue type or template");
            types = List.copyOf(types);
            templates = List.copyOf(templates);
            for (double[] t : templates) {
                if (t.length != axis.size()) throw new IllegalArgumentException("templates must be on the simulation axis");
            }
        }

        /** Settings drawing from tissue types only. */
        public Settings(WavenumberAxis axis, List<TissueType> types, DistortionRanges ranges, PureSpectrumGenerator.Jitter jitter, long seed) {
            this(axis, types, ranges, jitter, seed, List.of());
        }
    }

    /**
     * One simulated spectrum: its raw (distorted) and true (pure) absorbance, its tissue type (null when made from
     * a template), a label ("stroma", "template-2") and the generating parameters.
     */
    public record Spectrum(long index, TissueType type, String label, double[] raw, double[] truth, double[] parameters) {
    }

    /** The default axis: the 1556-point 1000.89–3999.71 cm⁻¹ grid of measured cell spectra (mean spacing 1.9286). */
    public static WavenumberAxis defaultAxis() {
        double[] v = new double[1556];
        for (int i = 0; i < v.length; i++) v[i] = 1000.89 + i * (3999.71 - 1000.89) / 1555;
        return WavenumberAxis.of(v);
    }

    private final Settings settings;
    private final PureSpectrumGenerator pure;
    private final Distortion distortion;
    /** Non-null when the physics runs on a finer grid than the requested axis. */
    private final Resampler toAxis;
    /** The user's pure spectra on the physics axis, maximum 1. */
    private final List<double[]> templates;

    public Simulator(Settings settings) {
        this.settings = settings;
        WavenumberAxis physics = physicsAxis(settings.axis());
        this.pure = new PureSpectrumGenerator(physics, settings.jitter());
        this.distortion = new Distortion(physics, settings.ranges());
        this.toAxis = physics == settings.axis() ? null : Resampler.linear(physics, settings.axis());
        Resampler toPhysics = Resampler.linear(settings.axis(), physics);
        this.templates = settings.templates().stream().map(t -> PureSpectrumGenerator.unitMaximum(toPhysics.apply(t))).toList();
    }

    /**
     * The axis the physics runs on: the requested one, unless it is too coarse for Kramers–Kronig's padding of
     * 200 points with the edge spacing (which would reach zero or negative wavenumbers below ~1000 cm⁻¹ at
     * spacings of 5 cm⁻¹ and more); then a 2 cm⁻¹ grid over the same range, resampled onto the requested axis.
     */
    static WavenumberAxis physicsAxis(WavenumberAxis axis) {
        double edgeSpacing = Math.max(Math.abs(axis.get(1) - axis.get(0)), Math.abs(axis.get(axis.size() - 1) - axis.get(axis.size() - 2)));
        if (axis.min() - 200 * edgeSpacing > 0.25 * axis.min()) return axis;
        double step = Math.min(2, (axis.max() - axis.min()) / 16);
        WavenumberAxis grid = WavenumberAxis.regular(axis.min(), axis.max(), step);
        if (grid.covers(axis)) return grid;
        // the grid stops short of a maximum that is not on it: a slightly finer regular step that ends there (the
        // FFT Hilbert transform assumes even steps)
        double span = axis.max() - axis.min();
        return WavenumberAxis.regular(axis.min(), axis.max(), span / Math.ceil(span / step));
    }

    public Settings settings() { return settings; }

    /** Spectrum number {@code index} of the data set (0-based). */
    public Spectrum spectrum(long index) {
        Well19937c rng = new Well19937c(new int[] {(int) settings.seed(), (int) (settings.seed() >>> 32), (int) index, (int) (index >>> 32)});
        TissueType type = null;
        String label;
        PureSpectrumGenerator.PureSpectrum p;
        if (settings.templates().isEmpty()) {
            type = settings.types().get(rng.nextInt(settings.types().size()));
            label = type.label();
            p = pure.generate(type, rng);
        } else {
            int k = rng.nextInt(templates.size());
            label = "template-" + (k + 1);
            p = pure.fromTemplate(templates.get(k), rng);
        }
        double[] raw = new double[p.absorbance().length];
        double[] dist = distortion.apply(p.absorbance(), rng, raw);
        double[] truth = p.absorbance();
        if (toAxis != null) {
            raw = toAxis.apply(raw);
            truth = toAxis.apply(truth);
        }
        double[] params = new double[dist.length + Component.values().length];
        System.arraycopy(dist, 0, params, 0, dist.length);
        for (Component c : Component.values()) params[dist.length + c.ordinal()] = p.fractions().getOrDefault(c, 0.0);
        return new Spectrum(index, type, label, raw, truth, params);
    }

    /** Names of {@link Spectrum#parameters()}: the distortion parameters, then each component's fraction. */
    public static List<String> parameterNames() {
        List<String> names = new ArrayList<>(Distortion.PARAMETERS);
        for (Component c : Component.values()) names.add("f_" + c.name().toLowerCase(Locale.ROOT));
        return names;
    }
}
