package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Companion files travel with their image; every other file is a task of its own. */
class FileGroupTest {
    @Test
    void imagesKeepTheirCompanionsAndOpenTheirHeader() {
        List<FileGroup> groups = FileGroup.of(List.of(
                "hdfs://n/s/a.csv", "hdfs://n/s/a_0000_0001.csv",                          // CSV: one each, tile-like or not
                "hdfs://n/s/cube", "hdfs://n/s/cube.hdr",                                   // ENVI: data without extension
                "hdfs://n/s/m.dmt", "hdfs://n/s/M_0000_0000.dmd", "hdfs://n/s/m_0000_0001.dmd", // Agilent mosaic, stems in any case
                "hdfs://n/s/t.bsp", "hdfs://n/s/t.dat", "hdfs://n/s/t.seq",                 // Agilent tile
                "hdfs://n/s/x.mat", "hdfs://n/s/x.h5"));                                    // one file each
        assertEquals(List.of(
                List.of("hdfs://n/s/a.csv"),
                List.of("hdfs://n/s/a_0000_0001.csv"),
                List.of("hdfs://n/s/cube.hdr", "hdfs://n/s/cube"),
                List.of("hdfs://n/s/m.dmt", "hdfs://n/s/M_0000_0000.dmd", "hdfs://n/s/m_0000_0001.dmd"),
                List.of("hdfs://n/s/t.bsp", "hdfs://n/s/t.dat", "hdfs://n/s/t.seq"),
                List.of("hdfs://n/s/x.mat"),
                List.of("hdfs://n/s/x.h5")), groups.stream().map(FileGroup::files).toList());
    }
}
