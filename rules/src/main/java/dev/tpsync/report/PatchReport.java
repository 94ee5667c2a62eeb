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
 * @param prefix     what the mail's subject put before the number ("PATCH v2", "RFC PATCH net-next");
 *                   "PATCH" for a commit
 * @param references the Message-IDs the patch's mail replies to, oldest first (the cover letter);
 *                   with {@code messageId}, a reply's References
 * @param mailSubject the patch mail's Subject as sent (decoded), or empty when the patch came in no mail
 */
public record PatchReport(int index, int total, String subject, String author, String commitId, String messageId,
                          String diffText, List<Finding> introduced, List<Finding> resolved, String prefix,
                          List<String> references, String mailSubject) {

    public PatchReport {
        introduced = List.copyOf(introduced);
        resolved = List.copyOf(resolved);
        references = List.copyOf(references);
    }

    /** The review of a patch that came in no mail (a commit), or whose mail's subject is not at hand. */
    public PatchReport(int index, int total, String subject, String author, String commitId, String messageId,
                       String diffText, List<Finding> introduced, List<Finding> resolved, String prefix,
                       List<String> references) {
        this(index, total, subject, author, commitId, messageId, diffText, introduced, resolved, prefix, references,
            "");
    }

    /** The review of a commit, or of a patch whose subject said only "PATCH" and replied to no mail. */
    public PatchReport(int index, int total, String subject, String author, String commitId, String messageId,
                       String diffText, List<Finding> introduced, List<Finding> resolved) {
        this(index, total, subject, author, commitId, messageId, diffText, introduced, resolved, "PATCH", List.of());
    }

    /** "[PATCH 2/5] subject", the way a maintainer names it. */
    public String label() {
        return "[PATCH " + index + "/" + total + "] " + subject;
    }

    /**
     * What a reply to the patch says after "Re: ": its mail's subject as sent; for a patch that
     * came in no mail, the subject git format-patch gives it ("[PATCH] subject" alone, "[PATCH 2/5]
     * subject" in a series).
     */
    public String mailLabel() {
        if (!mailSubject.isEmpty()) {
            return mailSubject;
        }
        return "[" + prefix + (total == 1 ? "" : " " + index + "/" + total) + "] " + subject;
    }

    /** This review with {@code gone} in place of its resolved findings. */
    public PatchReport withResolved(List<Finding> gone) {
        return new PatchReport(index, total, subject, author, commitId, messageId, diffText, introduced, gone, prefix,
            references, mailSubject);
    }

    /** This review with {@code introduced} in place of its own (triage drops what is suppressed). */
    public PatchReport withIntroduced(List<Finding> kept) {
        return new PatchReport(index, total, subject, author, commitId, messageId, diffText, kept, resolved, prefix,
            references, mailSubject);
    }
}
