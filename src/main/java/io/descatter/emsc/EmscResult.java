package io.descatter.emsc;

import java.util.Arrays;

/**
 * One spectrum corrected by plain EMSC.
 *
 * @param corrected    {@code (Z − Σ non-reference terms)/b}, or NaN when the fit failed
 * @param residuals    {@code Z − X·β}
 * @param coefficients β in model order: b (reference), the interferents, then the polynomial from order 0 up
 * @param rmse         {@code sqrt(mean(residuals²))}
 * @param failure      why the spectrum could not be corrected, or null
 */
public record EmscResult(double[] corrected, double[] residuals, double[] coefficients, double rmse, String failure) {

    public boolean failed() {
        return failure != null;
    }

    static EmscResult failed(int points, int terms, String reason) {
        double[] nanPoints = new double[points];
        Arrays.fill(nanPoints, Double.NaN);
        double[] nanTerms = new double[terms];
        Arrays.fill(nanTerms, Double.NaN);
        return new EmscResult(nanPoints, nanPoints.clone(), nanTerms, Double.NaN, reason);
    }
}
