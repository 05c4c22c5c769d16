package io.descatter.dynamics;

/**
 * Prints both engines' speed (not a test): run with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.descatter.dynamics.SgdBenchmarkRunner}.
 */
public final class SgdBenchmarkRunner {
    private SgdBenchmarkRunner() {
    }

    public static void main(String[] args) {
        int d = 20;
        int b = 4;
        for (int rep = 0; rep < 3; rep++) {
            System.out.println(SgdBenchmark.run("fast", d, b, 20_000_000, 1));
            System.out.println(SgdBenchmark.run("fast", 14, 10, 5, 10_000_000, 1));
        }
        System.out.println(SgdBenchmark.run("dl4j", d, b, 20_000, 1));
    }
}
