package io.descatter.cli;

/** A command line that parses but cannot be carried out, such as an output path equal to the input path. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
