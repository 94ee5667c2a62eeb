package dev.tpsync.patch;

import java.util.List;

/**
 * One patch of a series: where it sits in the series, who wrote it, its commit message and
 * its diff. {@code subject} has the {@code [PATCH v3 2/7]} prefix removed; {@code rawSubject}
 * is the decoded header as sent. {@code messageId} and {@code commitId} are empty when the
 * input does not carry them. {@code diffText} follows the ISO-8859-1 convention.
 * {@code references} are the Message-IDs of the mails the patch's mail replies to, oldest
 * first (its References header: the cover letter, for a series sent by git send-email),
 * without angle brackets; none for a commit. {@code mailSubject} is the mail's Subject header as
 * sent, decoded (what a reply puts after "Re: "); empty when the patch came in no mail (a
 * commit, the index, a plain diff).
 */
public record Patch(int index, int total, String subject, String rawSubject, String author, String messageId,
                    String commitId, String message, String diffText, List<FilePatch> files,
                    List<String> references, String mailSubject) {

    public Patch {
        if (subject == null || rawSubject == null || author == null || messageId == null || commitId == null
                || message == null || diffText == null || mailSubject == null) {
            throw new IllegalArgumentException("Patch fields must not be null; use empty strings");
        }
        files = List.copyOf(files);
        references = List.copyOf(references);
    }

    /** A patch that is no reply in a mail thread: a commit, a diff, a mail on its own. */
    public Patch(int index, int total, String subject, String rawSubject, String author, String messageId,
                 String commitId, String message, String diffText, List<FilePatch> files) {
        this(index, total, subject, rawSubject, author, messageId, commitId, message, diffText, files, List.of());
    }

    /** A patch that came in no mail, or whose mail's subject is not at hand. */
    public Patch(int index, int total, String subject, String rawSubject, String author, String messageId,
                 String commitId, String message, String diffText, List<FilePatch> files,
                 List<String> references) {
        this(index, total, subject, rawSubject, author, messageId, commitId, message, diffText, files, references,
            "");
    }

    /** The words of the mail's tag before the number ("PATCH v2", "RFC PATCH net-next"); "PATCH" for a commit. */
    public String tag() {
        return SubjectLine.tagOf(rawSubject);
    }

    /** "2/5 (mm: foo)", the way messages name a patch. */
    public String label() {
        return index + "/" + total + " (" + subject + ")";
    }

    Patch renumbered(int newIndex, int newTotal) {
        return new Patch(newIndex, newTotal, subject, rawSubject, author, messageId, commitId, message, diffText, files,
            references, mailSubject);
    }
}
