package io.descatter.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * One parameter of an {@link SgdConfig} stepped over a list of values ({@code --sweep NAME=v1,v2,...}); everything
 * else stays as in the base configuration, the seed included, so each run sees the same teacher draw sequence.
 *
 * @param parameter the swept parameter
 * @param values    its values, in the order given
 */
public record SgdSweep(Parameter parameter, double[] values) {

    /** What a sweep can step. */
    public enum Parameter {
        LR("lr", "learning rate η"),
        BATCH("batch", "batch size B"),
        RATIO("ratio", "samples per input dimension N/d"),
        HIDDEN("hidden", "hidden width h");

        private final String key;
        private final String label;

        Parameter(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() { return key; }

        /** The axis label of a sweep figure. */
        public String label() { return label; }

        static Parameter of(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            switch (n) {
                case "lr", "eta", "η": return LR;
                case "batch", "b": return BATCH;
                case "ratio", "n/d", "samples-ratio": return RATIO;
                case "hidden", "h": return HIDDEN;
                default:
                    throw new IllegalArgumentException("--sweep: unknown parameter '" + name
                            + "'; use lr (alias eta), batch (B), ratio (N/d) or hidden (h)");
            }
        }
    }

    public SgdSweep {
        if (values.length < 2) throw new IllegalArgumentException("--sweep needs at least 2 values, got " + values.length);
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("--sweep " + parameter.key + ": values must be positive, got " + v);
            if ((parameter == Parameter.BATCH || parameter == Parameter.HIDDEN) && v != Math.rint(v))
                throw new IllegalArgumentException("--sweep " + parameter.key + ": values must be whole numbers, got " + v);
        }
    }

    /** Parses {@code NAME=v1,v2,...}. */
    public static SgdSweep parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("--sweep must read NAME=v1,v2,... (e.g. lr=0.01,0.02,0.04), got '" + spec + "'");
        Parameter p = Parameter.of(spec.substring(0, eq));
        String[] parts = spec.substring(eq + 1).split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sweep " + p.key + ": '" + parts[i].trim() + "' is not a number");
            }
        }
        return new SgdSweep(p, v);
    }

    /** The base configuration with the parameter set to {@code value}; the config's own checks apply. */
    public SgdConfig configFor(SgdConfig base, double value) {
        SgdConfig b = base;
        return switch (parameter) {
            case LR -> new SgdConfig(b.layers(), b.dim(), b.hidden(), b.outputs(), b.samples(), b.batch(), value, b.noise(),
                    b.steps(), b.burnIn(), b.seed(), b.engine(), b.sampling());
            case BATCH -> new SgdConfig(b.layers(), b.dim(), b.hidden(), b.outputs(), b.samples(), (int) value, b.eta(), b.noise(),
                    b.steps(), b.burnIn(), b.seed(), b.engine(), b.sampling());
            case RATIO -> {
                if (b.online()) throw new IllegalArgumentException("--sweep ratio needs --samples N (a finite training set), not online");
                yield new SgdConfig(b.layers(), b.dim(), b.hidden(), b.outputs(), (int) Math.round(value * b.dim()), b.batch(), b.eta(),
                        b.noise(), b.steps(), b.burnIn(), b.seed(), b.engine(), b.sampling());
            }
            case HIDDEN -> {
                if (b.layers() != 2) throw new IllegalArgumentException("--sweep hidden needs --layers 2");
                yield new SgdConfig(b.layers(), b.dim(), (int) value, b.outputs(), b.samples(), b.batch(), b.eta(), b.noise(),
                        b.steps(), b.burnIn(), b.seed(), b.engine(), b.sampling());
            }
        };
    }

    /** Every configuration of the sweep, checked before any run (a bad value is said at once, not after minutes). */
    public List<SgdConfig> configs(SgdConfig base) {
        List<SgdConfig> out = new ArrayList<>();
        for (double v : values) out.add(configFor(base, v));
        return out;
    }

    /** The value as written in folder names and tables: integers without a decimal point. */
    public String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * Runs every configuration.
     * @param progress receives the steps done over the whole sweep (recorded steps of all runs)
     */
    public List<SgdResult> run(SgdConfig base, LongConsumer progress) {
        List<SgdConfig> cfgs = configs(base);
        List<SgdResult> results = new ArrayList<>();
        long before = 0;
        for (SgdConfig c : cfgs) {
            long offset = before;
            results.add(SgdExperiment.run(c, progress == null ? null : done -> progress.accept(offset + done)));
            before += c.steps();
        }
        return results;
    }
}
