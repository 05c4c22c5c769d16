package io.descatter.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything a correction model carries besides its weights: the axis it works on, how inputs are normalised,
 * its architecture, where its training data came from and how well it did on held-out data. Stored as JSON in the
 * model zip; {@code descatter info model.zip} prints it.
 *
 * @param format metadata format version
 * @param descatterVersion version of descatter that trained the model
 * @param created ISO-8601 time of training
 * @param axis the wavenumbers (cm⁻¹) of inputs and outputs
 * @param architecture the network's shape
 * @param inputNormalisation how each input spectrum is scaled before the network sees it
 * @param output what the output means
 * @param training provenance: data files and their checksums, sizes, seed, epochs, batch size, learning rate
 * @param validation metrics on the held-out validation split
 * @param weightsSha256 SHA-256 of the network's parameters as float32 little-endian, checked at load time
 * @param detail how the input's fine structure passes to the output ({@link DetailPassThrough}); null: the network's
 *               output is the corrected spectrum itself
 * @param scatteringShare where a detail model's share of the input's detail removed as scattering is flagged; null:
 *               not calibrated (or no detail pass-through)
 */
public record ModelMetadata(int format, String descatterVersion, String created, double[] axis, Architecture architecture,
        String inputNormalisation, String output, Map<String, Object> training, Map<String, Double> validation,
        String weightsSha256, @JsonInclude(JsonInclude.Include.NON_NULL) DetailPassThrough detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) ScatteringShare scatteringShare) {

    /** The format of a model whose network outputs the corrected spectrum. */
    public static final int FORMAT = 1;
    /** The format of a model with {@link DetailPassThrough}: versions that only know {@link #FORMAT} refuse it. */
    public static final int FORMAT_DETAIL = 2;

    /** The format number a model with this output mode is written with. */
    public static int formatFor(DetailPassThrough detail) {
        return detail == null ? FORMAT : FORMAT_DETAIL;
    }

    /**
     * The architecture in plain values (JSON-friendly). {@code kind} is "dense", "pca" or "conv" (absent in models
     * from before the other kinds: dense); {@code components} only for pca, {@code channels} and {@code kernel}
     * only for conv.
     */
    public record Architecture(String description, int inputs, List<Integer> hidden, int outputs, String hiddenActivation,
            String outputActivation, double dropout, String loss, String precision,
            @JsonInclude(JsonInclude.Include.NON_NULL) String kind,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer components,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> channels,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer kernel) {
        public static Architecture of(NetworkArchitecture a, String precision) {
            boolean pca = a.kind() == NetworkArchitecture.Kind.PCA;
            boolean conv = a.kind() == NetworkArchitecture.Kind.CONV;
            return new Architecture(a.describe(), a.inputs(), a.hidden(), a.outputs(), a.hiddenActivation().name(),
                    a.outputActivation().name(), a.dropout(), a.loss().name(), precision, a.kind().label(),
                    pca ? a.components() : null, conv ? a.channels() : null, conv ? a.kernel() : null);
        }

        /**
         * The network architecture these values describe (a correction network: dense, pca or conv), checked against
         * the stored description so that nothing the values leave out (activations, loss) is silently replaced.
         */
        public NetworkArchitecture toNetworkArchitecture() {
            String k = kind == null ? "dense" : kind;
            NetworkArchitecture a;
            try {
                a = switch (k) {
                    case "dense" -> NetworkArchitecture.correction(inputs, hidden);
                    case "pca" -> NetworkArchitecture.pca(inputs, components == null ? 0 : components, hidden);
                    case "conv" -> NetworkArchitecture.conv(inputs, channels == null ? List.of() : channels, kernel == null ? 0 : kernel, hidden);
                    default -> throw new ModelFormatException("unknown kind of network '" + k + "'");
                };
                a = a.withDropout(dropout);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ModelFormatException("damaged model metadata: its architecture is not one (" + e.getMessage() + ")", e);
            }
            if (!a.describe().equals(description)) {
                throw new ModelFormatException("its network (" + description + ") is not a correction network this version can train further");
            }
            return a;
        }
    }

    public ModelMetadata withValidation(Map<String, Double> v) {
        return new ModelMetadata(format, descatterVersion, created, axis, architecture, inputNormalisation, output, training, v, weightsSha256, detail, scatteringShare);
    }

    public ModelMetadata withScatteringShare(ScatteringShare s) {
        return new ModelMetadata(format, descatterVersion, created, axis, architecture, inputNormalisation, output, training, validation,
                weightsSha256, detail, s);
    }

    public ModelMetadata withWeightsSha256(String sha) {
        return new ModelMetadata(format, descatterVersion, created, axis, architecture, inputNormalisation, output, training, validation, sha, detail, scatteringShare);
    }
}
