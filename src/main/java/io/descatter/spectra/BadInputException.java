package io.descatter.spectra;

/**
 * Input data that cannot be used as it is: a malformed cell, a ragged row, an axis that is not monotonic.
 * The message is one line that names the place ({@code file:line:column}) and what is wrong, ready for a user.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final int column;
    private final String problem;

    /**
     * @param source file name as the user gave it ({@code -} for standard input)
     * @param line   1-based line, or 0 when the problem concerns the whole file
     * @param column 1-based CSV column (cell index), or 0 when the problem concerns a whole line
     * @param problem what is wrong, without the location
     */
    public BadInputException(String source, long line, int column, String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    static String format(String source, long line, int column, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.append(": ").append(problem).toString();
    }

    /**
     * The same problem said of the file a library-level name stood for: a library that works on arrays names what is
     * wrong generically ("reference"), and the command that read the array from a file names the file instead.
     */
    public BadInputException renamed(String placeholder, String file) {
        if (!source.equals(placeholder)) return this;
        BadInputException e = new BadInputException(file, line, column, problem);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public String source() { return source; }

    public long line() { return line; }

    public int column() { return column; }

    public String problem() { return problem; }

    /**
     * A name that is no file; with a wildcard in it, a shell pattern that matched nothing (the shell then passes the
     * pattern itself), which the message says.
     */
    public static BadInputException noSuchFile(String name) {
        return new BadInputException(name, 0, 0, name.contains("*") || name.contains("?")
                ? "no such file: no file matches this pattern (check the folder and the extension)" : "no such file");
    }
}
