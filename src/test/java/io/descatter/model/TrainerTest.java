package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints: an interrupted run resumed from its checkpoint ends where the uninterrupted run ends. */
class TrainerTest {
    private static final int POINTS = 40;
    private static final WavenumberAxis AXIS = WavenumberAxis.regular(1000, 1000 + 4 * (POINTS - 1), 4);

    @TempDir
    Path dir;

    private final List<double[]> raw = new ArrayList<>();
    private final List<double[]> truth = new ArrayList<>();

    TrainerTest() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 60; i++) {
            double[] t = new double[POINTS];
            double[] r = new double[POINTS];
            double centre = random.nextDouble(5, 35);
            double slope = random.nextDouble(-0.02, 0.02);
            for (int k = 0; k < POINTS; k++) {
                t[k] = Math.exp(-0.5 * Math.pow((k - centre) / 3, 2));
                r[k] = t[k] + slope * k + 0.1;
            }
            raw.add(r);
            truth.add(t);
        }
    }

    private static Trainer trainer(int epochs, long seed) {
        NetworkArchitecture arch = NetworkArchitecture.correction(POINTS, List.of(16));
        return new Trainer(new Trainer.Settings(arch, epochs, 8, 1e-3, 0.2, 100, seed), AXIS);
    }

    /** Records the epochs a run reports. */
    private static final class Epochs implements Trainer.Listener {
        final List<Integer> seen = new ArrayList<>();

        @Override
        public void step(long done, long total) {
        }

        @Override
        public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
            seen.add(epoch);
        }
    }

    @Test
    void resumingFromACheckpointEndsWhereTheUninterruptedRunEnds() throws IOException {
        Trainer.Result straight = trainer(4, 5).train(raw, truth, null, false, new Epochs());

        Path checkpoint = dir.resolve("model.zip.checkpoint");
        Epochs first = new Epochs();
        trainer(2, 5).train(raw, truth, checkpoint, false, first); // "interrupted" after epoch 2
        assertEquals(List.of(1, 2), first.seen);
        assertTrue(Files.exists(checkpoint));
        Epochs second = new Epochs();
        Trainer.Result resumed = trainer(4, 5).train(raw, truth, checkpoint, true, second);

        assertEquals(List.of(3, 4), second.seen, "the resumed run starts after the checkpoint's epoch");
        assertEquals(straight.bestEpoch(), resumed.bestEpoch());
        assertEquals(straight.bestValidationLoss(), resumed.bestValidationLoss(), 0.0);
        assertArrayEquals(straight.network().params().toFloatVector(), resumed.network().params().toFloatVector(), 0f,
                "weights and optimiser state come back from the checkpoint exactly");
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() throws IOException {
        Path checkpoint = dir.resolve("other.checkpoint");
        trainer(1, 5).train(raw, truth, checkpoint, false, new Epochs());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> trainer(3, 6).train(raw, truth, checkpoint, true, new Epochs()));
        assertTrue(e.getMessage().contains("belongs to another run"), e.getMessage());
    }

    @Test
    void theSplitLeavesAtLeastOneSpectrumForEachSide() {
        Trainer.Settings s = new Trainer.Settings(NetworkArchitecture.correction(POINTS, List.of()), 1, 8, 1e-3, 0.1, 5, 1);
        assertEquals(1, s.validationSize(3));
        assertEquals(6, s.validationSize(60));
        assertFalse(s.canTrainOn(1));
        assertTrue(s.canTrainOn(2));
        // a PCA network with 8 components needs 9 training spectra (+ 1 for validation at 10 %)
        Trainer.Settings pca = new Trainer.Settings(NetworkArchitecture.pca(POINTS, 8, List.of(16)), 1, 8, 1e-3, 0.1, 5, 1);
        assertEquals(9, pca.minimumTrainingSpectra());
        assertFalse(pca.canTrainOn(9));
        assertTrue(pca.canTrainOn(10));
    }

    @Test
    void aCheckpointOfTheSameDataAndSeedButOtherSettingsIsRefused() throws IOException {
        Path checkpoint = dir.resolve("settings.checkpoint");
        trainer(1, 5).train(raw, truth, checkpoint, false, new Epochs());
        NetworkArchitecture wider = NetworkArchitecture.correction(POINTS, List.of(32));
        Trainer other = new Trainer(new Trainer.Settings(wider, 3, 8, 1e-3, 0.2, 100, 5), AXIS);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> other.train(raw, truth, checkpoint, true, new Epochs()));
        assertTrue(e.getMessage().contains("belongs to another run"), e.getMessage());
        Trainer fasterLr = new Trainer(new Trainer.Settings(NetworkArchitecture.correction(POINTS, List.of(16)), 3, 8, 1e-2, 0.2, 100, 5), AXIS);
        assertThrows(ModelFormatException.class, () -> fasterLr.train(raw, truth, checkpoint, true, new Epochs()));
    }
}
