package io.descatter.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Saves and loads correction models: a DL4J ModelSerializer zip plus one JSON entry of {@link ModelMetadata}.
 * DL4J M2.1 cannot write a model and extra entries in one go (writeModel with a normaliser throws "stream is
 * closed"), so the model is written first and the metadata added to the finished zip. Writes go to a temporary
 * file renamed into place, like every output of descatter.
 */
public final class ModelStore {
    /** The zip entry holding the metadata. */
    public static final String METADATA_ENTRY = "descatter-model.json";
    /** The zip entry holding the {@link Confidence} data (models trained before it have none). */
    public static final String CONFIDENCE_ENTRY = "descatter-confidence.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelStore() {
    }

    /** Writes the model, its metadata (with the weights' checksum) and optionally the updater state. */
    public static void save(MultiLayerNetwork net, ModelMetadata metadata, Path file, boolean withUpdater) throws IOException {
        save(net, metadata, null, file, withUpdater);
    }

    /** As {@link #save(MultiLayerNetwork, ModelMetadata, Path, boolean)}, with the confidence data (null: none). */
    public static void save(MultiLayerNetwork net, ModelMetadata metadata, Confidence confidence, Path file, boolean withUpdater)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createFile (not createTempFile, which makes owner-only files) so the model gets the usual permissions.
        Path temp = Files.createFile(dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part"));
        try {
            ModelSerializer.writeModel(net, temp.toFile(), withUpdater);
            ModelMetadata m = metadata.withWeightsSha256(weightsSha256(net));
            try (FileSystem zip = FileSystems.newFileSystem(temp, Map.of())) {
                Files.write(zip.getPath(METADATA_ENTRY), JSON.writeValueAsBytes(m));
                if (confidence != null) Files.write(zip.getPath(CONFIDENCE_ENTRY), JSON.writeValueAsBytes(ConfidenceData.of(confidence)));
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads only the metadata (fast: no network). */
    public static ModelMetadata readMetadata(Path file) throws IOException {
        checkZip(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entry = zip.getEntry(METADATA_ENTRY);
            if (entry == null) {
                throw new ModelFormatException(file + ": not a descatter model (a zip without " + METADATA_ENTRY
                        + "; a plain DL4J model has no axis or normalisation to go with it)");
            }
            ModelMetadata m;
            try {
                m = JSON.readValue(zip.getInputStream(entry), ModelMetadata.class);
            } catch (IOException e) {
                throw new ModelFormatException(file + ": damaged model metadata (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
            if (m.format() != ModelMetadata.FORMAT && m.format() != ModelMetadata.FORMAT_DETAIL) {
                throw new ModelFormatException(file + ": model format " + m.format() + " is not supported by this version (formats "
                        + ModelMetadata.FORMAT + " and " + ModelMetadata.FORMAT_DETAIL + ")");
            }
            if (m.format() != ModelMetadata.formatFor(m.detail())) {
                throw new ModelFormatException(file + ": damaged model metadata (format " + m.format()
                        + (m.detail() == null ? " without" : " with") + " a detail pass-through)");
            }
            return m;
        }
    }

    /** Loads a model for inference, checking that its weights are the ones its metadata describes. */
    public static CorrectionModel load(Path file) throws IOException {
        ModelMetadata m = readMetadata(file);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (Exception e) {
            throw new ModelFormatException(file + ": damaged model: the network cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        String sha = weightsSha256(net);
        if (!sha.equals(m.weightsSha256())) {
            throw new ModelFormatException(file + ": damaged model: the weights do not match their checksum");
        }
        try {
            return new CorrectionModel(net, m, readConfidence(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** The model's confidence data, or null when it has none. */
    public static Confidence readConfidence(Path file) throws IOException {
        checkZip(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entry = zip.getEntry(CONFIDENCE_ENTRY);
            if (entry == null) return null;
            try {
                return JSON.readValue(zip.getInputStream(entry), ConfidenceData.class).toConfidence();
            } catch (IOException | IllegalArgumentException e) {
                throw new ModelFormatException(file + ": damaged confidence data (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
        }
    }

    /**
     * Adds (or replaces) the confidence data of a finished model file, in place through a temporary copy: the route for
     * models trained before the score existed.
     */
    public static void addConfidence(Path file, Confidence confidence) throws IOException {
        replaceEntry(file, CONFIDENCE_ENTRY, JSON.writeValueAsBytes(ConfidenceData.of(confidence)));
    }

    /** Replaces a model's metadata (its weights untouched: the checksum in it must still describe them). */
    public static void replaceMetadata(Path file, ModelMetadata metadata) throws IOException {
        replaceEntry(file, METADATA_ENTRY, JSON.writeValueAsBytes(metadata));
    }

    private static void replaceEntry(Path file, String entry, byte[] content) throws IOException {
        checkZip(file);
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createFile(dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part"));
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileSystem zip = FileSystems.newFileSystem(temp, Map.of())) {
                Files.write(zip.getPath(entry), content);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The confidence entry as JSON: the mean and the components as base64 float32 little-endian (exact and a quarter the
     * size of decimal text), the rest as numbers (Jackson writes doubles so that they read back exactly).
     */
    record ConfidenceData(int format, String description, int points, int components, int bandWindow, String meanFloat32,
            String componentsFloat32, double[] sd, Confidence.Calibration calibration) {
        static final int FORMAT = 1;

        static ConfidenceData of(Confidence c) {
            return new ConfidenceData(FORMAT, Confidence.DESCRIPTION, c.points(), c.k(), c.window(), base64(c.mean()), base64(c.components()),
                    c.sd(), c.calibration());
        }

        Confidence toConfidence() {
            if (format != FORMAT) throw new IllegalArgumentException("confidence format " + format + " is not supported by this version");
            if (calibration == null || sd == null || sd.length != components) throw new IllegalArgumentException("incomplete");
            float[] mean = floats(meanFloat32);
            if (mean.length != points) throw new IllegalArgumentException(mean.length + " mean values for " + points + " points");
            if (calibration.median() == null || calibration.median().length != 4 || calibration.q99() == null || calibration.q99().length != 4) {
                throw new IllegalArgumentException("incomplete calibration");
            }
            return new Confidence(mean, floats(componentsFloat32), sd, bandWindow, calibration);
        }

        private static String base64(float[] v) {
            ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) buf.putFloat(f);
            return java.util.Base64.getEncoder().encodeToString(buf.array());
        }

        private static float[] floats(String base64) {
            ByteBuffer buf = ByteBuffer.wrap(java.util.Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[buf.remaining() / 4];
            for (int i = 0; i < v.length; i++) v[i] = buf.getFloat();
            return v;
        }
    }

    private static void checkZip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new ModelFormatException(file + ": no such model file");
        try (ZipFile ignored = new ZipFile(file.toFile())) {
            // opens: a readable zip
        } catch (ZipException e) {
            throw new ModelFormatException(file + ": not a model (not a readable zip file)", e);
        }
    }

    /** SHA-256 over the parameters as float32 little-endian, whatever the network's precision. */
    public static String weightsSha256(MultiLayerNetwork net) {
        float[] p = net.params().castTo(DataType.FLOAT).toFloatVector();
        ByteBuffer buf = ByteBuffer.allocate(4 * p.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : p) buf.putFloat(v);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The metadata as JSON text, for `info --json`. */
    public static String toJson(ModelMetadata m) throws IOException {
        return JSON.writeValueAsString(displayTree(m));
    }

    /** The metadata as JSON text for reading on a terminal: the axis as a count instead of its values. */
    public static String toJsonWithoutAxisValues(ModelMetadata m) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = displayTree(m);
        tree.put("axis", m.axis().length + " wavenumbers (descatter info --json lists them)");
        return JSON.writeValueAsString(tree);
    }

    /** The metadata for display: validation counts (stored as numbers like the metrics) written as integers. */
    private static com.fasterxml.jackson.databind.node.ObjectNode displayTree(ModelMetadata m) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = JSON.valueToTree(m);
        if (tree.get("validation") instanceof com.fasterxml.jackson.databind.node.ObjectNode validation) {
            validation.properties().forEach(e -> {
                if (isCount(e.getValue().asDouble())) e.setValue(validation.numberNode((long) e.getValue().asDouble()));
            });
        }
        return tree;
    }

    /** A whole number that a long holds exactly: a count, not a metric. */
    public static boolean isCount(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15;
    }
}
