package io.descatter.emsc;

/**
 * The default reference weights of the MATLAB ME-EMSC (ME-EMSC.md §6):
 * {@code w(x) = SSF(2550, 3700, s) + SSF(−1000, 1900, s)} with the smoothed selection function
 * {@code SSF(lo, hi, s)(x) = (tanh((x−lo)/s)+1)/2} below the middle of [lo, hi] and
 * {@code (1 − tanh((x−hi)/s))/2} from the middle up, and {@code s = mean spacing / 0.094}.
 */
public final class MatlabReferenceWeights {
    private MatlabReferenceWeights() {
    }

    public static double[] on(double[] wavenumbers) {
        int k = wavenumbers.length;
        double meanSpacing = Math.abs(wavenumbers[k - 1] - wavenumbers[0]) / (k - 1);
        double s = meanSpacing / 0.094;
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            double x = wavenumbers[i];
            w[i] = smoothedSelection(x, 2550, 3700, s) + smoothedSelection(x, -1000, 1900, s);
        }
        return w;
    }

    static double smoothedSelection(double x, double lo, double hi, double s) {
        return x < (lo + hi) / 2 ? (Math.tanh((x - lo) / s) + 1) / 2 : (1 - Math.tanh((x - hi) / s)) / 2;
    }
}
