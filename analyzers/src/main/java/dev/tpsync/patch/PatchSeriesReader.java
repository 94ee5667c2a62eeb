package dev.tpsync.patch;

import dev.tpsync.input.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a patch series from what people have on disk: a directory of {@code git format-patch}
 * files, one format-patch file, an mbox saved from a list archive or written by {@code b4 am},
 * a single mail, or a plain unified diff. Cover letters and replies are skipped with a note;
 * numbered patches are put in series order.
 */
public final class PatchSeriesReader {

    private static final String EXPECTED = "expected git format-patch output, an mbox or a unified diff";
    private static final Pattern PATCH_FILE =
            Pattern.compile("(?i).*\\.(patch|diff|eml|mbox|mbx)|\\d+|\\d+[-_.].*");
    // "From <sender> Thu Jan  1 00:00:00 1970": git, b4, lore and mail clients all write this shape.
    private static final Pattern MBOX_FROM_LINE = Pattern.compile(
            "From \\S+ +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2}"
                    + " \\d{1,2}:\\d{2}(:\\d{2})? .*\\d{4}.*");
    private static final Pattern COMMIT_ID = Pattern.compile("From ([0-9a-f]{40}) .*");
    private static final Pattern ESCAPED_FROM = Pattern.compile("(?m)^>(>*From )");
    private static final Pattern IN_BODY_HEADER = Pattern.compile("\\A(From|Subject|Date): ?(.*)\n");
    /** The number git format-patch puts first in a file's name: 0001-subject.patch, v3-0001-subject.patch. */
    private static final Pattern FORMAT_PATCH_NUMBER = Pattern.compile("(?:v\\d+-)?0*(\\d+)-");
    private static final Pattern BASE_COMMIT = Pattern.compile("(?m)^base-commit: *([0-9a-fA-F]{7,64})\\s*$");
    /** One Message-ID of a References or In-Reply-To header ("<id>", folded or not). */
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

    private PatchSeriesReader() {
    }

    /** Reads a file or a directory of patch files. */
    public static PatchSeries read(Path fileOrDir) {
        String name = fileOrDir.toString();
        Builder series = new Builder();
        if (Files.isDirectory(fileOrDir)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(fileOrDir)) {
                files = list.filter(Files::isRegularFile)
                        .filter(p -> PATCH_FILE.matcher(p.getFileName().toString()).matches())
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                throw new InputException("cannot read directory " + name + ": " + reason(e));
            }
            if (files.isEmpty()) {
                throw new InputException("no patch files in " + name
                        + ": expected *.patch, *.diff, *.eml or numbered files from git format-patch");
            }
            series.collectFiles(files);
        } else {
            series.collect(name, bytes(fileOrDir));
        }
        return series.finish(name);
    }

    /**
     * Reads patch files given one by one ({@code --patches v3-*.patch}, as git am and
     * checkpatch.pl take them), or the one file or directory when there is one.
     */
    public static PatchSeries read(List<Path> files) {
        if (files.size() == 1) {
            return read(files.get(0));
        }
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                throw new InputException(f + " is a directory: give one directory of patches, or patch files");
            }
        }
        Builder series = new Builder();
        series.collectFiles(files);
        return series.finish(files.size() + " files");
    }

    /**
     * Reads one input given as bytes; {@code name} is used in messages, and {@code "-"} is
     * called "standard input".
     */
    public static PatchSeries read(String name, byte[] content) {
        name = name.equals("-") ? "standard input" : name;
        Builder series = new Builder();
        series.collect(name, content);
        return series.finish(name);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException("cannot read " + file + ": no such file; give a patch file, a directory of"
                    + " patches or - for standard input");
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One message or diff as found in the input, before cover letters are dropped and numbers checked. */
    private record Candidate(String source, SubjectLine subject, String rawSubject, String author, String messageId,
                             String commitId, String message, String diffText, List<FilePatch> files,
                             List<String> references, String mailSubject) {
    }

    /** Collects candidates from one or more inputs and turns them into a series. */
    private static final class Builder {
        private final List<Candidate> candidates = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        /** The numbers of empty format-patch files skipped: not missing from the series. */
        private final java.util.Set<Integer> emptyFileNumbers = new java.util.HashSet<>();
        private Optional<String> baseCommit = Optional.empty();

        void collect(String name, byte[] content) {
            if (isBlank(content)) {
                throw new InputException(name + " is empty: " + EXPECTED);
            }
            if (isBinary(content)) {
                throw new InputException(name + " is not a patch: it contains binary data; " + EXPECTED);
            }
            String text = MailMessage.normalizeCrlf(new String(content, StandardCharsets.ISO_8859_1));
            if (text.startsWith("From ")) {
                List<String> messages = splitMbox(text);
                for (int i = 0; i < messages.size(); i++) {
                    String m = messages.get(i);
                    String fromLine = m.substring(0, Math.max(0, m.indexOf('\n')));
                    String where = messages.size() == 1 ? name : name + " message " + (i + 1);
                    MailMessage mail;
                    try {
                        mail = MailMessage.parse(ESCAPED_FROM.matcher(m.substring(fromLine.length() + 1)).replaceAll("$1"));
                    } catch (MailMessage.Malformed e) {
                        throw new InputException("corrupt mbox " + name + ": message " + (i + 1) + " " + e.getMessage()
                                + "; the file was truncated or damaged, save the thread again (e.g. with b4 mbox)");
                    }
                    Matcher id = COMMIT_ID.matcher(fromLine);
                    fromMail(where, mail, id.matches() ? id.group(1) : "");
                }
            } else if (MailMessage.startsWithHeader(text)) {
                MailMessage mail;
                try {
                    mail = MailMessage.parse(text);
                } catch (MailMessage.Malformed e) {
                    if (UnifiedDiffParser.looksLikeDiff(text)) {
                        fromDiff(name, text);
                        return;
                    }
                    throw new InputException("corrupt mail " + name + ": it " + e.getMessage()
                            + "; save the mail again or give the patch as a unified diff");
                }
                fromMail(name, mail, "");
            } else if (UnifiedDiffParser.looksLikeDiff(text)) {
                fromDiff(name, text);
            } else {
                throw new InputException("no patch found in " + name + ": " + EXPECTED);
            }
        }

        private void fromDiff(String name, String text) {
            String file = Path.of(name).getFileName() == null ? name : Path.of(name).getFileName().toString();
            List<FilePatch> files = parseDiff(name, file, text);
            candidates.add(new Candidate(name, new SubjectLine(file, Optional.empty(), Optional.empty()), file, "", "",
                    "", "", text, files, List.of(), ""));
        }

        private void fromMail(String where, MailMessage mail, String commitId) {
            String rawHeader = mail.header("Subject").orElse("");
            String subject = EncodedWords.decode(MailMessage.utf8(rawHeader).orElseThrow(() -> new InputException(
                    where + ": subject is not valid UTF-8; save the mail as UTF-8 or with RFC 2047 encoded headers")));
            subject = subject.replaceAll("\\s+", " ").strip();
            // What a reply says after "Re: ": the mail's own subject, whatever an in-body one says.
            String mailSubject = subject;
            String author = author(mail.header("From").orElse(""));
            String messageId = mail.header("Message-ID").orElse("").strip().replaceAll("^<|>$", "");
            List<String> references = threadOf(mail);

            String body = mail.body();
            // In-body headers (git format-patch when the sender is not the author) win over the mail's.
            while (true) {
                Matcher m = IN_BODY_HEADER.matcher(body);
                if (!m.find()) {
                    break;
                }
                String value = MailMessage.utf8(m.group(2)).map(EncodedWords::decode).orElse(m.group(2));
                if (m.group(1).equals("From")) {
                    author = author(m.group(2));
                } else if (m.group(1).equals("Subject")) {
                    subject = value.strip();
                }
                body = body.substring(m.end());
                if (body.startsWith("\n")) {
                    body = body.substring(1);
                    break;
                }
            }
            Matcher base = BASE_COMMIT.matcher(body);
            if (baseCommit.isEmpty() && base.find()) {
                baseCommit = Optional.of(base.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            if (subject.isEmpty()) {
                subject = where;
            }
            SubjectLine line = SubjectLine.parse(subject);
            String[] lines = body.split("\n", -1);
            int start = diffStart(lines);
            int end = start < 0 ? lines.length : start;
            for (int i = 0; i < end; i++) {
                if (lines[i].equals("---")) {
                    end = i;
                    break;
                }
            }
            String messageLatin1 = String.join("\n", java.util.Arrays.asList(lines).subList(0, end)).strip();
            String message = MailMessage.utf8(messageLatin1).orElse(messageLatin1);
            if (start < 0) {
                candidates.add(new Candidate(where, line, subject, author, messageId, commitId, message, "", List.of(),
                        references, mailSubject));
                return;
            }
            String diffText = withoutSignature(lines, start);
            List<FilePatch> files = parseDiff(where, line.index().map(i -> i + "/" + line.total().orElse(i) + " (" + line.summary() + ")")
                    .orElse("(" + line.summary() + ")"), diffText);
            candidates.add(new Candidate(where, line, subject, author, messageId, commitId, message, diffText, files,
                    references, mailSubject));
        }

        /**
         * The Message-IDs a mail replies to, oldest first: its References header, else its
         * In-Reply-To (a mail agent that writes only that), without angle brackets.
         */
        private static List<String> threadOf(MailMessage mail) {
            String header = mail.header("References").or(() -> mail.header("In-Reply-To")).orElse("");
            List<String> ids = new ArrayList<>();
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }

        private static List<FilePatch> parseDiff(String where, String label, String diffText) {
            try {
                return UnifiedDiffParser.parse(diffText);
            } catch (InputException e) {
                throw new InputException("patch " + label + " in " + where + ": " + e.getMessage());
            }
        }

        /** Each of several files; an empty one is skipped with a note. */
        void collectFiles(List<Path> files) {
            for (Path f : files) {
                byte[] content = bytes(f);
                if (files.size() > 1 && isBlank(content)) {
                    // git format-patch writes an empty commit (b4's cover-letter commit) as an empty file,
                    // whose number ("0001-") the series then lacks.
                    notes.add("skipped empty file " + f.getFileName());
                    Matcher number = FORMAT_PATCH_NUMBER.matcher(f.getFileName().toString());
                    if (number.lookingAt()) {
                        emptyFileNumbers.add(Integer.parseInt(number.group(1)));
                    }
                    continue;
                }
                collect(f.toString(), content);
            }
        }

        PatchSeries finish(String name) {
            List<Candidate> patches = new ArrayList<>();
            for (Candidate c : candidates) {
                if (c.subject().index().orElse(-1) == 0) {
                    notes.add("skipped cover letter '" + c.subject().summary() + "'");
                } else if (c.files().isEmpty()) {
                    notes.add("skipped message without a diff: '" + c.rawSubject() + "'");
                } else if (SubjectLine.isReply(c.rawSubject())) {
                    // A reply's diff is a reviewer's suggestion, not a patch of the series (b4 drops them too).
                    notes.add("skipped reply '" + c.rawSubject() + "'");
                } else {
                    patches.add(c);
                }
            }
            if (patches.isEmpty()) {
                throw new InputException("no patch found in " + name + ": " + EXPECTED);
            }
            List<Patch> result = new ArrayList<>();
            boolean numbered = patches.stream().allMatch(c -> c.subject().index().isPresent());
            if (numbered) {
                patches = newestVersion(patches);
                patches.sort(Comparator.comparing(c -> c.subject().index().orElseThrow()));
                int total = patches.stream().mapToInt(c -> c.subject().total().orElse(0)).max().orElse(patches.size());
                for (int i = 1; i < patches.size(); i++) {
                    Candidate a = patches.get(i - 1);
                    Candidate b = patches.get(i);
                    if (a.subject().index().equals(b.subject().index())) {
                        throw new InputException(name + " has two patches numbered " + a.subject().index().get() + "/"
                                + total + " ('" + a.rawSubject() + "' and '" + b.rawSubject()
                                + "'); keep one of them");
                    }
                }
                for (int n = 1; n <= total; n++) {
                    int want = n;
                    if (patches.stream().noneMatch(c -> c.subject().index().get() == want)
                            && !emptyFileNumbers.contains(want)) {
                        notes.add("patch " + n + "/" + total + " is missing from " + name);
                    }
                }
                for (Candidate c : patches) {
                    result.add(toPatch(c, c.subject().index().get(), total));
                }
            } else {
                for (int i = 0; i < patches.size(); i++) {
                    result.add(toPatch(patches.get(i), i + 1, patches.size()));
                }
            }
            return new PatchSeries(result, baseCommit, notes);
        }

        /**
         * The patches of the newest version when the input holds several ("[PATCH v2 1/3]" beside
         * v1's, as a thread saved whole has them), as b4 am takes the newest; a note names what
         * was left out.
         */
        private List<Candidate> newestVersion(List<Candidate> patches) {
            int newest = patches.stream().mapToInt(c -> SubjectLine.versionOf(c.rawSubject())).max().orElse(1);
            List<Candidate> kept = new ArrayList<>();
            java.util.SortedSet<Integer> older = new java.util.TreeSet<>();
            for (Candidate c : patches) {
                int version = SubjectLine.versionOf(c.rawSubject());
                if (version == newest) {
                    kept.add(c);
                } else {
                    older.add(version);
                }
            }
            if (!older.isEmpty()) {
                notes.add("reviewing v" + newest + " of the series; skipped " + (patches.size() - kept.size())
                        + " patches of " + String.join(", ", older.stream().map(v -> "v" + v).toList()));
            }
            return kept;
        }

        private static Patch toPatch(Candidate c, int index, int total) {
            return new Patch(index, total, c.subject().summary(), c.rawSubject(), c.author(), c.messageId(), c.commitId(),
                    c.message(), c.diffText(), c.files(), c.references(), c.mailSubject());
        }
    }

    /** Splits an mbox at its "From " separator lines; each piece starts with its From line. */
    static List<String> splitMbox(String text) {
        List<String> messages = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int start = 0;
        for (int i = 1; i < lines.length; i++) {
            if (isSeparator(lines, i)) {
                messages.add(String.join("\n", java.util.Arrays.asList(lines).subList(start, i)) + "\n");
                start = i;
            }
        }
        String last = String.join("\n", java.util.Arrays.asList(lines).subList(start, lines.length));
        messages.add(last.endsWith("\n") ? last : last + "\n");
        return messages;
    }

    /**
     * A "From " line with a date, followed by a header. format-patch --stdout does not escape
     * "From " in bodies, so a body line like "From v6.8 on ..." must not split a message.
     */
    private static boolean isSeparator(String[] lines, int i) {
        return lines[i].startsWith("From ") && MBOX_FROM_LINE.matcher(lines[i]).matches()
                && i + 1 < lines.length && MailMessage.startsWithHeader(lines[i + 1]);
    }

    private static int diffStart(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("diff --git ")) {
                return i;
            }
            if (l.startsWith("--- ") && i + 2 < lines.length && lines[i + 1].startsWith("+++ ")
                    && lines[i + 2].startsWith("@@ -")) {
                return i;
            }
        }
        return -1;
    }

    /** The diff from {@code start}, without a trailing "-- " signature (git version, sender's sig). */
    private static String withoutSignature(String[] lines, int start) {
        int end = lines.length;
        for (int i = lines.length - 1; i > start; i--) {
            if (lines[i].equals("-- ")) {
                long after = java.util.Arrays.stream(lines, i + 1, lines.length).filter(l -> !l.isBlank()).count();
                if (after <= 4) {
                    end = i;
                }
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    /** "Name <email>" from a From header, encoded-words decoded, quotes around the name removed. */
    private static String author(String rawFrom) {
        String from = MailMessage.utf8(rawFrom).orElse(rawFrom);
        from = EncodedWords.decode(from).replaceAll("\\s+", " ").strip();
        Matcher m = Pattern.compile("\"?(.*?)\"?\\s*<([^>]*)>").matcher(from);
        if (m.matches()) {
            String name = m.group(1).replace("\\\"", "\"").strip();
            return name.isEmpty() ? m.group(2) : name + " <" + m.group(2) + ">";
        }
        return from;
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** NUL bytes or many control characters: not mail or diff text. */
    private static boolean isBinary(byte[] content) {
        int n = Math.min(content.length, 64 * 1024);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = content[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                control++;
            }
        }
        return control * 20 > n;
    }
}
