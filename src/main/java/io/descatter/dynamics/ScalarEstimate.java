package io.descatter.dynamics;

/** A scalar measured as the mean of K batch values, with standard error sd/√K. */
public record ScalarEstimate(double value, double error, int batches) {

    public static ScalarEstimate of(double[] batchValues) {
        int k = batchValues.length;
        double mean = 0;
        for (double v : batchValues) mean += v / k;
        double ss = 0;
        for (double v : batchValues) ss += (v - mean) * (v - mean);
        return new ScalarEstimate(mean, Math.sqrt(ss / (k - 1) / k), k);
    }

    /** Relative error |measured − predicted| / |predicted| beside its standard error ε̂ = se / |predicted|. */
    public Comparison compare(String name, double prediction, double floor) {
        double scale = Math.abs(prediction);
        return new Comparison(name, value, prediction, Math.abs(value - prediction) / scale, error / scale, floor);
    }
}
