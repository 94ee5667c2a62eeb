package dev.tpsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;

class ObjectIdsTest {

    @Test
    void theIdsGitGives() {
        assertThat(ObjectIds.of(GitObject.BLOB, new byte[0]).name()).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assertThat(ObjectIds.of(GitObject.TREE, new byte[0]).name()).isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        // echo 'void trace_hardirqs_on(void);' | git hash-object --stdin
        assertThat(ObjectIds.of(GitObject.BLOB, "void trace_hardirqs_on(void);\n".getBytes(StandardCharsets.US_ASCII))
            .name()).isEqualTo("790caa2b1d2159588f7c5056823a36e7945a7f9b");
    }

    @Test
    void theIdsJGitGivesForEveryType() {
        byte[] content = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n".getBytes(StandardCharsets.US_ASCII);
        try (ObjectInserter.Formatter jgit = new ObjectInserter.Formatter()) {
            for (int type : new int[] {GitObject.COMMIT, GitObject.TREE, GitObject.BLOB, GitObject.TAG}) {
                assertThat(ObjectIds.of(type, content)).isEqualTo(jgit.idFor(type, content));
            }
            assertThat(Constants.OBJ_BLOB).isEqualTo(GitObject.BLOB);
        }
        assertThatThrownBy(() -> ObjectIds.of(5, content)).isInstanceOf(IllegalArgumentException.class);
    }
}
