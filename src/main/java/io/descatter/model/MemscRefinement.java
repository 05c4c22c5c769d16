package io.descatter.model;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.emsc.MeEmscResult;

/**
 * The network's correction refined by the physics: ME-EMSC (MATLAB defaults) corrects the raw spectrum with the
 * network's own correction of it as the reference, and the result keeps the network's broad shape and takes its fine
 * structure (bands and what is left of the resonant ripples) from ME-EMSC.
 *
 * <p>Why: the network draws the broad shape, the scattering, well on any chemistry, but the fine structure it removes as
 * resonant ripples comes from the simulator's chemistry and is partly wrong on real cells (docs/MODEL.md, "Real
 * chemistry"). ME-EMSC computes the ripples from the reference's own bands by Kramers–Kronig and Mie theory; with a
 * generic reference it pulls every spectrum towards that reference, with the network's correction of the same
 * spectrum as the reference it has no such pull. The broad shape stays the network's: ME-EMSC's polynomial and Mie
 * terms bend it more than the network does.
 *
 * <p>Cost: one ME-EMSC fit per spectrum (about 17 ms on one core), a thousand times the network's. Thread-safe.
 */
public final class MemscRefinement {
    /** What {@link BatchCorrection#BY_COLUMN} says of a refined spectrum. */
    public static final String NAME = "network+memsc";

    /**
     * Above this RMSE of the ME-EMSC fit (absorbance units of the raw spectrum) a refined correction is flagged
     * ({@value BatchCorrection#FIT_FLAG_COLUMN}): the 95th percentile of the fit's RMSE among the refined corrections
     * with r ≥ 0.99 of a simulator-only set with chemistry unlike the band library's (docs/MODEL.md, "Refinement").
     * An absolute level: it suits spectra of the simulator's and the measured cells' absorbance (at amide I 0.03–2.5 and
     * 0.01–0.6).
     */
    public static final double RMSE_THRESHOLD = 0.0024;

    /**
     * CPU seconds one refinement takes, about (an ME-EMSC fit of a 1556-point spectrum: 15-20 ms per spectrum and core
     * on the 2-core AMD EPYC of docs/MODEL.md's figures), for estimates told to the user.
     */
    public static final double SECONDS_PER_SPECTRUM = 0.017;

    private final double[] axis;
    private final DetailPassThrough detail;
    private final MeEmscOptions options;

    /**
     * @param axis the model's axis, on which the raw spectra and the corrections are given
     * @param detail the split into broad shape and detail: the model's own pass-through where it has one
     */
    public MemscRefinement(double[] axis, DetailPassThrough detail) {
        this.axis = axis.clone();
        this.detail = detail;
        this.options = MeEmscOptions.defaults();
    }

    /** The split a model without a pass-through is refined with: the shipped models' (a Gaussian of about 97 cm⁻¹ on the 1.93 cm⁻¹ grid). */
    public static DetailPassThrough detailOf(CorrectionModel model) {
        return model.metadata().detail() != null ? model.metadata().detail() : new DetailPassThrough(101);
    }

    /** Whether {@code model}'s corrections can be refined: it has the confidence data (pass-through and share) refining needs. */
    public static boolean canRefine(CorrectionModel model) {
        return model.metadata().detail() != null && model.metadata().scatteringShare() != null;
    }

    /** The refinement of {@code model}'s corrections as the step of a batch correction: every row, {@value #NAME}. */
    public static BatchCorrection.Fallback forEveryRow(CorrectionModel model) {
        return BatchCorrection.Fallback.of(NAME, true, new MemscRefinement(model.axis().values(), detailOf(model))::refineFitted);
    }

    /**
     * @param raw the raw spectrum on the model's axis
     * @param network the network's correction of it (the scale of the training truths)
     * @return the refined correction on the network's scale, or null where ME-EMSC cannot correct the spectrum with
     *     that reference (the network's correction then stands)
     */
    public double[] refine(double[] raw, double[] network) {
        BatchCorrection.Fitted refined = refineFitted(raw, network);
        return refined == null ? null : refined.spectrum();
    }

    /** As {@link #refine}, with the RMSE of the ME-EMSC fit behind it (the raw spectrum's units). */
    public BatchCorrection.Fitted refineFitted(double[] raw, double[] network) {
        MeEmscResult fit;
        try {
            fit = new MeEmscCorrector(axis, axis, network, options).correct(raw);
        } catch (RuntimeException unusableReference) { // no positive value, not finite: nothing to refine with
            return null;
        }
        if (fit.failed()) return null;
        double[] m = fit.corrected();
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < m.length; i++) {
            if (!Double.isFinite(m[i])) return null;
            cross += m[i] * network[i];
            norm += m[i] * m[i];
        }
        if (!(norm > 0)) return null;
        double scale = cross / norm; // ME-EMSC's output on the network's scale
        DetailPassThrough.Filter filter = detail.filter(axis.length);
        double[] fine = new double[axis.length];
        for (int i = 0; i < m.length; i++) fine[i] = scale * m[i];
        double[] fineBroad = filter.broad(fine, 0).clone();
        double[] netBroad = filter.broad(network, 0);
        double[] out = new double[axis.length];
        for (int i = 0; i < out.length; i++) out[i] = netBroad[i] + fine[i] - fineBroad[i];
        return new BatchCorrection.Fitted(out, fit.rmse());
    }
}
