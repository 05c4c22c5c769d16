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

    /** Records the epochs a run reports, and its steps (done, total). */
    private static class Epochs implements Trainer.Listener {
        final List<Integer> seen = new ArrayList<>();
        final List<long[]> steps = new ArrayList<>();

        @Override
        public void step(long done, long total) {
            steps.add(new long[] {done, total});
        }

        @Override
        public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
            seen.add(epoch);
        }
    }

    /** Progress within an epoch: one step per batch, counted over the whole run, against the run's total. */
    @Test
    void theListenerHearsEveryBatchOfEveryEpoch() throws IOException {
        Trainer t = trainer(3, 5);
        int nTrain = raw.size() - new Trainer.Settings(NetworkArchitecture.correction(POINTS, List.of(16)), 3, 8, 1e-3, 0.2, 100, 5)
                .validationSize(raw.size());
        int batches = (nTrain + 7) / 8;
        assertTrue(batches > 1, "the fixture must give several batches per epoch");
        Epochs heard = new Epochs();
        t.train(raw, truth, null, false, heard);
        assertEquals(3L * batches, heard.steps.size());
        for (int i = 0; i < heard.steps.size(); i++) {
            assertArrayEquals(new long[] {i + 1, 3L * batches}, heard.steps.get(i));
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

    /** A trained model as saved and loaded, so it carries its metadata and checksum like a model file. */
    private CorrectionModel saved(Trainer t, Trainer.Result r, String name) throws IOException {
        Path file = dir.resolve(name);
        ModelStore.save(r.network(), t.metadata(r, java.util.Map.of()), file, false);
        return ModelStore.load(file);
    }

    @Test
    void startingFromAModelContinuesFromItsWeights() throws IOException {
        Trainer first = trainer(3, 5);
        Trainer.Result r = first.train(raw, truth, null, false, new Epochs());
        CorrectionModel init = saved(first, r, "init.zip");

        List<Double> losses = new ArrayList<>();
        Epochs seen = new Epochs() {
            @Override
            public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
                super.epoch(epoch, epochs, trainLoss, validationLoss, best);
                losses.add(validationLoss);
            }
        };
        // same seed, so the same validation split: epoch 0 is the init model's best validation loss
        Trainer.Result continued = trainer(2, 5).startingFrom(init, "init.zip").train(raw, truth, null, false, seen);
        assertEquals(List.of(0, 1, 2), seen.seen);
        assertEquals(r.bestValidationLoss(), losses.get(0), 1e-9 * r.bestValidationLoss());
        assertTrue(continued.bestValidationLoss() <= losses.get(0));

        // a fresh run reports no epoch 0
        Epochs fresh = new Epochs();
        trainer(1, 5).train(raw, truth, null, false, fresh);
        assertEquals(List.of(1), fresh.seen);
    }

    @Test
    void anEpochThatDoesNotImproveLeavesTheInitWeights() throws IOException {
        Trainer first = trainer(3, 5);
        CorrectionModel init = saved(first, first.train(raw, truth, null, false, new Epochs()), "init.zip");
        // a step size that can only make things worse: the init model stays the result (best epoch 0)
        Trainer wild = new Trainer(new Trainer.Settings(NetworkArchitecture.correction(POINTS, List.of(16)), 1, 8, 10, 0.2, 100, 5), AXIS)
                .startingFrom(init, "init.zip");
        Trainer.Result r = wild.train(raw, truth, null, false, new Epochs());
        assertEquals(0, r.bestEpoch());
        assertArrayEquals(init.network().params().toFloatVector(), r.network().params().toFloatVector(), 0f);
    }

    @Test
    void aPcaNetworkKeepsTheInitModelsCompression() throws IOException {
        NetworkArchitecture pca = NetworkArchitecture.pca(POINTS, 8, List.of(16));
        Trainer first = new Trainer(new Trainer.Settings(pca, 2, 8, 1e-3, 0.2, 100, 5), AXIS);
        CorrectionModel init = saved(first, first.train(raw, truth, null, false, new Epochs()), "pca.zip");
        // other data, whose own PCA would differ: the frozen layers must stay the init model's
        List<double[]> shifted = raw.stream().map(s -> { double[] c = s.clone(); for (int k = 0; k < c.length; k++) c[k] += 0.05 * k; return c; }).toList();
        Trainer.Result r = new Trainer(new Trainer.Settings(pca, 2, 8, 1e-3, 0.2, 100, 6), AXIS).startingFrom(init, "pca.zip")
                .train(shifted, truth, null, false, new Epochs());
        for (int layer : new int[] {NetworkFactory.PCA_ENCODER, NetworkFactory.pcaDecoder(pca)}) {
            assertArrayEquals(init.network().getLayer(layer).getParam("W").ravel().toFloatVector(),
                    r.network().getLayer(layer).getParam("W").ravel().toFloatVector(), 0f, "frozen layer " + layer);
        }
        assertFalse(java.util.Arrays.equals(init.network().getLayer(1).getParam("W").ravel().toFloatVector(),
                r.network().getLayer(1).getParam("W").ravel().toFloatVector()), "the trainable layers did train");
    }

    @Test
    void aModelOfAnotherArchitectureOrAxisIsRefused() throws IOException {
        Trainer first = trainer(1, 5);
        CorrectionModel init = saved(first, first.train(raw, truth, null, false, new Epochs()), "init.zip");
        Trainer wider = new Trainer(new Trainer.Settings(NetworkArchitecture.correction(POINTS, List.of(32)), 1, 8, 1e-3, 0.2, 100, 5), AXIS);
        ModelFormatException arch = assertThrows(ModelFormatException.class, () -> wider.startingFrom(init, "init.zip"));
        assertTrue(arch.getMessage().startsWith("init.zip: the model's network (40-16-40"), arch.getMessage());
        WavenumberAxis other = WavenumberAxis.regular(2000, 2000 + 4 * (POINTS - 1), 4);
        Trainer elsewhere = new Trainer(new Trainer.Settings(NetworkArchitecture.correction(POINTS, List.of(16)), 1, 8, 1e-3, 0.2, 100, 5), other);
        ModelFormatException axis = assertThrows(ModelFormatException.class, () -> elsewhere.startingFrom(init, "init.zip"));
        assertTrue(axis.getMessage().contains("axis"), axis.getMessage());
    }
}
