package io.descatter.spectra.image;

/**
 * Marks a {@link SpectralImage} that reads block after block in file order, and slowly out of it (a table whose rows
 * are decoded in sequence, as Parquet's): a pipeline reads its blocks ahead on one thread of its own, in the order it
 * hands them out, rather than on the workers in whatever order they come to them.
 */
public interface SequentialRows {
}
