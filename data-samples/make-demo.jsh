// Writes data-samples/demo_spectra.csv: 40 toy absorbance spectra (a few Lorentzian bands on a sloping,
// wavy baseline) on the 1556-point 1000.89-3999.71 cm-1 grid of measured cell data. Deterministic.
// Run from the project root:  jshell data-samples/make-demo.jsh
// This is a stand-in until the simulator ships a physically distorted sample.
import java.nio.file.*;
var rnd = new java.util.Random(20261126L);
int points = 1556;
double first = 1000.89, last = 3999.71;
var sb = new StringBuilder("id,tissue");
double[] wn = new double[points];
for (int k = 0; k < points; k++) { wn[k] = Math.round((first + k * (last - first) / (points - 1)) * 100) / 100.0; sb.append(',').append(wn[k]); }
sb.append('\n');
double[][] bands = {{1655, 18, 1.0}, {1545, 20, 0.6}, {1240, 25, 0.25}, {1085, 22, 0.2}, {2925, 15, 0.3}, {2855, 10, 0.15}, {3290, 90, 0.55}, {1740, 10, 0.1}};
for (int s = 0; s < 40; s++) {
    String type = s % 2 == 0 ? "epithelial" : "stroma";
    sb.append("demo_").append(String.format("%02d", s)).append(',').append(type);
    double scale = 0.3 + 0.4 * rnd.nextDouble(), slope = 0.05 * rnd.nextGaussian(), wave = 0.03 * rnd.nextDouble(), phase = rnd.nextDouble() * 6.28;
    for (int k = 0; k < points; k++) {
        double a = 0;
        for (double[] b : bands) a += b[2] * b[1] * b[1] / ((wn[k] - b[0]) * (wn[k] - b[0]) + b[1] * b[1]);
        double x = (wn[k] - 1000) / 3000;
        double v = scale * a + slope * x + wave * Math.sin(6 * x + phase) + 0.002 * rnd.nextGaussian();
        sb.append(',').append(String.format(java.util.Locale.ROOT, "%.6g", v));
    }
    sb.append('\n');
}
Files.writeString(Path.of("data-samples/demo_spectra.csv"), sb.toString());
System.out.println("wrote data-samples/demo_spectra.csv");
/exit
