package dev.descent.cli;

import dev.descent.experiment.RunFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line {@code descent: <message>} on stderr, plus at most one hint
 * line, and an exit status: 2 for bad input (usage errors, {@link IllegalArgumentException},
 * {@link UnsupportedOperationException}, {@link IOException} and its unchecked wrapper, and
 * {@link MemoryShortage}: a network that does not fit in memory), 1 for anything else. A failed
 * run of a sweep is judged by what it threw. The stack trace follows only with {@code --debug}.
 *
 * <p>An exception message of two lines is printed as message and hint.
 */
final class ErrorHandler
        implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    private static final String DEBUG_OPTION = "--debug";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String help = "try '" + commandLine.getCommandSpec().qualifiedName() + " --help'";
        String message = Options.givenText(lowercaseFirst(ex.getMessage()), args);
        if (ex instanceof UnmatchedArgumentException unmatched
                && !commandLine.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        err.println("descent: " + message + " (" + help + ")");
        if (ex instanceof UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            err.println("did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        printTraceIfDebug(ex, List.of(args), err);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = ex;
        if (cause instanceof RunFailedException && cause.getCause() instanceof OutOfMemoryError e) {
            cause = new MemoryShortage(e);
        }
        if (cause instanceof UncheckedIOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // A failed run of a sweep is judged by what it threw; its message says which run.
        Throwable judged = cause instanceof RunFailedException && cause.getCause() != null
                ? cause.getCause()
                : cause;
        boolean badInput = judged instanceof MemoryShortage
                || judged instanceof IllegalArgumentException
                || judged instanceof UnsupportedOperationException
                || judged instanceof IOException;
        if (badInput || cause instanceof IllegalStateException) {
            String message = describe(cause);
            printMessage(cause instanceof IllegalArgumentException
                    ? Options.givenText(message, parsed) : message, err);
        } else {
            err.println("descent: internal error: " + cause);
            err.println("this is a bug; run again with " + DEBUG_OPTION + " to see where it is");
        }
        printTraceIfDebug(ex, parsed.originalArgs(), err);
        err.flush();
        return badInput ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    /** The message of {@code error}, naming the file for the file-system exceptions. */
    static String describe(Throwable error) {
        if (error instanceof FileSystemException fileError) {
            String what = fileProblem(fileError);
            String reason = fileError.getReason();
            boolean addReason = reason != null && !reason.equals(what);
            return fileError.getFile() + ": " + (addReason ? what + " (" + reason + ")" : what);
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static String fileProblem(FileSystemException error) {
        if (error instanceof NoSuchFileException) {
            return "no such file or folder";
        } else if (error instanceof AccessDeniedException) {
            return "permission denied";
        } else if (error instanceof FileAlreadyExistsException) {
            return "already exists";
        } else if (error instanceof NotDirectoryException) {
            return "not a folder";
        } else if (error instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        return error.getReason() == null ? "cannot be accessed" : error.getReason();
    }

    private static void printMessage(String message, PrintWriter err) {
        String[] lines = message.strip().split("\\R", 3);
        err.println("descent: " + lines[0]);
        if (lines.length > 1) {
            err.println(lines[1]);
        }
    }

    private static void printTraceIfDebug(Throwable ex, List<String> args, PrintWriter err) {
        if (args.contains(DEBUG_OPTION)) {
            ex.printStackTrace(err);
        }
    }

    private static String lowercaseFirst(String message) {
        if (message == null || message.length() < 2 || !Character.isLowerCase(message.charAt(1))) {
            return message;
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
