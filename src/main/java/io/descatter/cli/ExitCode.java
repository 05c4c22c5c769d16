package io.descatter.cli;

/** The documented exit codes of every descatter command. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something failed that is not the input's fault: an unwritable output, a full disk, an internal error. */
    public static final int FAILURE = 1;
    /** The command line is wrong: an unknown option, a missing argument, the output equal to the input. */
    public static final int USAGE = 2;
    /** The input data is malformed: the message names file, line and column. */
    public static final int BAD_INPUT = 3;
    /** Axes or models that do not fit together: a target axis outside the data's range, a model for another axis. */
    public static final int MISMATCH = 4;

    private ExitCode() {
    }
}
