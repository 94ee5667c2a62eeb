package dev.tpsync.patch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded-words ({@code =?UTF-8?B?...?=}, {@code =?ISO-8859-1?Q?...?=}) in a
 * header value. Adjacent words of one charset are decoded together, so a UTF-8 character
 * split across two words survives; whitespace between encoded words is dropped.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    static String decode(String value) {
        Matcher m = WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int last = 0;
        while (m.find()) {
            String gap = value.substring(last, m.start());
            Charset cs = charset(m.group(1));
            boolean adjacent = pendingCharset != null && gap.isBlank();
            if (cs == null) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(gap).append(m.group());
                last = m.end();
                continue;
            }
            if (!adjacent) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(gap);
            } else if (!cs.equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
            }
            pendingCharset = cs;
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : qDecode(m.group(3));
            pending.writeBytes(bytes);
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(value.substring(last));
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset cs) {
        if (cs != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), cs));
        }
        pending.reset();
    }

    private static Charset charset(String name) {
        String n = name;
        int star = n.indexOf('*'); // RFC 2231 language tag: UTF-8*en
        if (star >= 0) {
            n = n.substring(0, star);
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] qDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static int hex(char c) {
        return Character.digit(c, 16);
    }
}
