package dev.tpsync.cli.format;

import java.util.Objects;
import java.util.Optional;

/**
 * What a format needs to know beyond the report.
 *
 * @param color         emit ANSI colour (decided once by {@link ColorChoice})
 * @param toolVersion   tpsync's version, printed in machine-readable formats
 * @param sourceRootUri the {@code file:} URI of the tree root ending in '/', for SARIF's
 *                      {@code SRCROOT}; empty to take it from the report's first input when that
 *                      is a directory. Tests pass a placeholder so golden files are portable.
 * @param showSuppressed list the findings hidden by suppressions and the baseline (text format)
 */
public record FormatOptions(boolean color, String toolVersion, Optional<String> sourceRootUri,
                            boolean showSuppressed) {

    public FormatOptions {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(sourceRootUri, "sourceRootUri");
        sourceRootUri = sourceRootUri.map(FormatOptions::withTrailingSlash);
    }

    public FormatOptions(boolean color, String toolVersion) {
        this(color, toolVersion, Optional.empty(), false);
    }

    public FormatOptions(boolean color, String toolVersion, Optional<String> sourceRootUri) {
        this(color, toolVersion, sourceRootUri, false);
    }

    public FormatOptions withSourceRootUri(String uri) {
        return new FormatOptions(color, toolVersion, Optional.of(uri), showSuppressed);
    }

    public FormatOptions withShowSuppressed(boolean show) {
        return new FormatOptions(color, toolVersion, sourceRootUri, show);
    }

    // SARIF resolves a relative uri against its base by RFC 3986 rules, which drop the last
    // segment of a base that does not end in '/'.
    private static String withTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
