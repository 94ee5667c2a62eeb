package dev.tpsync.cache;

import dev.tpsync.c.structure.StructureParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Names the cache format of this build: {@link FactsCodec#FORMAT} plus a hash of the class
 * files that decide what the facts are (the C front end under {@code dev/tpsync/c/}, the
 * codec, and the text decoding; in a jar, by the CRC-32 and size of each). A build whose
 * parser differs in any byte reads and writes
 * another cache directory, so facts from an older parser are never taken for current ones,
 * even when someone forgot to bump {@code FORMAT}. A rebuild with another compiler only costs
 * one cold run.
 */
public final class CacheVersion {

    /** Class-file prefixes whose bytes decide the facts. */
    private static final List<String> IDENTITY = List.of(
        "dev/tpsync/c/", "dev/tpsync/cache/FactsCodec", "dev/tpsync/cache/ByteSink", "dev/tpsync/cache/ByteSource",
        "dev/tpsync/source/FileContent");

    /** And those whose bytes decide a model's graph from the facts (call resolution, scoping). */
    private static final List<String> MODEL_IDENTITY = List.of("dev/tpsync/model/");

    private CacheVersion() {
    }

    /** E.g. {@code facts-v1-3f2a9c01d4e7}: the name of this build's cache directory. */
    public static String current() {
        return Holder.CURRENT;
    }

    /**
     * A hash of the class files that build a model's graph from the facts: part of every
     * {@link ModelCache} key, so a graph built by other resolution code is never restored.
     */
    public static String modelCode() {
        return Holder.MODEL;
    }

    /** Computed once per JVM: the class files of a running JVM do not change. */
    private static final class Holder {
        private static final TreeMap<String, byte[]> CLASSES = identityClasses();
        static final String CURRENT = FactsCodec.FORMAT + "-" + hash(IDENTITY);
        static final String MODEL = hash(MODEL_IDENTITY);

        private static String hash(List<String> prefixes) {
            MessageDigest sha = sha1();
            if (CLASSES.isEmpty()) {
                // Not loaded from a jar or a class directory: fall back to the declared format alone.
                sha.update(FactsCodec.FORMAT.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            CLASSES.forEach((name, bytes) -> {
                if (prefixes.stream().anyMatch(name::startsWith)) {
                    sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(bytes);
                }
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        }
    }

    private static TreeMap<String, byte[]> identityClasses() {
        try {
            CodeSource source = StructureParser.class.getProtectionDomain().getCodeSource();
            return source == null ? new TreeMap<>() : identityClassesIn(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return new TreeMap<>();
        }
    }

    /** The identity classes of the class directory or jar at {@code location}, by name. */
    static TreeMap<String, byte[]> identityClassesIn(Path location) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    List<Path> list = new ArrayList<>(files.filter(p -> p.toString().endsWith(".class")).toList());
                    for (Path p : list) {
                        String name = location.relativize(p).toString().replace('\\', '/');
                        if (isIdentity(name)) {
                            out.put(name, Files.readAllBytes(p));
                        }
                    }
                }
            } else {
                Optional<TreeMap<String, byte[]>> listed = identityClassesListedIn(location);
                return listed.isPresent() ? listed.get() : identityClassesOfZip(location);
            }
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            out.clear();
        }
        return out;
    }

    /** As {@link #identityClassesListedIn}, through {@link ZipFile}. */
    static TreeMap<String, byte[]> identityClassesOfZip(Path location) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (ZipFile jar = new ZipFile(location.toFile())) {
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (isIdentity(entry.getName()) && entry.getName().endsWith(".class")) {
                    out.put(entry.getName(), fingerprint(jar, entry));
                }
            }
        }
        return out;
    }

    /**
     * The identity classes of the jar at {@code location} by their {@link #fingerprint}s, read
     * from the jar's central directory in place: the shaded jar lists ~5,000 entries, and
     * {@link ZipFile} makes an entry and a name of each (~10 ms of every hook run); here only
     * names under dev/tpsync/ become strings. Empty for a zip this does not read (ZIP64, a
     * damaged directory): then {@link ZipFile} does.
     */
    static Optional<TreeMap<String, byte[]>> identityClassesListedIn(Path location) throws IOException {
        ByteBuffer zip;
        try (FileChannel channel = FileChannel.open(location)) {
            zip = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        int end = zip.limit() - 22;
        // The end-of-directory record: last, unless a comment of up to 64 KB follows it.
        while (end >= 0 && zip.getInt(end) != 0x06054b50) {
            end--;
            if (zip.limit() - end > 22 + 0xffff) {
                return Optional.empty();
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        int entries = zip.getShort(end + 10) & 0xffff;
        long at = zip.getInt(end + 16) & 0xffffffffL;
        if (entries == 0xffff || at == 0xffffffffL) {
            return Optional.empty();
        }
        byte[] ours = "dev/tpsync/".getBytes(StandardCharsets.US_ASCII);
        TreeMap<String, byte[]> out = new TreeMap<>();
        int pos = (int) at;
        for (int i = 0; i < entries; i++) {
            if (pos + 46 > end || zip.getInt(pos) != 0x02014b50) {
                return Optional.empty();
            }
            int nameLength = zip.getShort(pos + 28) & 0xffff;
            int next = pos + 46 + nameLength + (zip.getShort(pos + 30) & 0xffff) + (zip.getShort(pos + 32) & 0xffff);
            if (startsWith(zip, pos + 46, nameLength, ours)) {
                byte[] name = new byte[nameLength];
                zip.get(pos + 46, name);
                String path = new String(name, StandardCharsets.UTF_8);
                if (isIdentity(path) && path.endsWith(".class")) {
                    out.put(path, ByteBuffer.allocate(16).putLong(zip.getInt(pos + 16) & 0xffffffffL)
                        .putLong(zip.getInt(pos + 24) & 0xffffffffL).array());
                }
            }
            pos = next;
        }
        return Optional.of(out);
    }

    private static boolean startsWith(ByteBuffer zip, int at, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (zip.get(at + k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A class file in the jar by the CRC-32 and size its directory records: a byte that differs
     * changes them, and nothing is inflated (reading every identity class cost each run that opens
     * the cache ~20 ms, a twentieth of a pre-commit hook on unreached code). The bytes when the
     * directory does not say.
     */
    private static byte[] fingerprint(ZipFile jar, ZipEntry entry) throws IOException {
        if (entry.getCrc() < 0 || entry.getSize() < 0) {
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
        return ByteBuffer.allocate(16).putLong(entry.getCrc()).putLong(entry.getSize()).array();
    }

    private static boolean isIdentity(String classFile) {
        if (!classFile.startsWith("dev/tpsync/")) {
            return false;
        }
        for (String prefix : IDENTITY) {
            if (classFile.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : MODEL_IDENTITY) {
            if (classFile.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
