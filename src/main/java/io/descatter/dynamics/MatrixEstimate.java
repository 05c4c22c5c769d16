package io.descatter.dynamics;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A matrix measured as the mean of K batch estimates, with the entrywise standard error sd/√K.
 *
 * @param value     mean over batches (rows x cols row-major)
 * @param error     entrywise standard error
 * @param batches   the batch estimates themselves, kept so that derived quantities get error bars too
 */
public record MatrixEstimate(double[] value, double[] error, int rows, int cols, List<double[]> batches) {

    public static MatrixEstimate of(List<double[]> batchValues, int rows) {
        int len = batchValues.get(0).length;
        int k = batchValues.size();
        double[] mean = new double[len];
        for (double[] b : batchValues) for (int i = 0; i < len; i++) mean[i] += b[i] / k;
        double[] se = new double[len];
        for (double[] b : batchValues)
            for (int i = 0; i < len; i++) {
                double d = b[i] - mean[i];
                se[i] += d * d;
            }
        for (int i = 0; i < len; i++) se[i] = Math.sqrt(se[i] / (k - 1) / k);
        return new MatrixEstimate(mean, se, rows, len / rows, List.copyOf(batchValues));
    }

    /** The same measurement after a linear map applied to every batch (e.g. a projection or a sub-block). */
    public MatrixEstimate map(UnaryOperator<double[]> linear, int newRows) {
        return of(batches.stream().map(linear).toList(), newRows);
    }

    /**
     * Compares with a prediction by the relative Frobenius error, whose batch-means standard error ε̂ is
     * ‖se‖_F / ‖prediction‖_F (the size of the Frobenius error that noise alone would produce).
     */
    public Comparison compare(String name, double[] prediction, double floor) {
        double num = 0;
        double den = 0;
        double err = 0;
        for (int i = 0; i < value.length; i++) {
            double d = value[i] - prediction[i];
            num += d * d;
            den += prediction[i] * prediction[i];
            err += error[i] * error[i];
        }
        return new Comparison(name, Math.sqrt(Linalg.frobeniusSquared(value)), Math.sqrt(den),
                Math.sqrt(num / den), Math.sqrt(err / den), floor);
    }
}
