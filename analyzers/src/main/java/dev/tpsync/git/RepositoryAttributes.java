package dev.tpsync.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesNodeProvider;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.CoreConfig;

/**
 * The attributes a repository adds to its trees' {@code .gitattributes}, as JGit's file
 * repository reads them: {@code info/attributes} of its git directory and the file named by
 * {@code core.attributesFile}. A tree walk needs them to give each file of a diff its
 * {@code diff} attribute, as it has them from a JGit repository.
 */
public final class RepositoryAttributes implements AttributesNodeProvider {

    private final Path info;
    private final Path global;

    public RepositoryAttributes(Path gitDir, Config config, Path home) {
        this.info = gitDir.resolve("info/attributes");
        String file = config.get(CoreConfig.KEY).getAttributesFile();
        this.global = file == null ? null : file.startsWith("~/") ? home.resolve(file.substring(2)) : Path.of(file);
    }

    @Override
    public AttributesNode getInfoAttributesNode() throws IOException {
        return parse(info);
    }

    @Override
    public AttributesNode getGlobalAttributesNode() throws IOException {
        return global == null ? null : parse(global);
    }

    private static AttributesNode parse(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        AttributesNode node = new AttributesNode();
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(in);
        }
        return node.getRules().isEmpty() ? null : node;
    }
}
