package dev.tpsync.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A tree on disk (--tree DIR, tpsync scan). */
public final class DirectorySnapshot implements TreeSnapshot {

    private final SourceTree tree;
    private final List<String> paths;

    public DirectorySnapshot(SourceTree tree) {
        this.tree = tree;
        this.paths = tree.sourceFiles();
    }

    @Override
    public List<String> sourcePaths() {
        return paths;
    }

    @Override
    public Optional<String> read(String path) {
        return readBytes(path).map(FileContent::decode);
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        Path file = tree.resolve(path).normalize();
        if (!file.startsWith(tree.root()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> blobId(String path) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return tree.root().toString();
    }
}
