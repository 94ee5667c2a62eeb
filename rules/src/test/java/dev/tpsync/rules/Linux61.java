package dev.tpsync.rules;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The real 6.1 tree the RealKernel* tests check against, parsed: TPSYNC_KERNEL_6_1 names it.
 * Without it a test is skipped, visibly (a line on stdout, an assumption failed).
 */
record Linux61(SourceTree tree, List<FileFacts> facts) {

    static Linux61 parsedOrSkip(String test) {
        String dir = System.getenv("TPSYNC_KERNEL_6_1");
        boolean present = dir != null && Files.isDirectory(Path.of(dir));
        if (!present) {
            System.out.println(test + ": TPSYNC_KERNEL_6_1 not set: skipping real-tree checks");
        }
        assumeTrue(present, "TPSYNC_KERNEL_6_1 not set: skipping real-tree checks");
        SourceTree tree = SourceTree.open(Path.of(dir));
        return new Linux61(tree, new ParallelParser(2).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            n -> { }));
    }

    /**
     * Where the body of the first function of {@code file} that {@code which} accepts opens
     * ("\n{\n" in {@code text}, its source), or -1: the tests insert their edits after it.
     */
    static int bodyOfFirst(String text, FileFacts file, Predicate<FunctionDef> which) {
        for (FunctionDef fn : file.functions()) {
            if (!which.test(fn)) {
                continue;
            }
            int lineStart = 0;
            for (int line = 1; line < fn.line() && lineStart >= 0; line++) {
                lineStart = text.indexOf('\n', lineStart) + 1;
            }
            int body = text.indexOf("\n{\n", Math.max(0, lineStart - 1));
            if (body >= 0 && text.substring(0, body).split("\n", -1).length <= fn.endLine()) {
                return body;
            }
        }
        return -1;
    }
}
