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
 * the files themselves are absorbance, their 10^-A transmittance and 100·10^-A percent transmittance.
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
