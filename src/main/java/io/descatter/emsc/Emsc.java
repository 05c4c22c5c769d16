package io.descatter.emsc;

import io.descatter.spectra.BadInputException;

/**
 * Plain EMSC (Kohler et al. 2005): {@code Z = b·R + Σ h_i·I_i + Σ c_p·x^p + e}, with x the wavenumber mapped
 * linearly onto [−1, 1], optional interferent spectra I_i and optional least-squares weights. The corrected
 * spectrum is {@code (Z − Σ h_i·I_i − Σ c_p·x^p)/b}. Prepared once for an axis and a reference (the model is
 * factored in the constructor); {@link #correct} is thread-safe.
 */
public final class Emsc {
    private final double[][] columns;
    private final double[] weights;
    private final LeastSquares fit;

    /**
     * @param wavenumbers     the data axis in cm⁻¹ (monotonic)
     * @param reference       the reference on that axis
     * @param polynomialOrder 0 for a constant baseline, 2 for the usual quadratic, −1 for none
     * @param interferents    spectra on the axis whose contribution is removed (may be empty)
     * @param weights         least-squares weights per point, or null for unweighted
     * @throws BadInputException when the lengths differ
     * @throws SingularFitException when the model columns are dependent
     */
    public Emsc(double[] wavenumbers, double[] reference, int polynomialOrder, double[][] interferents, double[] weights) {
        int k = wavenumbers.length;
        if (reference.length != k) {
            throw new BadInputException("reference", 0, 0, "has " + reference.length + " points, the axis " + k);
        }
        if (polynomialOrder < -1) throw new IllegalArgumentException("polynomial order must be ≥ −1");
        if (weights != null && weights.length != k) {
            throw new BadInputException("weights", 0, 0, "has " + weights.length + " points, the axis " + k);
        }
        columns = new double[1 + interferents.length + polynomialOrder + 1][];
        columns[0] = reference.clone();
        for (int i = 0; i < interferents.length; i++) {
            if (interferents[i].length != k) {
                throw new BadInputException("interferent " + (i + 1), 0, 0,
                        "has " + interferents[i].length + " points, the axis " + k);
            }
            columns[1 + i] = interferents[i].clone();
        }
        double[] x = normalisedAxis(wavenumbers);
        for (int p = 0; p <= polynomialOrder; p++) {
            double[] col = new double[k];
            for (int i = 0; i < k; i++) col[i] = Math.pow(x[i], p);
            columns[1 + interferents.length + p] = col;
        }
        this.weights = weights == null ? null : weights.clone();
        fit = new LeastSquares(weighted(columns, this.weights));
    }

    /** The axis mapped linearly onto [−1, 1]: {@code (ν − mid)/halfRange}. */
    static double[] normalisedAxis(double[] wavenumbers) {
        int k = wavenumbers.length;
        double lo = Math.min(wavenumbers[0], wavenumbers[k - 1]);
        double hi = Math.max(wavenumbers[0], wavenumbers[k - 1]);
        double mid = (lo + hi) / 2;
        double half = (hi - lo) / 2;
        double[] x = new double[k];
        for (int i = 0; i < k; i++) x[i] = (wavenumbers[i] - mid) / half;
        return x;
    }

    private static double[][] weighted(double[][] columns, double[] weights) {
        if (weights == null) return columns;
        double[][] w = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) w[c] = times(columns[c], weights);
        return w;
    }

    private static double[] times(double[] a, double[] w) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] * w[i];
        return r;
    }

    public int terms() {
        return columns.length;
    }

    /** Corrects one spectrum; a spectrum that cannot be corrected gives a failed result (NaN values). */
    public EmscResult correct(double[] spectrum) {
        int k = columns[0].length;
        if (spectrum.length != k) throw new IllegalArgumentException("expected " + k + " values, got " + spectrum.length);
        String problem = SpectrumChecks.problem(spectrum);
        if (problem != null) return EmscResult.failed(k, terms(), problem);
        double[] beta = fit.solve(weights == null ? spectrum : times(spectrum, weights));
        double b = beta[0];
        if (b == 0 || !Double.isFinite(b)) return EmscResult.failed(k, terms(), "reference coefficient b is " + b);
        double[] corrected = new double[k];
        double[] residuals = new double[k];
        for (int i = 0; i < k; i++) {
            double others = 0;
            for (int c = 1; c < columns.length; c++) others += beta[c] * columns[c][i];
            corrected[i] = (spectrum[i] - others) / b;
            residuals[i] = spectrum[i] - others - b * columns[0][i];
        }
        return new EmscResult(corrected, residuals, beta, SpectrumChecks.rmse(residuals), null);
    }
}
