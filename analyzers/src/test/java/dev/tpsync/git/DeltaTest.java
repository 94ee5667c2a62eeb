package dev.tpsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeltaTest {

    private static final byte[] BASE = "rcu_read_lock();\ntrace_foo(cpu);\nrcu_read_unlock();\n"
        .getBytes(StandardCharsets.US_ASCII);

    @Test
    void copiesRangesOfTheBaseAndInsertsLiteralBytes() throws Exception {
        // base size 52, result size 56: copy base[0..17), insert "srcu", copy base[17..52).
        byte[] delta = {52, 56, (byte) 0x91, 0, 17, 4, 's', 'r', 'c', 'u', (byte) 0x91, 17, 35};
        String result = new String(Delta.apply(BASE, delta), StandardCharsets.US_ASCII);
        assertThat(result).isEqualTo("rcu_read_lock();\nsrcutrace_foo(cpu);\nrcu_read_unlock();\n");
    }

    @Test
    void aCopyWithNoSizeBytesCopies64KiB() throws Exception {
        byte[] base = new byte[0x10000];
        base[0xffff] = 42;
        // sizes 65536 as base-128 (0x80 0x80 0x04); copy from offset 0 with no size bytes.
        byte[] delta = {(byte) 0x80, (byte) 0x80, 4, (byte) 0x80, (byte) 0x80, 4, (byte) 0x80};
        assertThat(Delta.apply(base, delta)).isEqualTo(base);
    }

    @Test
    void aDeltaThatDoesNotFitItsBaseOrResultIsRefused() {
        assertThatThrownBy(() -> Delta.apply(BASE, new byte[] {51, 4, 4, 'a', 'b', 'c', 'd'}))
            .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("does not fit its base");
        assertThatThrownBy(() -> Delta.apply(BASE, new byte[] {52, 5, 4, 'a', 'b', 'c', 'd'}))
            .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("makes 4 bytes, not the 5");
        assertThatThrownBy(() -> Delta.apply(BASE, new byte[] {52, 4, (byte) 0x91, 50, 4}))
            .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> Delta.apply(BASE, new byte[] {52, 1, 0}))
            .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("reserved instruction 0");
        assertThatThrownBy(() -> Delta.apply(BASE, new byte[] {(byte) 0xb3}))
            .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("cut short");
    }
}
