package io.descatter.emsc;

/** Per-spectrum input checks shared by the correctors: a reason string, or null when the spectrum is usable. */
final class SpectrumChecks {
    private SpectrumChecks() {
    }

    static String problem(double[] spectrum) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : spectrum) {
            if (!Double.isFinite(v)) return "spectrum contains NaN or infinite values";
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) return "spectrum is constant (" + min + " everywhere): nothing to scale";
        return null;
    }

    static double rmse(double[] residuals) {
        double s = 0;
        for (double r : residuals) s += r * r;
        return Math.sqrt(s / residuals.length);
    }
}
