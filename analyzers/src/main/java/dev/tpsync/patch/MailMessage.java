package dev.tpsync.patch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RFC 822 message: unfolded headers and the body with its transfer encoding undone and,
 * for multipart mail, the text parts joined. Header values and the body stay in the
 * ISO-8859-1 convention (one char per byte); {@link #utf8} decodes for display.
 */
record MailMessage(List<Header> headers, String body) {

    record Header(String name, String value) {
    }

    /** Why a message could not be read; the reader turns it into a one-line InputException. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private static final Pattern HEADER = Pattern.compile("([\\x21-\\x39\\x3b-\\x7e]+):[ \\t]?(.*)");
    private static final Pattern PARAM = Pattern.compile("(?i);\\s*([a-z0-9*-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    MailMessage {
        headers = List.copyOf(headers);
    }

    /** True when the text starts like a mail header ("Name: value"). */
    static boolean startsWithHeader(String text) {
        int nl = text.indexOf('\n');
        return HEADER.matcher(nl < 0 ? text : text.substring(0, nl)).matches();
    }

    /** Parses a whole message; {@code text} has LF line ends. */
    static MailMessage parse(String text) throws Malformed {
        List<Header> headers = new ArrayList<>();
        int pos = 0;
        boolean blankSeen = false;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                // The last header without a newline: the message ends inside its headers.
                break;
            }
            String line = text.substring(pos, nl);
            pos = nl + 1;
            if (line.isEmpty()) {
                blankSeen = true;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + line));
                continue;
            }
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                throw new Malformed("has a bad header line '" + shorten(line) + "'");
            }
            headers.add(new Header(m.group(1), m.group(2)));
        }
        if (!blankSeen) {
            throw new Malformed("ends inside its headers");
        }
        MailMessage raw = new MailMessage(headers, text.substring(pos));
        return new MailMessage(headers, raw.decodedBody());
    }

    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    private String decodedBody() throws Malformed {
        String type = header("Content-Type").orElse("text/plain").strip();
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.startsWith("multipart/")) {
            Optional<String> boundary = param(type, "boundary");
            if (boundary.isEmpty()) {
                throw new Malformed("is multipart without a boundary");
            }
            return joinTextParts(boundary.get());
        }
        String cte = header("Content-Transfer-Encoding").orElse("7bit").strip().toLowerCase(Locale.ROOT);
        String decoded = switch (cte) {
            case "quoted-printable" -> quotedPrintable(body);
            case "base64" -> base64(body);
            default -> body;
        };
        return normalizeCrlf(decoded);
    }

    private String joinTextParts(String boundary) throws Malformed {
        String delimiter = "--" + boundary;
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : body.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.equals(delimiter) || l.equals(delimiter + "--")) {
                if (current != null) {
                    parts.add(current.toString());
                }
                current = l.equals(delimiter) ? new StringBuilder() : null;
                if (current == null) {
                    break;
                }
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (parts.isEmpty()) {
            throw new Malformed("is multipart but has no part delimited by '" + shorten(delimiter) + "'");
        }
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            MailMessage p = parse(startsWithHeader(part) || part.startsWith("\n") ? part : "\n" + part);
            String t = p.header("Content-Type").orElse("text/plain").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            // HTML is the other rendering of multipart/alternative; its <pre> diff would count twice.
            boolean textual = (t.startsWith("text/") && !t.equals("text/html")) || t.equals("application/x-patch")
                    || t.equals("application/x-diff") || t.startsWith("multipart/");
            if (textual) {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
                text.append(p.body());
            }
        }
        return text.toString();
    }

    static Optional<String> param(String headerValue, String name) {
        Matcher m = PARAM.matcher(headerValue);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return Optional.of(m.group(3) != null ? m.group(3) : m.group(2));
            }
        }
        return Optional.empty();
    }

    private static String quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = text.split("\n", -1);
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            boolean soft = false;
            int end = line.length();
            // Trailing whitespace on an encoded line is transport padding (RFC 2045 6.7).
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
                end--;
            }
            for (int i = 0; i < end; i++) {
                char c = line.charAt(i);
                if (c == '=') {
                    if (i == end - 1) {
                        soft = true;
                    } else if (i + 2 < end && EncodedWords.hex(line.charAt(i + 1)) >= 0 && EncodedWords.hex(line.charAt(i + 2)) >= 0) {
                        out.write(EncodedWords.hex(line.charAt(i + 1)) * 16 + EncodedWords.hex(line.charAt(i + 2)));
                        i += 2;
                    } else {
                        out.write(c);
                    }
                } else {
                    out.write(c);
                }
            }
            if (!soft && li < lines.length - 1) {
                out.write('\n');
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String base64(String text) throws Malformed {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(text.strip().getBytes(StandardCharsets.ISO_8859_1));
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw new Malformed("has a base64 body that does not decode (" + e.getMessage() + ")");
        }
    }

    /** CRLF to LF when every line of the text ends in CRLF (a Windows or SMTP-framed copy). */
    static String normalizeCrlf(String text) {
        int lf = 0;
        int crlf = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            lf++;
            if (i > 0 && text.charAt(i - 1) == '\r') {
                crlf++;
            }
        }
        return lf > 0 && lf == crlf ? text.replace("\r\n", "\n") : text;
    }

    /** Strict UTF-8 decoding of ISO-8859-1-convention text; empty when the bytes are not UTF-8. */
    static Optional<String> utf8(String latin1) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static String shorten(String s) {
        String t = s.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
