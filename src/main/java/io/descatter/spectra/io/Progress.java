package io.descatter.spectra.io;

/** Receives progress of a long job: work done out of a total (-1 when unknown), in the job's own unit. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    void update(long done, long total);
}
