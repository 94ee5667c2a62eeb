package dev.tpsync.cli.options;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.Version;
import dev.tpsync.cli.format.ColorChoice;
import dev.tpsync.cli.format.FormatOptions;
import dev.tpsync.cli.format.OutputFormat;
import dev.tpsync.cli.format.OutputFormats;
import dev.tpsync.cli.format.OutputTarget;
import dev.tpsync.input.InputException;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --format, --output, --fail-on and --color: how a report leaves tpsync and what exit code it gives. */
public final class OutputOptions {

    // The defaults are the fields' initial values, which picocli takes as defaults: an instance
    // made without picocli then holds what picocli gives it (HookCommandLine).
    @Option(names = "--format", paramLabel = "FORMAT",
        description = "text, json, sarif, github or email (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "write the report to FILE (atomically) instead of stdout")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
        description = "exit 1 when a finding is at or above LEVEL: error, warning, note or never "
            + "(default: ${DEFAULT-VALUE})")
    String failOn = "error";

    @Option(names = "--color", paramLabel = "WHEN",
        description = "auto, always or never (default: ${DEFAULT-VALUE}; NO_COLOR is honoured)")
    String color = "auto";

    /** Validates the options before any work is done, so a typo fails fast. */
    /** Checks the options, and that --output is not {@code baseline}, which the run also writes. */
    public void validate(Optional<Path> baseline) {
        OutputFormats.byName(format);
        ColorChoice.Mode.parse(color);
        failLevel();
        if (output != null && baseline.isPresent() && sameFile(output, baseline.get())) {
            throw new InputException("--output and --write-baseline name the same file (" + output + "); the report"
                + " would replace the baseline: give two files");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    public String format() {
        return format;
    }

    /** Writes {@code report} and returns the exit code --fail-on gives it. */
    public int emit(Report report, PrintWriter stdout) throws IOException {
        return emit(report, stdout, false);
    }

    /** Like {@link #emit(Report, PrintWriter)}, listing suppressed findings when asked (--show-suppressed). */
    public int emit(Report report, PrintWriter stdout, boolean showSuppressed) throws IOException {
        OutputFormat fmt = OutputFormats.byName(format);
        boolean toTerminal = output == null && ColorChoice.stdoutIsTerminal();
        boolean useColor = ColorChoice.decide(ColorChoice.Mode.parse(color), System.getenv(), toTerminal);
        FormatOptions options = new FormatOptions(useColor, Version.current()).withShowSuppressed(showSuppressed);
        OutputTarget target = output == null ? OutputTarget.stdout(stdout) : OutputTarget.file(output);
        target.write(w -> fmt.write(report, options, w));
        stdout.flush();
        Severity level = failLevel();
        return level != null && report.failsAt(level) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The --fail-on level, or null for never. */
    private Severity failLevel() {
        if (failOn.equals("never")) {
            return null;
        }
        try {
            return Severity.parse(failOn, "--fail-on");
        } catch (InputException e) {
            throw new InputException("--fail-on: unknown level '" + failOn + "'; use error, warning, note or never");
        }
    }
}
