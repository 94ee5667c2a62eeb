package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The bytes {@link FactsCodec} decoded facts from, by the facts' identity, for a store that
 * writes again much of what it read: the hook on a change to reached code keeps the slice of
 * the tree its change leaves, its base's slice with a file or two new. Copying the ~5,000
 * files' bytes instead of encoding them anew saved ~55 ms of a first hook run on 6.1. Facts
 * decoded elsewhere, or made anew, are encoded. Reads and writes may come from different
 * threads (a hook run reads its base's slice beside the git index).
 */
final class FactsEncodings {

    /**
     * Where facts written one after the other by {@link #write} lie: the {@code i}th's
     * {@code length[i]} bytes at {@code at[i]}.
     */
    record Frames(int[] at, int[] length) {

        /** The frames of {@code n} facts from {@code in}'s position; {@code in} is left after them. */
        static Frames read(ByteBuffer in, int n) {
            int[] at = new int[n];
            int[] length = new int[n];
            for (int i = 0; i < n; i++) {
                length[i] = KeyedFiles.count(in);
                at[i] = in.position();
                in.position(at[i] + length[i]);
            }
            return new Frames(at, length);
        }

        int size() {
            return at.length;
        }

        /**
         * The facts in these frames of {@code bytes}, the second half decoded on a thread of its
         * own: a hook run waits for its base's slice (5,103 files on 6.1, ~20 ms to decode), and
         * the other core is idle then.
         */
        FileFacts[] decodeInTwo(byte[] bytes) throws CorruptCacheException {
            FileFacts[] facts = new FileFacts[size()];
            int half = facts.length / 2;
            CorruptCacheException[] failed = new CorruptCacheException[1];
            Thread second = new Thread(() -> {
                try {
                    decode(bytes, facts, half, facts.length);
                } catch (CorruptCacheException e) {
                    failed[0] = e;
                } catch (RuntimeException e) {
                    // What the reading thread would have met: a damaged entry, recomputed.
                    failed[0] = new CorruptCacheException("slice facts unreadable: " + e);
                }
            }, "tpsync-slice-decode");
            second.setDaemon(true);
            second.start();
            decode(bytes, facts, 0, half);
            try {
                second.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CorruptCacheException("interrupted while decoding a slice");
            }
            if (failed[0] != null) {
                throw failed[0];
            }
            return facts;
        }

        private void decode(byte[] bytes, FileFacts[] facts, int from, int to) throws CorruptCacheException {
            for (int i = from; i < to; i++) {
                facts[i] = FactsCodec.decode(bytes, at[i], length[i]);
            }
        }
    }

    /** Facts decoded from {@code bytes}: {@code facts[i]} from its frame {@code i}. */
    private record Decoded(FileFacts[] facts, byte[] bytes, Frames frames) {
    }

    /** Where one file's encoding lies. */
    private record Span(byte[] bytes, int at, int length) {
    }

    private final List<Decoded> decoded = new ArrayList<>();
    /** Made from {@link #decoded} when first written from: a read does not pay for it. */
    private IdentityHashMap<FileFacts, Span> spans;

    /** Notes that {@code facts[i]} was decoded from frame {@code i} of {@code bytes}. */
    synchronized void decoded(FileFacts[] facts, byte[] bytes, Frames frames) {
        decoded.add(new Decoded(facts, bytes, frames));
        spans = null;
    }

    /** Writes {@code facts} as its length in bytes and its encoding: the bytes it was decoded from, when it was. */
    synchronized void write(FileFacts facts, DataOutputStream out) throws IOException {
        Span span = spans().get(facts);
        if (span == null) {
            byte[] encoded = FactsCodec.encode(facts);
            out.writeInt(encoded.length);
            out.write(encoded);
        } else {
            out.writeInt(span.length());
            out.write(span.bytes(), span.at(), span.length());
        }
    }

    private IdentityHashMap<FileFacts, Span> spans() {
        if (spans == null) {
            spans = new IdentityHashMap<>();
            for (Decoded d : decoded) {
                for (int i = 0; i < d.facts().length; i++) {
                    spans.put(d.facts()[i], new Span(d.bytes(), d.frames().at()[i], d.frames().length()[i]));
                }
            }
        }
        return spans;
    }
}
