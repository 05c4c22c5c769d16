package io.descatter.cli;

/** What the commands that read or write spectra files say about them in --help: one text, every format named. */
final class SpectraFiles {
    /** The formats read (by content and name, docs/FORMATS.md). */
    static final String READ = "CSV, .gz, an image: ENVI .hdr or its data file, Agilent .dmt/.bsp/.dat, Bruker OPUS, MATLAB .mat, "
            + "HDF5 .h5, Parquet (a .parquet file or Spark's folder of part files)";
    /** The formats written, by the output's extension. */
    static final String WRITTEN = ".gz compresses; .hdr or .img writes an ENVI image, float32; .mat MATLAB, .h5 HDF5, .parquet "
            + "Parquet (docs/FORMATS.md); - for standard output";

    private SpectraFiles() {
    }
}
