package io.descatter.emsc;

/** When the ME-EMSC iteration stops (besides reaching the maximum number of iterations). */
public enum StopRule {
    /**
     * The MATLAB rule: after iteration k > 2, stop when the 4-decimal RMSE rose, or when it is equal for the
     * last three iterations. "Best" is the lowest unrounded RMSE (first one on ties).
     */
    MATLAB,
    /**
     * The tolerance rule of biospectools' TolStopCriterion: an iteration improves when its RMSE is below the
     * best one by more than {@code tolerance}; stop after more than {@code patience} iterations without
     * improvement. "Best" is the last improving iteration.
     */
    TOLERANCE
}
