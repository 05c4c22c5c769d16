package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.WavenumberAxis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice among shipped models by an input's axis, on axes alone (no network needed). */
class ShippedModelsTest {
    private static WavenumberAxis grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = from + i * step;
        return WavenumberAxis.of(v);
    }

    private static ShippedModels.Shipped model(String name, WavenumberAxis axis) {
        return new ShippedModels.Shipped(Path.of(name), null, axis);
    }

    private static final ShippedModels.Shipped FINGERPRINT = model("descatter-fingerprint.zip", grid(1000, 1800, 2));
    private static final ShippedModels.Shipped FULL = model("descatter-default.zip", grid(1000, 4000, 2));
    private static final ShippedModels.Shipped FULL_COARSE = model("descatter-coarse.zip", grid(1000, 4000, 4));

    @Test
    void theWidestCoveredModelWinsAndATieGoesToTheMostPoints() {
        List<ShippedModels.Shipped> all = List.of(FULL_COARSE, FINGERPRINT, FULL);
        assertEquals(FULL, ShippedModels.choose("in.csv", grid(1000, 4000, 1), all));
        assertEquals(FINGERPRINT, ShippedModels.choose("in.csv", grid(900, 2000, 1), all));
    }

    @Test
    void twoOfTheInputsStepsShortAtAnEdgeStillCount() {
        // 1000-3992 at 4 cm-1 stops 8 cm-1 (two steps) short of the full range: filled, so the full model is chosen
        assertEquals(FULL, ShippedModels.choose("in.csv", grid(1000, 3992, 4), List.of(FINGERPRINT, FULL)));
        // three steps short: only the fingerprint model is covered
        assertEquals(FINGERPRINT, ShippedModels.choose("in.csv", grid(1000, 3988, 4), List.of(FINGERPRINT, FULL)));
    }

    @Test
    void noCoveredModelIsAnAxisMismatchNamingTheFileAndTheModels() {
        AxisMismatchException e = assertThrows(AxisMismatchException.class,
                () -> ShippedModels.choose("in.csv", grid(1100, 3000, 4), List.of(FULL, FINGERPRINT)));
        assertTrue(e.getMessage().startsWith("in.csv: the spectra's axis 1100.0–3000.0 cm-1 covers none of the shipped models' "
                + "(descatter-default.zip 1000.0–4000.0 cm-1, 1501 points; descatter-fingerprint.zip 1000.0–1800.0 cm-1, 401 points;"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--axis 1100.0:3000.0:4 "), e.getMessage());
    }
}
