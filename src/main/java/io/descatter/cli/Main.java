package io.descatter.cli;

import io.descatter.model.ModelFormatException;
import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.util.OutOfHeap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code descatter} command: parses the command line and maps library errors to exit codes. */
@Command(
        name = "descatter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Removes resonant Mie scattering from FTIR spectra of cells and tissue.",
            "",
            "Spectra are read from CSV (wide, Quasar or columnar layout, detected automatically; "
                    + ".gz compressed or '-' for standard input) and written the same way, ids, metadata "
                    + "and row order kept, or from instrument and image files (ENVI, Agilent FPA tiles and mosaics, "
                    + "Bruker OPUS, MATLAB .mat, HDF5, Parquet; written as ENVI, .mat, .h5 or .parquet by the extension of -o; docs/FORMATS.md). "
                    + "Output files appear only when a command succeeds.",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  failure (I/O error, unwritable output, internal error)",
            "  2  usage error (bad option, output path equal to input path)",
            "  3  bad input data, or a missing input file (the message names file:line:column)",
            "  4  axis or model problem (axis not covered by the data; model for another axis; missing, damaged or foreign model)",
            "",
            "Run 'descatter COMMAND --help' for the options of one command."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            CorrectCommand.class,
            ModelsCommand.class,
            InfoCommand.class,
            ConvertCommand.class,
            EmscCommand.class,
            SimulateCommand.class,
            TrainCommand.class,
            AdaptCommand.class,
            EvaluateCommand.class,
            PlotCommand.class,
            MapCommand.class,
            SgdCommand.class,
            StabilityCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'descatter --help'");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line as the executable would, returning the exit code (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cl = newCommandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Errors bypass picocli's handler; the writers have already removed their temporary files.
            // An OutOfHeap says what would fit (a smaller --batch, the exact -Xmx, the wide layout for a columnar file).
            System.err.println("descatter: " + (e instanceof OutOfHeap ? e.getMessage() : "out of memory (heap " + OutOfHeap.heapMb()
                    + " MB): give Java more with JAVA_TOOL_OPTIONS=-Xmx" + 2 * OutOfHeap.heapMb() + "m"));
            return ExitCode.FAILURE;
        } finally {
            cl.getOut().flush(); // print() does not flush, and main() exits right after
            cl.getErr().flush();
        }
    }

    /** A command line with descatter's error handling; tests set its writers with setOut/setErr. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("descatter: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cl.getErr());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        int code;
        String message;
        if (ex instanceof BadInputException) {
            code = ExitCode.BAD_INPUT;
            message = ex.getMessage();
        } else if (ex instanceof AxisMismatchException || ex instanceof ModelFormatException) {
            code = ExitCode.MISMATCH;
            message = ex.getMessage();
        } else if (ex instanceof UsageException || ex instanceof io.descatter.dynamics.DivergedException) {
            code = ExitCode.USAGE;
            message = ex.getMessage();
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            code = ExitCode.FAILURE;
            message = describe(ex instanceof UncheckedIOException u ? u.getCause() : (IOException) ex);
        } else {
            code = ExitCode.FAILURE;
            message = "internal error: " + ex + " (set DESCATTER_DEBUG=1 for the stack trace)";
        }
        cl.getErr().println("descatter: " + message);
        if (System.getenv("DESCATTER_DEBUG") != null) ex.printStackTrace(cl.getErr());
        return code;
    }

    /** One line for an I/O failure: Java's own messages for file-system errors are only a path. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) return n.getFile() + ": " + (n.getReason() == null ? "no such file or folder" : n.getReason());
        if (e instanceof AccessDeniedException a) return a.getFile() + ": " + (a.getReason() == null ? "permission denied" : a.getReason());
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "cannot be accessed" : f.getReason();
            return f.getFile() + ": " + reason;
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
