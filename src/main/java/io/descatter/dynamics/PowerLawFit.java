package io.descatter.dynamics;

/**
 * Least-squares line log y = a + slope · log x with the slope's standard error and 95 % confidence interval
 * (Student t with n − 2 degrees of freedom).
 */
public record PowerLawFit(double slope, double intercept, double slopeError, double ciLow, double ciHigh, int points) {

    public static PowerLawFit fit(double[] x, double[] y) {
        int n = x.length;
        if (n < 3) throw new IllegalArgumentException("a slope with an error bar needs at least 3 points, got " + n);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxx += dx * dx;
            sxy += dx * (Math.log(y[i]) - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.log(y[i]) - intercept - slope * Math.log(x[i]);
            rss += r * r;
        }
        double se = Math.sqrt(rss / (n - 2) / sxx);
        double t = StudentT.quantile(0.975, n - 2);
        return new PowerLawFit(slope, intercept, se, slope - t * se, slope + t * se, n);
    }
}
