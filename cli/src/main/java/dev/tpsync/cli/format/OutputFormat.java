package dev.tpsync.cli.format;

import dev.tpsync.report.Report;
import java.io.IOException;
import java.io.Writer;

/**
 * One way of printing a {@link Report}: for a terminal, a program, a CI service or a mailing
 * list. A format writes the whole report to {@code out} and never closes it; where the bytes
 * go is {@link OutputTarget}'s business.
 */
public interface OutputFormat {

    /** The name given to {@code --format}. */
    String name();

    void write(Report report, FormatOptions options, Writer out) throws IOException;
}
