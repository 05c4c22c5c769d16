package io.descatter.spectra.image;

/**
 * Marks a {@link SpectralImage} whose {@link SpectralImage#readRows} may run on several threads at once (positional
 * reads of an immutable file): the worker threads of a pipeline then read their blocks in parallel. Without it,
 * reads of one image take turns.
 */
public interface ConcurrentRows {
}
