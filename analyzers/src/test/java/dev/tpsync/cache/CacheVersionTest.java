package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classes that name a cache version: in a jar, one byte of one of them is enough to tell two builds apart. */
class CacheVersionTest {

    @TempDir
    Path dir;

    @Test
    void aByteChangedInAnIdentityClassOfAJarChangesItsFingerprintAndOtherClassesDoNot() throws IOException {
        byte[] parser = {(byte) 0xca, (byte) 0xfe, 1, 2, 3, 4};
        byte[] changed = {(byte) 0xca, (byte) 0xfe, 1, 2, 3, 5};
        TreeMap<String, byte[]> base = CacheVersion.identityClassesIn(jar("a.jar", parser, new byte[] {7}));
        TreeMap<String, byte[]> parserChanged = CacheVersion.identityClassesIn(jar("b.jar", changed, new byte[] {7}));
        TreeMap<String, byte[]> cliChanged = CacheVersion.identityClassesIn(jar("c.jar", parser, new byte[] {8}));

        assertThat(base).containsOnlyKeys("dev/tpsync/c/lex/Lexer.class");
        assertThat(parserChanged.get("dev/tpsync/c/lex/Lexer.class")).isNotEqualTo(base.get("dev/tpsync/c/lex/Lexer.class"));
        assertThat(cliChanged.get("dev/tpsync/c/lex/Lexer.class")).isEqualTo(base.get("dev/tpsync/c/lex/Lexer.class"));
    }

    @Test
    void theJarsDirectoryReadInPlaceGivesWhatZipFileGives() throws IOException {
        Path jar = jar("a.jar", new byte[] {(byte) 0xca, (byte) 0xfe, 9}, new byte[] {7});
        TreeMap<String, byte[]> inPlace = CacheVersion.identityClassesListedIn(jar).orElseThrow();
        assertThat(inPlace).containsOnlyKeys("dev/tpsync/c/lex/Lexer.class");
        assertThat(inPlace.get("dev/tpsync/c/lex/Lexer.class"))
            .isEqualTo(CacheVersion.identityClassesOfZip(jar).get("dev/tpsync/c/lex/Lexer.class"));
        Path notAZip = dir.resolve("not.jar");
        Files.write(notAZip, new byte[64]);
        assertThat(CacheVersion.identityClassesListedIn(notAZip)).isEmpty();
    }

    @Test
    void aClassDirectoryIsReadByItsBytes() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("dev/tpsync/model"));
        Files.write(classes.resolve("dev/tpsync/model/Contexts.class"), new byte[] {1, 2, 3});
        Files.createDirectories(classes.resolve("dev/tpsync/cli"));
        Files.write(classes.resolve("dev/tpsync/cli/Main.class"), new byte[] {4});

        assertThat(CacheVersion.identityClassesIn(classes)).containsOnlyKeys("dev/tpsync/model/Contexts.class")
            .containsEntry("dev/tpsync/model/Contexts.class", new byte[] {1, 2, 3});
    }

    private Path jar(String name, byte[] parser, byte[] cli) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : Map.of("dev/tpsync/c/lex/Lexer.class", parser,
                "dev/tpsync/cli/Main.class", cli).entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
