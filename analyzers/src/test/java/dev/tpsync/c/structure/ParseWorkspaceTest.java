package dev.tpsync.c.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.FrontendFixtures;
import dev.tpsync.source.FileContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One workspace parses file after file with the facts a fresh parse of each file gives. */
class ParseWorkspaceTest {

    private static List<Path> fixturesBySize(Comparator<Long> order) throws IOException {
        try (Stream<Path> files = Files.list(FrontendFixtures.path("calls.c").getParent())) {
            List<Path> out = new ArrayList<>(files.toList());
            out.sort(Comparator.comparing(ParseWorkspaceTest::size, order).thenComparing(Path::toString));
            return out;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSameAsFreshParses(List<Path> files) throws IOException {
        ParseWorkspace workspace = new ParseWorkspace();
        for (Path file : files) {
            String name = file.getFileName().toString();
            workspace.read(file);
            FileFacts reused = StructureParser.parse(name, workspace);
            FileFacts fresh = StructureParser.parse(name, FileContent.read(file));
            assertThat(reused).as(name).isEqualTo(fresh);
            assertThat(reused.functions().size() + reused.tracepoints().size()).as(name).isPositive();
        }
    }

    @Test
    void aSmallerFileAfterALargerOneSeesNoneOfItsTokens() throws IOException {
        assertSameAsFreshParses(fixturesBySize(Comparator.reverseOrder()));
    }

    @Test
    void aLargerFileAfterASmallerOneGrowsTheArrays() throws IOException {
        assertSameAsFreshParses(fixturesBySize(Comparator.naturalOrder()));
    }

    @Test
    void aFileLargerThanTheReadBufferIsReadWhole(@TempDir Path dir) throws IOException {
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            src.append("#define mmREG_").append(i).append(" 0x").append(Integer.toHexString(i)).append('\n');
        }
        src.append("void last_function(void)\n{\n\trcu_read_lock();\n}\n");
        Path file = dir.resolve("big.h");
        Files.writeString(file, src);
        ParseWorkspace workspace = new ParseWorkspace();
        workspace.read(file);
        assertThat(workspace.length()).isEqualTo(src.length()).isGreaterThan(1 << 16);
        FileFacts facts = StructureParser.parse("big.h", workspace);
        assertThat(facts.functions()).extracting(FunctionDef::name).containsExactly("last_function");
        assertThat(facts.functions().get(0).line()).isEqualTo(4001);
        assertThat(facts.lines()).isEqualTo(4004);
    }

    @Test
    void aBorrowedArrayIsNeverWrittenToByALaterRead(@TempDir Path dir) throws IOException {
        byte[] borrowed = "void borrowed(void) { }\n".repeat(8000).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] copy = borrowed.clone();
        Path small = dir.resolve("small.c");
        Files.writeString(small, "void small(void) { }\n");
        ParseWorkspace workspace = new ParseWorkspace();
        workspace.use(borrowed);
        assertThat(StructureParser.parse("b.c", workspace).functions()).hasSize(8000);
        workspace.read(small);
        assertThat(StructureParser.parse("small.c", workspace).functions()).extracting(FunctionDef::name)
            .containsExactly("small");
        assertThat(borrowed).isEqualTo(copy);
    }
}
