package dev.tpsync.cache;

import dev.tpsync.model.ContextSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the model and summary stores share: one file per key under a directory, named by a hash
 * of the format, the cache version, the model code, the key and the spec; dated when used; the
 * few used last kept; strings written as a length and UTF-8.
 */
final class KeyedFiles {

    private KeyedFiles() {
    }

    /** The file of {@code key} read with {@code spec} in {@code dir}. */
    static Path of(Path dir, String format, String version, String key, ContextSpec spec, String suffix) {
        MessageDigest sha = CacheVersion.sha1();
        StringBuilder text = new StringBuilder().append(format).append('\0').append(version).append('\0')
            .append(CacheVersion.modelCode()).append('\0').append(key).append('\0').append(spec.cacheKey());
        sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HexFormat.of().formatHex(sha.digest()) + suffix);
    }

    /**
     * The bytes of {@code file}, copied out of a mapping of it. {@link Files#readAllBytes} reads
     * through a temporary direct buffer as large as the file, which the JDK zeroes first: for a
     * 5 MB slice on a hook run's critical path, ~7 ms of zeroing and a second copy.
     */
    static byte[] readWhole(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large to read whole");
            }
            byte[] bytes = new byte[(int) size];
            channel.map(FileChannel.MapMode.READ_ONLY, 0, size).get(bytes);
            return bytes;
        }
    }

    /** Dates a file that served a run to now, so pruning keeps it. Best effort (a read-only cache). */
    static void markUsed(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | UncheckedIOException e) {
            // Pruning falls back to the order the files were written in.
        }
    }

    /** Deletes all but the {@code keep} files ending in {@code suffix} dated last. */
    static void keepUsedLast(Path dir, String suffix, int keep) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted(
                Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
        }
        for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
    }

    /**
     * Puts {@code line} first in the list {@code file} (a git tree id per line, newest first,
     * maybe followed by a space and what the launcher checks before it trusts the line), keeping
     * at most {@code keep} lines, one per tree id: the lists the launcher reads to choose a
     * run's JVM options. Best effort: without the list the launcher picks the options of a cold
     * run.
     */
    static void noteFirst(Path file, String line, int keep) {
        try {
            List<String> lines = new ArrayList<>();
            lines.add(line);
            if (Files.exists(file)) {
                List<String> was = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!was.isEmpty() && was.get(0).equals(line) && was.size() <= keep) {
                    // Already first, as at every hook run on one HEAD: only dated now, for the
                    // launcher trusts lists written since its jar was built.
                    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
                    return;
                }
                String tree = treeOf(line);
                for (String old : was) {
                    if (!treeOf(old).equals(tree) && lines.size() < keep) {
                        lines.add(old);
                    }
                }
            }
            AtomicFile.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            // The next run is started as a cold one: slower, never wrong.
        }
    }

    /** The tree id a line of such a list starts with. */
    private static String treeOf(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** A count written before a list: never negative, never more than the bytes left. */
    static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("count " + n + " exceeds the file");
        }
        return n;
    }

    static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes exceeds the file");
        }
        if (in.hasArray()) {
            String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            return s;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
