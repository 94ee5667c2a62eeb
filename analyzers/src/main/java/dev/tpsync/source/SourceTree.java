package dev.tpsync.source;

import dev.tpsync.input.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** A C source tree on disk: its root and its .c/.h files, in a stable order. */
public final class SourceTree {

    private final Path root;

    private SourceTree(Path root) {
        this.root = root;
    }

    public static SourceTree open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InputException("not a directory: " + dir + "; give the root of a C source tree");
        }
        return new SourceTree(root);
    }

    public Path root() {
        return root;
    }

    /** Relative '/'-separated paths of every .c and .h file below the root, sorted. */
    public List<String> sourceFiles() {
        return sourceFilesUnder(root);
    }

    /** Like {@link #sourceFiles()} but only below {@code sub}, which must lie inside the tree. */
    public List<String> sourceFilesUnder(Path sub) {
        Path start = sub.toAbsolutePath().normalize();
        if (!start.startsWith(root)) {
            throw new InputException("path " + sub + " is outside the tree " + root);
        }
        if (Files.isRegularFile(start)) {
            return isSource(start.getFileName().toString()) ? List.of(relative(start)) : List.of();
        }
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    return !d.equals(start) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isSource(f.getFileName().toString())) {
                        files.add(relative(f));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    public Path resolve(String relativePath) {
        return root.resolve(relativePath);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    public static boolean isSource(String name) {
        return name.endsWith(".c") || name.endsWith(".h");
    }
}
