package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SgdCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesSummaryTablesAndPlots() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "sgd", "--layers", "1", "--dim", "5", "--samples", "20", "--batch", "4",
                "--lr", "0.05", "--steps", "200000", "--burn-in", "5000", "--seed", "2", "-o", dir.toString());
        assertEquals(ExitCode.OK, code, err.toString());
        for (String f : new String[] {"summary.json", "spectra.csv", "variance_flatness.csv", "sigma_eigenvalues.png",
            "hessian_noise_spectra.png", "variance_flatness.png"})
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"sigma_exact_discrete\""), summary);
        assertTrue(summary.contains("\"relative_standard_error\""), summary);
        assertTrue(err.toString().contains("100%"), "progress on stderr");
    }

    /** Two layers: every number beside its prediction; the continuum rows labelled, never "FAIL"; ψ beside ψ predicted. */
    @Test
    void twoLayersPrintPsiBesideItsPredictionAndLabelTheApproximations() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "sgd", "--layers", "2", "--dim", "6", "--hidden", "4", "--samples", "online", "--batch", "4",
                "--lr", "0.03", "--noise", "0.001", "--steps", "100000", "--burn-in", "5000", "--seed", "3", "-o", dir.toString());
        assertEquals(ExitCode.OK, code, err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s).*psi = [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\| predicted [0-9.]+ .*\\(exact discrete reduction\\).*"), text);
        assertTrue(!text.contains("FAIL"), text);
        assertTrue(text.contains("sigma_range_continuum_reduction: measured ") && text.contains("| continuum approximation (leading order in η) ")
                && text.contains("% off; measured "), text);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"psi\" : {") && summary.contains("\"predicted_by\" : \"exact discrete reduction\""), summary);
        assertTrue(summary.contains("\"approximation\" : \"continuum approximation"), summary);
        assertTrue(Files.size(dir.resolve("variance_flatness.png")) > 0);
    }

    @Test
    void distinctSamplingOfMoreSamplesThanThereAreIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "sgd", "--layers", "1", "--dim", "3", "--samples", "5", "--batch", "8",
                "--sampling", "DISTINCT", "--lr", "0.05", "--steps", "1000", "-o", dir.toString());
        assertEquals(ExitCode.USAGE, code, err.toString());
        assertTrue(err.toString().contains("needs --samples N > B, got N = 5"), err.toString());
        assertTrue(!err.toString().contains("Exception"), err.toString());
    }

    /** Settings the theory or the measurement cannot handle are usage errors before the run, or as soon as SGD diverges. */
    @Test
    void unusableSettingsAreUsageErrors() {
        String[][] cases = {
            {"--noise must be positive", "--dim", "5", "--samples", "20", "--noise", "0", "--steps", "1000"},
            {"need --samples N > d", "--dim", "5", "--samples", "5", "--steps", "1000"},
            {"at most 70 unknowns", "--dim", "100", "--samples", "200", "--steps", "1000"},
            {"--steps must be at least 200", "--dim", "61", "--samples", "100", "--steps", "150"},
            {"needs o ≤ h", "--layers", "2", "--dim", "5", "--hidden", "1", "--outputs", "2", "--samples", "10", "--steps", "1000"},
            {"SGD diverged", "--dim", "5", "--samples", "20", "--lr", "5", "--steps", "1000", "--burn-in", "1000"},
            {"SGD diverged", "--dim", "5", "--samples", "20", "--lr", "1.2", "--steps", "1000", "--burn-in", "100"}, // finite, huge
            {"at most 70 unknowns", "--layers", "2", "--dim", "71", "--hidden", "2", "--samples", "200", "--steps", "1000"},
            {"missing --dim, --samples", "--steps", "1000"},
            {"unknown parameter 'momentum'", "--dim", "5", "--samples", "20", "--steps", "1000", "--sweep", "momentum=1,2"},
            {"need --samples N > d", "--dim", "5", "--samples", "20", "--steps", "1000", "--sweep", "ratio=2,0.5"},
            {"--preset: unknown name 'nope'", "--preset", "nope"},
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sgd", "--batch", "4"));
            if (!java.util.Arrays.asList(c).contains("--layers")) args.addAll(java.util.List.of("--layers", "1"));
            if (!java.util.Arrays.asList(c).contains("--lr")) args.addAll(java.util.List.of("--lr", "0.05"));
            args.addAll(java.util.Arrays.asList(c).subList(1, c.length));
            args.addAll(java.util.List.of("-o", dir.resolve("never").toString()));
            StringWriter err = new StringWriter();
            int code = run(new StringWriter(), err, args.toArray(new String[0]));
            assertEquals(ExitCode.USAGE, code, c[0] + ": " + err);
            assertTrue(err.toString().contains(c[0]) && !err.toString().contains("internal error"), c[0] + ": " + err);
            assertTrue(!Files.exists(dir.resolve("never")), "no report folder");
        }
    }

    /** A tiny sweep end to end: one report per value, the figures with their CSVs, the checks in summary.json. */
    @Test
    void sweepWritesARunPerValueAndTheFigures() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "sgd", "--layers", "1", "--dim", "4", "--samples", "12", "--batch", "2", "--lr", "0.05",
                "--steps", "100000", "--burn-in", "2000", "--seed", "2", "--sweep", "lr=0.02,0.05", "-o", dir.toString());
        assertEquals(ExitCode.OK, code, err.toString());
        for (String f : new String[] {"summary.json", "lr=0.02/summary.json", "lr=0.05/sigma_eigenvalues.png",
            "total_variance_vs_lr.png", "total_variance_vs_lr.csv", "detailed_balance_vs_lr.png", "psi_vs_lr.csv"})
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(6, summary.get("checks_exact").asInt(), "tr Σ, ψ and ρ_DB at 2 values: " + summary);
        assertTrue(summary.get("command").asText().contains("--sweep lr=0.02,0.05"));
        assertTrue(Files.readString(dir.resolve("total_variance_vs_lr.csv")).startsWith("curve,x,y,ci95_low,ci95_high"));
        assertTrue(out.toString().contains("theory points inside the measured 95 % intervals"), out.toString());
        assertTrue(err.toString().contains("100% of 200,000 steps"), err.toString());
    }

    @Test
    void helpTeachesSweepAndPresetWithExamples() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            assertEquals(0, run(out, err, "sgd", "--help"));
        } finally {
            System.setErr(saved);
        }
        assertTrue(out.toString().contains("--sweep lr=0.01,0.02,0.04") && out.toString().contains("--preset variance-flatness"), out.toString());
        // picocli formats descriptions with String.format: a lone % makes it warn and print the raw text
        assertTrue(out.toString().contains("measured 95 % intervals") && !warnings.toString().contains("Could not format"), warnings.toString());
    }

    @Test
    void rejectsAThirdLayerAsUsageError() {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "sgd", "--layers", "3", "--dim", "5", "--samples", "online",
                "--batch", "4", "--lr", "0.05", "--steps", "1000", "-o", dir.toString());
        assertEquals(ExitCode.USAGE, code);
        assertTrue(err.toString().contains("--layers"), err.toString());
    }
}
