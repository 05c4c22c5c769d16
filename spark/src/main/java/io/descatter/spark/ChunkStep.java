package io.descatter.spark;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.ChunkPipeline;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * How a partition's batches are corrected, made on the driver and shipped to the executors: the same per-batch code
 * as the CLI's (a {@link ChunkPipeline.Stage}), which turns a chunk of raw spectra on the input's axis into one on
 * the output axis with extra metadata cells.
 */
interface ChunkStep extends Serializable {
    /** The stage for batches of up to {@code rows} spectra; made on the executor, once per partition. */
    ChunkPipeline.Stage stage(int rows);

    /** A check of each raw chunk before its stage (the CLI's absorbance check), or null. */
    Consumer<SpectraChunk> check();
}
