package io.descatter.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.SharedData;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Transmittance is told from absorbance on the shipped samples (raw with scattering, and pure) and the measured cells:
 * the files themselves are absorbance, their 10^-A transmittance and 100·10^-A percent transmittance; derivatives
 * are refused as such.
 */
class UnitCheckTest {
    private static final DoubleUnaryOperator T = a -> Math.pow(10, -a);
    private static final DoubleUnaryOperator PERCENT = a -> 100 * Math.pow(10, -a);

    @Test
    void theShippedSamplesAndTheirTransmittanceAreToldApart() throws Exception {
        for (String file : new String[] {"data-samples/sim_raw.csv.gz", "data-samples/sim_truth.csv.gz"}) {
            assertUnits(SpectraTable.read(file), file);
        }
    }

    @Test
    void theMeasuredCellsAndTheirTransmittanceAreToldApart() throws Exception {
        String file = SharedData.assumePresent("memsc", "measured_spectra.csv").toString();
        assertUnits(SpectraTable.read(file), file);
    }

    /**
     * One spectrum at a time the rule is weaker (a file is judged by the majority of its first spectra): at most one
     * of the 300 sample spectra alone may be called transmittance (one is: strong scattering, broad bands and weak
     * C-H leave its bands below their shoulders while its values stay in 0-2).
     */
    @Test
    void singleSampleSpectraAreRarelyCalledTransmittance() throws Exception {
        SpectraTable raw = SpectraTable.read("data-samples/sim_raw.csv.gz");
        int called = 0;
        for (int s = 0; s < raw.size(); s++) {
            SpectraChunk one = chunk(raw, a -> a, s, s + 1);
            if (UnitCheck.likelyUnit(raw.schema().axis(), one) != InputUnit.ABSORBANCE) called++;
        }
        assertTrue(called <= 1, called + " of " + raw.size() + " single absorbance spectra called transmittance");
    }

    @Test
    void refusalNamesTheFileAndTheFix() throws Exception {
        SpectraTable raw = SpectraTable.read("data-samples/sim_raw.csv.gz");
        BadInputException e = assertThrows(BadInputException.class,
                () -> UnitCheck.requireAbsorbance("cells.csv", raw.schema().axis(), chunk(raw, T, 0, 20)));
        assertTrue(e.getMessage().startsWith("cells.csv: the values look like transmittance")
                && e.getMessage().contains("--input-unit transmittance"), e.getMessage());
    }

    /**
     * Preprocessed spectra that users may hand over: second derivatives (of the 7-point moving average, as
     * Savitzky-Golay smooths) are refused as derivatives, not called transmittance (whose conversion would make
     * nonsense of them), first derivatives are not called transmittance either; standard normal variates (each
     * spectrum less its mean, over its s.d.) are absorbance.
     */
    @Test
    void derivativesAreRefusedAsSuchAndStandardNormalVariatesPass() throws Exception {
        SpectraTable raw = SpectraTable.read("data-samples/sim_raw.csv.gz");
        WavenumberAxis axis = raw.schema().axis();
        SpectraChunk second = rows(raw, derivative(2), 20);
        BadInputException e = assertThrows(BadInputException.class, () -> UnitCheck.requireAbsorbance("d.csv", axis, second));
        assertTrue(e.getMessage().startsWith("d.csv: the values look like a derivative spectrum"), e.getMessage());
        // a first derivative's bands are zero crossings, neither up nor down: it is never taken for transmittance (the
        // confidence score flags it, docs/MODEL.md)
        assertEquals(InputUnit.ABSORBANCE, UnitCheck.likelyUnit(axis, rows(raw, derivative(1), 20)));
        SpectraChunk snv = rows(raw, v -> {
            double mean = java.util.Arrays.stream(v).average().orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow());
            return java.util.Arrays.stream(v).map(x -> (x - mean) / sd).toArray();
        }, 20);
        UnitCheck.requireAbsorbance("snv.csv", axis, snv);
    }

    /** The {@code order}th difference (1 or 2) of each spectrum's 7-point moving average, same length. */
    private static java.util.function.UnaryOperator<double[]> derivative(int order) {
        return v -> {
            int n = v.length;
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                int lo = Math.max(0, i - 3);
                int hi = Math.min(n - 1, i + 3);
                double sum = 0;
                for (int j = lo; j <= hi; j++) sum += v[j];
                m[i] = sum / (hi - lo + 1);
            }
            double[] d = new double[n];
            for (int i = 1; i < n - 1; i++) d[i] = order == 1 ? (m[i + 1] - m[i - 1]) / 2 : m[i + 1] - 2 * m[i] + m[i - 1];
            return d;
        };
    }

    /** The first {@code n} spectra of the table, each transformed whole. */
    private static SpectraChunk rows(SpectraTable table, java.util.function.UnaryOperator<double[]> f, int n) {
        SpectraChunk chunk = new SpectraChunk(n, table.schema().axis().size(), 0);
        for (int s = 0; s < n; s++) chunk.addRow(f.apply(table.spectra().get(s).clone()), 0, new String[0], s + 1);
        return chunk;
    }

    @Test
    void conversionInvertsTransmittanceAndRefusesNonPositiveValues() throws Exception {
        SpectraTable raw = SpectraTable.read("data-samples/sim_raw.csv.gz");
        SpectraChunk percent = chunk(raw, PERCENT, 0, 3);
        InputUnit.PERCENT_TRANSMITTANCE.toAbsorbance(percent, raw.schema().axis(), "p.csv");
        for (int p = 0; p < percent.points(); p += 50) assertEquals(raw.spectra().get(1)[p], percent.value(1, p), 1e-12);

        SpectraChunk zero = chunk(raw, T, 0, 2);
        zero.values()[zero.offset(1) + 5] = 0;
        BadInputException e = assertThrows(BadInputException.class,
                () -> InputUnit.TRANSMITTANCE.toAbsorbance(zero, raw.schema().axis(), "t.csv"));
        assertTrue(e.getMessage().startsWith("t.csv:2: transmittance 0.0 at"), e.getMessage());
    }

    private static void assertUnits(SpectraTable table, String file) {
        WavenumberAxis axis = table.schema().axis();
        int n = table.size();
        assertEquals(InputUnit.ABSORBANCE, UnitCheck.likelyUnit(axis, chunk(table, a -> a, 0, n)), file);
        assertEquals(InputUnit.TRANSMITTANCE, UnitCheck.likelyUnit(axis, chunk(table, T, 0, n)), file + " as 10^-A");
        assertEquals(InputUnit.PERCENT_TRANSMITTANCE, UnitCheck.likelyUnit(axis, chunk(table, PERCENT, 0, n)),
                file + " as 100·10^-A");
    }

    /** Spectra from..to of the table with {@code unit} applied to every value; line = index + 1. */
    private static SpectraChunk chunk(SpectraTable table, DoubleUnaryOperator unit, int from, int to) {
        SpectraChunk chunk = new SpectraChunk(to - from, table.schema().axis().size(), 0);
        for (int s = from; s < to; s++) {
            double[] v = table.spectra().get(s).clone();
            for (int p = 0; p < v.length; p++) v[p] = unit.applyAsDouble(v[p]);
            chunk.addRow(v, 0, new String[0], s - from + 1);
        }
        return chunk;
    }
}
