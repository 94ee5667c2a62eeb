package dev.tpsync.c;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringCacheTest {

    private static final byte[] TEXT = "spin_lock(&l); spin_lock(&m); rcu_read_lock();".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void equalBytesGiveTheSameStringOnce() {
        StringCache cache = new StringCache(8);
        String first = cache.of(TEXT, 0, 9);
        String again = cache.of(TEXT, 15, 9);
        assertThat(first).isEqualTo("spin_lock");
        assertThat(again).isSameAs(first);
        assertThat(cache.intern(new String("spin_lock"))).isSameAs(first);
    }

    @Test
    void collidingSlotsNeverReturnAnotherString() {
        StringCache cache = new StringCache(0);
        assertThat(cache.of(TEXT, 0, 9)).isEqualTo("spin_lock");
        assertThat(cache.of(TEXT, 30, 13)).isEqualTo("rcu_read_lock");
        assertThat(cache.of(TEXT, 0, 4)).isEqualTo("spin");
        assertThat(cache.intern("spin_lock")).isEqualTo("spin_lock");
    }

    @Test
    void longStringsAreMadeButNotKept() {
        StringCache cache = new StringCache(4);
        String longText = "x".repeat(100);
        byte[] bytes = longText.getBytes(StandardCharsets.ISO_8859_1);
        String a = cache.of(bytes, 0, bytes.length);
        assertThat(a).isEqualTo(longText);
        assertThat(cache.of(bytes, 0, bytes.length)).isEqualTo(longText).isNotSameAs(a);
    }

    @Test
    void bytesAboveAsciiAreOneCharEach() {
        byte[] latin1 = {(byte) 0xe9, 'x'};
        assertThat(new StringCache(4).of(latin1, 0, 2)).isEqualTo("\u00e9x");
    }
}
