package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.DeferredCalls;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FactsCodecTest {

    @Test
    void roundTripsParsedFactsExactly() throws Exception {
        FileFacts facts = StructureParser.parse("arch/x86/kernel/nmi.c", Fixtures.RICH_C);
        // The fixture must really be rich, or the round trip proves little.
        assertThat(facts.functions()).extracting(FunctionDef::kind)
            .contains(FunctionKind.FUNCTION, FunctionKind.MACRO_DEFINED, FunctionKind.MACRO_BODY);
        assertThat(facts.tracepoints()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(facts.fieldStores()).isNotEmpty();
        assertThat(facts.diagnostics()).isNotEmpty();
        assertThat(facts.functions()).flatExtracting(FunctionDef::calls).anyMatch(CallSite::indirect)
            .anyMatch(CallSite::conditional);
        assertThat(facts.functions()).flatExtracting(FunctionDef::events).isNotEmpty();

        byte[] bytes = FactsCodec.encode(facts);
        assertThat(FactsCodec.decode(bytes)).isEqualTo(facts);
    }

    @Test
    void roundTripsEdgeValues() throws Exception {
        String odd = "na\u00efve \u20ac \ud800 lone surrogate";
        FunctionDef fn = new FunctionDef("f", FunctionKind.MACRO_BODY, "d\u00e9j\u00e0/\u4e2d.c", 5000, 3,
            List.of("static", "__always_inline"), "", List.of("a", "b"), "perf_##x", "defined(X) && Y",
            List.of(new CallSite("g", 10, 1, "", false, false), new CallSite("g", 2, 70000, odd, true, true),
                new CallSite("h", -1, Integer.MAX_VALUE, "x", false, true)),
            List.of(new SyncEvent(SyncKind.PROBE_UNREGISTER, "p", Integer.MIN_VALUE, 0, "", "", ""),
                new SyncEvent(SyncKind.RCU_READ_LOCK, "rcu_read_lock", 7, 3, "a", "b", "c")));
        FileFacts facts = new FileFacts("d\u00e9j\u00e0/\u4e2d.c", Integer.MAX_VALUE, List.of(fn), List.of(), List.of(),
            List.of(new Diagnostic("x", 0, odd)));

        assertThat(FactsCodec.decode(FactsCodec.encode(facts))).isEqualTo(facts);
        assertThat(FactsCodec.decode(FactsCodec.encode(FileFacts.empty("")))).isEqualTo(FileFacts.empty(""));
    }

    @Test
    void writesRepeatedStringsOnce() {
        FileFacts facts = StructureParser.parse("a.c", "void f(void) {\n" + "rcu_read_lock(); rcu_read_unlock();\n"
            .repeat(200) + "}\n");
        int size = FactsCodec.encode(facts).length;
        // 800 calls and events; without the string table each would carry its name.
        assertThat(size).isLessThan(800 * 8);
    }

    @Test
    void rejectsTruncatedAndTrailingBytes() {
        byte[] bytes = FactsCodec.encode(StructureParser.parse("a.c", Fixtures.RICH_C));
        for (int cut = 0; cut < bytes.length; cut += 7) {
            int length = cut;
            assertThatThrownBy(() -> FactsCodec.decode(bytes, 0, length)).isInstanceOf(CorruptCacheException.class);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> FactsCodec.decode(longer)).isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void garbageNeverEscapesAsARuntimeException() {
        byte[] bytes = FactsCodec.encode(StructureParser.parse("a.c", Fixtures.RICH_C));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] copy = bytes.clone();
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                FactsCodec.decode(copy);
            } catch (CorruptCacheException expected) {
                // a flip the codec can see; the others are the frame's CRC's job
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Lying.class)
    void deferredCallsDecodeToTheSameFacts(Lying payload) throws Exception {
        FileFacts facts = StructureParser.parse("arch/x86/kernel/nmi.c", Fixtures.RICH_C);
        byte[] bytes = FactsCodec.encode(facts);

        FileFacts deferred = deferred(bytes, payload);

        // Until a function's calls are read they are left in the payload...
        assertThat(deferred.functions()).filteredOn(fn -> !fn.calls().isEmpty())
            .allSatisfy(fn -> assertThat(fn.calls()).isInstanceOf(DeferredCalls.class));
        // ...and read, they are the calls an eager decode gives, with everything else.
        assertThat(deferred).isEqualTo(facts);
        assertThat(deferred.functions()).flatExtracting(FunctionDef::calls)
            .containsExactlyElementsOf(facts.functions().stream().flatMap(fn -> fn.calls().stream()).toList());
    }

    @ParameterizedTest
    @EnumSource(Lying.class)
    void deferredCallsKeepEdgeValues(Lying payload) throws Exception {
        String odd = "na\u00efve \u20ac \ud800 lone surrogate";
        FunctionDef fn = new FunctionDef("f", FunctionKind.FUNCTION, "a.c", 5000, 3, List.of(), "", List.of(), "", "",
            List.of(new CallSite("g", 10, 1, "", false, false), new CallSite(odd, 2, 70000, odd, true, true),
                new CallSite("h", -1, Integer.MAX_VALUE, "x", false, true)),
            List.of());
        FileFacts facts = new FileFacts("a.c", 9, List.of(fn), List.of(), List.of(), List.of());

        assertThat(deferred(FactsCodec.encode(facts), payload)).isEqualTo(facts);
    }

    @ParameterizedTest
    @EnumSource(Lying.class)
    void calleesAreAskedOfThePayloadAsOfTheCallSites(Lying payload) throws Exception {
        FileFacts facts = StructureParser.parse("arch/x86/kernel/nmi.c", Fixtures.RICH_C);
        java.util.Set<String> names = new java.util.TreeSet<>(List.of("no_such_function", "nmi_handle"));
        facts.functions().forEach(fn -> fn.calls().forEach(c -> names.add(c.callee())));
        for (String name : names) {
            // A fresh decode each time: the question is answered before any call site is decoded.
            List<FunctionDef> deferred = deferred(FactsCodec.encode(facts), payload).functions();
            for (int i = 0; i < deferred.size(); i++) {
                List<CallSite> eager = facts.functions().get(i).calls();
                assertThat(DeferredCalls.anyDirectCallee(deferred.get(i).calls(), name::equals)).as(name)
                    .isEqualTo(eager.stream().anyMatch(c -> !c.indirect() && c.callee().equals(name)));
                assertThat(DeferredCalls.anyCallee(deferred.get(i).calls(), name::equals)).as(name)
                    .isEqualTo(eager.stream().anyMatch(c -> c.callee().equals(name)));
            }
        }
        // An indirect call (its callee is the member) counts for anyCallee only, decoded or not.
        FunctionDef fn = new FunctionDef("f", FunctionKind.FUNCTION, "a.c", 1, 3, List.of(), "", List.of(), "", "",
            List.of(new CallSite("handler", 2, 1, "", true, false), new CallSite("g", 3, 1, "x", false, false)),
            List.of());
        FileFacts one = new FileFacts("a.c", 4, List.of(fn), List.of(), List.of(), List.of());
        for (List<CallSite> calls : List.of(deferred(FactsCodec.encode(one), payload).functions().get(0).calls(),
                fn.calls())) {
            assertThat(DeferredCalls.anyDirectCallee(calls, "handler"::equals)).isFalse();
            assertThat(DeferredCalls.anyCallee(calls, "handler"::equals)).isTrue();
            assertThat(DeferredCalls.anyDirectCallee(calls, "g"::equals)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Lying.class)
    void deferredCallsAreTheSameFromSeveralThreads(Lying payload) throws Exception {
        FileFacts facts = StructureParser.parse("a.c", Fixtures.RICH_C);
        FileFacts deferred = deferred(FactsCodec.encode(facts), payload);
        List<java.util.concurrent.CompletableFuture<List<List<CallSite>>>> readers = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(java.util.concurrent.CompletableFuture.supplyAsync(
                () -> deferred.functions().stream().map(fn -> List.copyOf(fn.calls())).toList()));
        }
        List<List<CallSite>> expected = facts.functions().stream().map(FunctionDef::calls).toList();
        for (var reader : readers) {
            assertThat(reader.get()).isEqualTo(expected);
        }
    }

    @Test
    void deferringDecodeStillRejectsTruncatedBytesAndGarbage() {
        byte[] bytes = FactsCodec.encode(StructureParser.parse("a.c", Fixtures.RICH_C));
        for (int cut = 0; cut < bytes.length; cut += 7) {
            byte[] shorter = java.util.Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> deferred(shorter)).isInstanceOf(CorruptCacheException.class);
        }
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] copy = bytes.clone();
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                deferred(copy);
            } catch (CorruptCacheException expected) {
                // a flip the codec can see; the others are the frame's CRC's job
            }
        }
    }

    /**
     * Where the payload a review reads deferred calls from lies: an array of its own (read from
     * the store), part of a larger one, or off the heap (in a mapped tree index, which is read
     * in place).
     */
    enum Lying {
        ALONE, WITHIN_AN_ARRAY, OFF_THE_HEAP;

        ByteBuffer hold(byte[] payload) {
            return switch (this) {
                case ALONE -> ByteBuffer.wrap(payload.clone());
                case WITHIN_AN_ARRAY -> {
                    byte[] larger = new byte[payload.length + 20];
                    java.util.Arrays.fill(larger, (byte) 0x55);
                    System.arraycopy(payload, 0, larger, 13, payload.length);
                    yield ByteBuffer.wrap(larger).slice(13, payload.length);
                }
                case OFF_THE_HEAP -> ByteBuffer.allocateDirect(payload.length).put(0, payload);
            };
        }
    }

    private static FileFacts deferred(byte[] payload) throws CorruptCacheException {
        return deferred(payload, Lying.ALONE);
    }

    /** Decodes as a review does: a reused buffer for the eager part, the payload kept for the calls. */
    private static FileFacts deferred(byte[] payload, Lying lying) throws CorruptCacheException {
        byte[] workspace = java.util.Arrays.copyOf(payload, payload.length + 64);
        FileFacts facts = FactsCodec.decodeDeferringCalls(lying.hold(payload), workspace,
            payload.length, new dev.tpsync.c.StringCache(8));
        java.util.Arrays.fill(workspace, (byte) 0x55); // the workspace moves on to the next file
        return facts;
    }
}
