package io.descatter.emsc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.TissueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ME-EMSC over many spectra tells its progress spectrum by spectrum, in order, whatever the threads. */
class MeEmscProgressTest {
    @Test
    void everySpectrumIsCountedOnceInOrderUpToTheTotal() {
        WavenumberAxis axis = WavenumberAxis.regular(1000, 3996, 4);
        double[] wn = axis.values();
        double[] ref = new PureSpectrumGenerator(axis, PureSpectrumGenerator.Jitter.defaults()).typical(TissueType.EPITHELIAL);
        double[][] spectra = new double[7][];
        for (int s = 0; s < spectra.length; s++) {
            spectra[s] = new double[wn.length];
            for (int k = 0; k < wn.length; k++) spectra[s][k] = (1 + 0.1 * s) * ref[k] + 0.02 * s * k / wn.length;
        }
        MeEmscCorrector corrector = new MeEmscCorrector(wn, wn, ref, MeEmscOptions.builder().maxIterations(3).build());
        List<long[]> heard = new ArrayList<>();

        MeEmscResult[] results = corrector.correctAll(spectra, 3, (done, total) -> heard.add(new long[] {done, total}));

        assertEquals(spectra.length, results.length);
        assertEquals(spectra.length, heard.size());
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(i + 1, heard.get(i)[0]);
            assertEquals(spectra.length, heard.get(i)[1]);
        }
    }
}
