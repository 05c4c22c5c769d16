package io.descatter.spectra;

/**
 * Two wavenumber axes that cannot be brought together: a target range that the data does not cover, an axis too
 * coarse for what is asked of it. The message is one line; when the problem belongs to one input it names it
 * first ({@code subject: problem}).
 */
public class AxisMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String problem;

    /** A problem of no one input in particular (two axes together). */
    public AxisMismatchException(String message) {
        this(null, message);
    }

    /**
     * @param subject the input whose axis it is (a file name, or a library-level name such as "reference"), or null
     * @param problem what is wrong, without the subject
     */
    public AxisMismatchException(String subject, String problem) {
        super(subject == null ? problem : subject + ": " + problem);
        this.subject = subject;
        this.problem = problem;
    }

    public String subject() { return subject; }

    /** The same problem, said of one file: {@code "FILE: problem"} (replacing a subject it had). */
    public AxisMismatchException in(String file) {
        AxisMismatchException e = new AxisMismatchException(file, problem);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** As {@link BadInputException#renamed}: the file a library-level subject stood for; unchanged for other subjects. */
    public AxisMismatchException renamed(String placeholder, String file) {
        return placeholder.equals(subject) ? in(file) : this;
    }
}
