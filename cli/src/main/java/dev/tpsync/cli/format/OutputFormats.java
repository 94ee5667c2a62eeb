package dev.tpsync.cli.format;

import dev.tpsync.input.InputException;
import java.util.List;
import java.util.Locale;

/** The formats {@code --format} accepts, looked up by name. */
public final class OutputFormats {

    private static final List<OutputFormat> ALL = List.of(
        new TextFormat(), new JsonFormat(), new SarifFormat(), new GithubFormat(), new EmailFormat());

    private OutputFormats() {
    }

    /** Every format, in the order help text lists them. */
    public static List<OutputFormat> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(OutputFormat::name).toList();
    }

    /** The format called {@code name}; a user error naming the valid ones otherwise. */
    public static OutputFormat byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat format : ALL) {
            if (format.name().equals(wanted)) {
                return format;
            }
        }
        throw new InputException("--format: unknown format '" + name + "'; use one of " + String.join(", ", names()));
    }
}
