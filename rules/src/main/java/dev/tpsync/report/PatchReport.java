package dev.tpsync.report;

import dev.tpsync.rules.spi.Finding;
import java.util.List;

/**
 * The review of one patch of a series.
 *
 * @param index      1-based position in the series
 * @param total      number of patches in the series
 * @param subject    subject without the [PATCH n/m] prefix
 * @param author     "Name <email>", or empty
 * @param commitId   the commit id when reviewing a range, or empty
 * @param messageId  the mail's Message-ID when known, or empty (used for In-Reply-To)
 * @param diffText   the patch's diff, for formats that quote hunks
 * @param introduced findings this patch introduces (or makes worse)
 * @param resolved   findings that go away with this patch
 */
public record PatchReport(int index, int total, String subject, String author, String commitId, String messageId,
                          String diffText, List<Finding> introduced, List<Finding> resolved) {

    public PatchReport {
        introduced = List.copyOf(introduced);
        resolved = List.copyOf(resolved);
    }

    /** "[PATCH 2/5] subject", the way a maintainer names it. */
    public String label() {
        return "[PATCH " + index + "/" + total + "] " + subject;
    }
}
