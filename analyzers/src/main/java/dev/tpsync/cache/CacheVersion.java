package dev.tpsync.cache;

import dev.tpsync.c.structure.StructureParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
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
                // A plain zip read: the shaded jar has ~5,000 entries, and JarFile wraps each one.
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        if (isIdentity(entry.getName()) && entry.getName().endsWith(".class")) {
                            out.put(entry.getName(), fingerprint(jar, entry));
                        }
                    }
                }
            }
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            out.clear();
        }
        return out;
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
        return java.nio.ByteBuffer.allocate(16).putLong(entry.getCrc()).putLong(entry.getSize()).array();
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
