package io.descatter.spectra.image.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Spark schema that Spark keeps in a Parquet file's footer (key {@value #FOOTER_KEY}): Spark reads the column
 * types and each column's metadata from it, and descatter keeps the wavenumbers there, as the {@value #WAVENUMBERS}
 * entry of the {@value #SPECTRUM} column's metadata (docs/SPARK.md, "Layout of spectra").
 */
final class SparkRowSchema {
    static final String FOOTER_KEY = "org.apache.spark.sql.parquet.row.metadata";
    static final String SPECTRUM = "spectrum";
    static final String WAVENUMBERS = "wavenumbers";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkRowSchema() {
    }

    /** A column of the schema: its name and Spark's type name ("string", "double", "integer"). */
    record Field(String name, String type) {
    }

    /** The footer value for {@code fields} followed by the spectrum column (array of float) with the wavenumbers. */
    static String of(List<Field> fields, double[] wavenumbers) {
        ObjectNode root = JSON.createObjectNode().put("type", "struct");
        ArrayNode list = root.putArray("fields");
        for (Field f : fields) {
            list.addObject().put("name", f.name()).put("type", f.type()).put("nullable", true).putObject("metadata");
        }
        ObjectNode spectrum = list.addObject().put("name", SPECTRUM);
        spectrum.putObject("type").put("type", "array").put("elementType", "float").put("containsNull", false);
        spectrum.put("nullable", true);
        ArrayNode axis = spectrum.putObject("metadata").putArray(WAVENUMBERS);
        for (double w : wavenumbers) axis.add(w);
        return root.toString();
    }

    /** A JSON list of numbers (the footer entry {@value #WAVENUMBERS} that descatter also writes). */
    static double[] numbers(String json) {
        String what = "its metadata entry '" + WAVENUMBERS + "'";
        return numbers(parse(json, what), what);
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage());
        }
    }

    /** The numbers of a JSON list ({@code what} names it in messages). */
    private static double[] numbers(JsonNode list, String what) {
        if (!list.isArray()) throw new IllegalArgumentException(what + " is not a list of numbers");
        double[] w = new double[list.size()];
        for (int i = 0; i < w.length; i++) {
            if (!list.get(i).isNumber()) throw new IllegalArgumentException("wavenumber " + (i + 1) + " of " + what + " is not a number");
            w[i] = list.get(i).asDouble();
        }
        return w;
    }

    /** The JSON list of the wavenumbers, for the footer entry {@value #WAVENUMBERS}. */
    static String list(double[] wavenumbers) {
        ArrayNode a = JSON.createArrayNode();
        for (double w : wavenumbers) a.add(w);
        return a.toString();
    }

    /**
     * The wavenumbers in a footer value, or null where it has none (a file Spark wrote from a frame without them, or
     * one another tool wrote).
     *
     * @throws IllegalArgumentException when the value is not Spark's schema JSON or its wavenumbers are not numbers
     */
    static double[] wavenumbers(String footerValue) {
        JsonNode root = parse(footerValue, "its Spark schema (footer key " + FOOTER_KEY + ")");
        for (JsonNode field : root.path("fields")) {
            if (!SPECTRUM.equals(field.path("name").asText())) continue;
            JsonNode axis = field.path("metadata").path(WAVENUMBERS);
            return axis.isArray() ? numbers(axis, "the spectrum column's Spark metadata") : null;
        }
        return null;
    }
}
