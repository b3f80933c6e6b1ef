package org.clipsynergy.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import org.clipsynergy.ProjectLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clip-synergy} command line: one subcommand per step of the Makefile. */
@Command(
        name = "clip-synergy",
        mixinStandardHelpOptions = true,
        version = "clip-synergy 0.1.0",
        description = "Run CLIP backbones, cache what they see, and analyse the cache.",
        subcommands = {
            ExtractCommand.class,
            TrainZooCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        java.util.concurrent.atomic.AtomicBoolean finished =
                new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    if (!finished.get()) {
                                        System.err.println(INTERRUPTED);
                                    }
                                },
                                "clip-synergy-interrupted"));
        int status = run(args);
        finished.set(true);
        System.exit(status);
    }

    /** Said when Ctrl-C or SIGTERM stops a command before it finished. */
    static final String INTERRUPTED =
            "clip-synergy: interrupted; what was finished is kept (completed chunks of each"
                    + " feature-cache entry, trained zoo members): run the same command again to"
                    + " resume";

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @return the exit status: 0 on success, 1 on a failure, 2 on a usage error
     */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(
                        (e, cmd, parsed) -> {
                            cmd.getErr()
                                    .println(
                                            cmd.getColorScheme()
                                                    .errorText(
                                                            "clip-synergy: "
                                                                    + message(e, cacheFolder())));
                            return 1;
                        })
                .execute(args);
    }

    /**
     * The text of a failure. A file system error (also one wrapped without a message of its own, as
     * in {@link java.io.UncheckedIOException}) names the file, the reason and the exception, and
     * under the feature cache says to check that the cache is writable; any other failure is its
     * message.
     *
     * @param e the failure
     * @param cache the feature cache folder, or null when unknown
     * @return the text, without the "clip-synergy: " prefix
     */
    static String message(Throwable e, Path cache) {
        if (e instanceof ReadOnlyFileSystemException) {
            return "cannot write: the file system is read-only (ReadOnlyFileSystemException)";
        }
        Throwable t = e;
        while (!(t instanceof FileSystemException)
                && t.getCause() != null
                && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (!(t instanceof FileSystemException f)) {
            return e.getMessage();
        }
        boolean inCache = cache != null && within(f.getFile(), cache);
        StringBuilder out = new StringBuilder(inCache ? "cannot write" : "cannot access");
        if (f.getFile() != null) {
            out.append(' ').append(f.getFile());
        }
        if (f.getOtherFile() != null) {
            out.append(" (with ").append(f.getOtherFile()).append(')');
        }
        out.append(": ")
                .append(f.getReason() != null ? f.getReason() : reason(f))
                .append(" (")
                .append(f.getClass().getSimpleName())
                .append(')');
        if (inCache) {
            out.append("; check that the feature cache ")
                    .append(cache)
                    .append(" is writable, or move it with CLIP_SYNERGY_CACHE");
        }
        return out.toString();
    }

    /** Whether a file named by an exception lies at or under a folder. */
    private static boolean within(String file, Path folder) {
        if (file == null) {
            return false;
        }
        try {
            return Path.of(file)
                    .toAbsolutePath()
                    .normalize()
                    .startsWith(folder.toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** What a file system error without a reason of its own means. */
    private static String reason(FileSystemException f) {
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        } else if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        } else if (f instanceof NotDirectoryException) {
            return "not a directory";
        } else if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        } else if (f instanceof NotLinkException) {
            return "not a symbolic link";
        } else if (f instanceof FileSystemLoopException) {
            return "a cycle of symbolic links";
        }
        return "file system error";
    }

    /** The feature cache folder of the project layout, or null when there is no layout. */
    private static Path cacheFolder() {
        try {
            return ProjectLayout.discover().cache();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
