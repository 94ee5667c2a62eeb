package dev.tpsync.cache;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.StringCache;
import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.DeferredCalls;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.c.structure.TracepointDecl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Compact binary form of one file's {@link FileFacts}; decoding gives back records equal to
 * the ones encoded.
 *
 * <p>Layout: a string table (each distinct string once: callee names, primitives, the path,
 * conditions), then the records with strings as table indices, ints as varints, and line
 * numbers as deltas from the enclosing function or the previous call/event, which are
 * usually one byte. Enums are written by ordinal, which is why {@link CacheVersion} hashes
 * the record and enum shapes as well as {@link #FORMAT}. A function's call sites are preceded
 * by their length in bytes, so a reader that defers them ({@link #decodeDeferringCalls}) steps
 * over them.
 */
public final class FactsCodec {

    /**
     * The cache format. Bump it whenever the structure pass (lexer, parser, classifier) or the
     * fact records change what they produce for the same input: old entries would otherwise be
     * read as if they were current. {@link CacheVersion} also hashes the parser's class files,
     * so a forgotten bump costs a re-parse in a developer build, never a wrong answer.
     */
    public static final String FORMAT = "facts-v3";

    private static final FunctionKind[] FUNCTION_KINDS = FunctionKind.values();
    private static final SyncKind[] SYNC_KINDS = SyncKind.values();

    private FactsCodec() {
    }

    public static byte[] encode(FileFacts facts) {
        Encoder e = new Encoder();
        e.facts(facts);
        return e.finish();
    }

    /** Decodes a whole array. */
    public static FileFacts decode(byte[] bytes) throws CorruptCacheException {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes at {@code offset}; anything but an exact record is corrupt. */
    public static FileFacts decode(byte[] bytes, int offset, int length) throws CorruptCacheException {
        return decode(bytes, offset, length, null);
    }

    /** Like {@link #decode(byte[], int, int)}, sharing equal strings through {@code strings} (may be null). */
    public static FileFacts decode(byte[] bytes, int offset, int length, StringCache strings)
        throws CorruptCacheException {
        return decode(bytes, offset, length, strings, null);
    }

    /**
     * Like {@link #decode(byte[], int, int, StringCache)} on {@code length} bytes at the start of
     * {@code bytes}, a copy of {@code payload} that the caller may reuse: every function's call
     * sites stay in {@code payload} until first read ({@link DeferredCalls}), and so do the
     * strings only they use. {@code payload} must not change while the facts live; the caller
     * has checked it (a checksum), so a later decode that fails is a bug, not a damaged cache.
     */
    public static FileFacts decodeDeferringCalls(ByteBuffer payload, byte[] bytes, int length, StringCache strings)
        throws CorruptCacheException {
        return decode(bytes, 0, length, strings, payload);
    }

    private static FileFacts decode(byte[] bytes, int offset, int length, StringCache strings, ByteBuffer payload)
        throws CorruptCacheException {
        try {
            return new Decoder(new ByteSource(bytes, offset, length), strings, payload).facts();
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NullPointerException e) {
            throw new CorruptCacheException("garbled facts: " + e);
        }
    }

    /** A string table as the encoder wrote it, at {@code in}'s position. */
    private static String[] table(ByteSource in, StringCache strings) throws CorruptCacheException {
        String[] table = new String[in.readCount()];
        for (int i = 0; i < table.length; i++) {
            table[i] = in.readString(strings);
        }
        return table;
    }

    private static final class Encoder {
        private final Map<String, Integer> index = new HashMap<>();
        private final ByteSink table = new ByteSink(1024);
        private final ByteSink body = new ByteSink(4096);

        void facts(FileFacts f) {
            str(f.path());
            body.writeVarint(f.lines());
            body.writeVarint(f.functions().size());
            for (FunctionDef fn : f.functions()) {
                function(fn);
            }
            body.writeVarint(f.tracepoints().size());
            for (TracepointDecl t : f.tracepoints()) {
                str(t.name());
                str(t.eventClass());
                str(t.macro());
                str(t.file());
                body.writeVarint(t.line());
            }
            body.writeVarint(f.fieldStores().size());
            for (FieldStore s : f.fieldStores()) {
                str(s.field());
                str(s.value());
                str(s.function());
                body.writeVarint(s.line());
            }
            body.writeVarint(f.diagnostics().size());
            for (Diagnostic d : f.diagnostics()) {
                str(d.file());
                body.writeVarint(d.line());
                str(d.message());
            }
        }

        private void function(FunctionDef fn) {
            str(fn.name());
            body.writeVarint(fn.kind().ordinal());
            str(fn.file());
            body.writeVarint(fn.line());
            body.writeSigned(fn.endLine() - fn.line());
            strings(fn.attributes());
            str(fn.macro());
            strings(fn.params());
            str(fn.generates());
            str(fn.condition());
            // The calls' argument texts as one string, each call its length (see CallSite).
            StringBuilder args = new StringBuilder();
            for (CallSite c : fn.calls()) {
                c.appendArgsTo(args);
            }
            str(args.toString());
            body.writeVarint(fn.calls().size());
            ByteSink calls = new ByteSink(16 * fn.calls().size() + 1);
            int line = fn.line();
            for (CallSite c : fn.calls()) {
                calls.writeVarint(index(c.callee()));
                calls.writeSigned(c.line() - line);
                line = c.line();
                calls.writeVarint(c.column());
                calls.writeVarint(c.argsLength());
                calls.writeByte((c.indirect() ? 1 : 0) | (c.conditional() ? 2 : 0));
            }
            body.writeVarint(calls.size());
            body.writeBytes(calls.array(), 0, calls.size());
            body.writeVarint(fn.events().size());
            line = fn.line();
            for (SyncEvent ev : fn.events()) {
                body.writeVarint(ev.kind().ordinal());
                str(ev.primitive());
                body.writeSigned(ev.line() - line);
                line = ev.line();
                body.writeVarint(ev.column());
                str(ev.argument());
                str(ev.guard());
                str(ev.condition());
            }
        }

        private void strings(List<String> list) {
            body.writeVarint(list.size());
            for (String s : list) {
                str(s);
            }
        }

        private void str(String s) {
            body.writeVarint(index(s));
        }

        /** The index of {@code s} in the string table, added when new. */
        private int index(String s) {
            Integer i = index.get(s);
            if (i == null) {
                i = index.size();
                index.put(s, i);
                table.writeString(s);
            }
            return i;
        }

        byte[] finish() {
            ByteSink out = new ByteSink(table.size() + body.size() + 5);
            out.writeVarint(index.size());
            out.writeBytes(table.array(), 0, table.size());
            out.writeBytes(body.array(), 0, body.size());
            return out.toByteArray();
        }
    }

    private static final class Decoder {
        private final ByteSource in;
        private final StringCache strings;
        /** What {@code in} is a copy of, where deferred calls are read from; null to decode everything now. */
        private final ByteBuffer source;
        /** With a source: the file's payload, made once the table is read. */
        private Payload payload;
        private String[] table;
        /** With a source: where each string of the table starts; decoded when first used. */
        private int[] stringAt;

        Decoder(ByteSource in, StringCache strings, ByteBuffer source) {
            this.in = in;
            this.strings = strings;
            this.source = source;
        }

        FileFacts facts() throws CorruptCacheException {
            if (source == null) {
                table = table(in, strings);
            } else {
                table = new String[in.readCount()];
                // Most of a file's strings are callees and argument texts: left to the calls.
                stringAt = new int[table.length];
                for (int i = 0; i < table.length; i++) {
                    stringAt[i] = in.position();
                    in.skipString();
                }
                payload = new Payload(source, table, stringAt, in.position());
            }
            String path = str();
            int lines = in.readVarint();
            int nf = in.readCount();
            List<FunctionDef> functions = new ArrayList<>(nf);
            for (int i = 0; i < nf; i++) {
                functions.add(function());
            }
            int nt = in.readCount();
            List<TracepointDecl> tracepoints = new ArrayList<>(nt);
            for (int i = 0; i < nt; i++) {
                tracepoints.add(new TracepointDecl(str(), str(), str(), str(), in.readVarint()));
            }
            int ns = in.readCount();
            List<FieldStore> stores = new ArrayList<>(ns);
            for (int i = 0; i < ns; i++) {
                stores.add(new FieldStore(str(), str(), str(), in.readVarint()));
            }
            int nd = in.readCount();
            List<Diagnostic> diagnostics = new ArrayList<>(nd);
            for (int i = 0; i < nd; i++) {
                diagnostics.add(new Diagnostic(str(), in.readVarint(), str()));
            }
            if (!in.atEnd()) {
                throw new CorruptCacheException("trailing bytes after facts");
            }
            return new FileFacts(path, lines, functions, tracepoints, stores, diagnostics);
        }

        private FunctionDef function() throws CorruptCacheException {
            String name = str();
            FunctionKind kind = FUNCTION_KINDS[ordinal(FUNCTION_KINDS.length)];
            String file = str();
            int line = in.readVarint();
            int endLine = line + in.readSigned();
            List<String> attributes = strings();
            String macro = str();
            List<String> params = strings();
            String generates = str();
            String condition = str();
            int argsIndex = index();
            int nc = in.readCount();
            int callBytes = in.readCount();
            List<CallSite> calls;
            if (payload != null && nc > 0) {
                calls = new Calls(payload, in.position(), callBytes, nc, line, argsIndex);
                in.skip(callBytes);
            } else {
                int end = in.position() + callBytes;
                calls = calls(in, nc, line, str(argsIndex), this::str);
                if (in.position() != end) {
                    throw new CorruptCacheException("call sites do not fill their length");
                }
            }
            int ne = in.readCount();
            // Straight into an immutable list (FunctionDef would copy a mutable one): most have none.
            SyncEvent[] events = new SyncEvent[ne];
            int at = line;
            for (int i = 0; i < ne; i++) {
                SyncKind kindOfEvent = SYNC_KINDS[ordinal(SYNC_KINDS.length)];
                String primitive = str();
                at += in.readSigned();
                events[i] = new SyncEvent(kindOfEvent, primitive, at, in.readVarint(), str(), str(), str());
            }
            return new FunctionDef(name, kind, file, line, endLine, attributes, macro, params, generates, condition,
                calls, ne == 0 ? List.of() : List.of(events));
        }

        private List<String> strings() throws CorruptCacheException {
            int n = in.readCount();
            if (n == 0) {
                return List.of();
            }
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = str();
            }
            return List.of(out);
        }

        private int ordinal(int limit) throws CorruptCacheException {
            int o = in.readVarint();
            if (o < 0 || o >= limit) {
                throw new CorruptCacheException("enum ordinal " + o + " out of range");
            }
            return o;
        }

        private String str() throws CorruptCacheException {
            return str(in.readVarint());
        }

        private int index() throws CorruptCacheException {
            int i = in.readVarint();
            if (i < 0 || i >= table.length) {
                throw new CorruptCacheException("string index " + i + " out of range");
            }
            return i;
        }

        private String str(int i) throws CorruptCacheException {
            if (i < 0 || i >= table.length) {
                throw new CorruptCacheException("string index " + i + " out of range");
            }
            String s = table[i];
            if (s == null) {
                s = in.readStringAt(stringAt[i], strings);
                table[i] = s;
            }
            return s;
        }
    }

    /** A string of the table by its index; an index outside the table is a garbled entry. */
    private interface Strings {
        String at(int index) throws CorruptCacheException;
    }

    /** The {@code count} call sites at {@code in}'s position of a function at {@code line}. */
    private static List<CallSite> calls(ByteSource in, int count, int line, String args, Strings strings)
        throws CorruptCacheException {
        List<CallSite> calls = new ArrayList<>(count);
        int at = line;
        int argsAt = 0;
        for (int i = 0; i < count; i++) {
            int callee = in.readVarint();
            at += in.readSigned();
            int column = in.readVarint();
            int argsEnd = argsAt + in.readVarint();
            int flags = in.readByte();
            // An out-of-range length is a garbled entry: inShared throws, decode() reports it corrupt.
            calls.add(CallSite.inShared(strings.at(callee), at, column, args, argsAt, argsEnd, (flags & 1) != 0,
                (flags & 2) != 0));
            argsAt = argsEnd;
        }
        if (argsAt != args.length()) {
            throw new CorruptCacheException("argument texts do not add up");
        }
        return calls;
    }

    /**
     * One file's payload, kept for its deferred calls and read where it lies (the mapped cache
     * file): slicing a kernel scans the callees of every function of the tree, and a copy of each
     * file's payload, kept with its facts, made ~430 MB live that a young collection then copied
     * to the old generation. The string table is the decoder's, strings the facts use in it
     * already; one only calls use is decoded when first read and kept in it. Two threads may
     * decode the same string at once: each stores an equal, immutable String, either of which
     * a reader may see (like String's own hash).
     */
    private static final class Payload {
        private final ByteBuffer source;
        private final String[] table;
        private final int[] stringAt;
        private final int tableEnd;

        Payload(ByteBuffer source, String[] table, int[] stringAt, int tableEnd) {
            this.source = source;
            this.table = table;
            this.stringAt = stringAt;
            this.tableEnd = tableEnd;
        }

        /** The {@code length} bytes at {@code position}: in place in a heap payload, a copy of them in a mapped one. */
        ByteSource at(int position, int length) {
            if (source.hasArray()) {
                return new ByteSource(source.array(), source.arrayOffset() + position, length);
            }
            byte[] copy = new byte[length];
            source.get(position, copy);
            return new ByteSource(copy);
        }

        String string(int index) throws CorruptCacheException {
            if (index < 0 || index >= table.length) {
                throw new CorruptCacheException("string index " + index + " out of range");
            }
            String s = table[index];
            if (s == null) {
                int start = stringAt[index];
                s = at(start, (index + 1 < stringAt.length ? stringAt[index + 1] : tableEnd) - start).readString();
                table[index] = s;
            }
            return s;
        }
    }

    /** The call sites of one function, decoded from its file's payload when first read. */
    private static final class Calls extends DeferredCalls {
        private final Payload payload;
        private final int position;
        private final int length;
        private final int line;
        private final int argsIndex;

        Calls(Payload payload, int position, int length, int count, int line, int argsIndex) {
            super(count);
            this.payload = payload;
            this.position = position;
            this.length = length;
            this.line = line;
            this.argsIndex = argsIndex;
        }

        @Override
        protected List<CallSite> decode() {
            try {
                ByteSource in = payload.at(position, length);
                List<CallSite> calls = calls(in, size(), line, payload.string(argsIndex), payload::string);
                if (!in.atEnd()) {
                    throw new CorruptCacheException("call sites do not fill their length");
                }
                return calls;
            } catch (CorruptCacheException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalStateException("cached call sites changed after their checksum passed: " + e, e);
            }
        }

        /** The callees read as {@link #calls} reads them, the rest of each call skipped. */
        @Override
        protected boolean scanCallees(boolean directOnly, Predicate<String> test) {
            try {
                ByteSource in = payload.at(position, length);
                for (int i = 0; i < size(); i++) {
                    int callee = in.readVarint();
                    in.readSigned();
                    in.readVarint();
                    in.readVarint();
                    int flags = in.readByte();
                    if (!(directOnly && (flags & 1) != 0) && test.test(payload.string(callee))) {
                        return true;
                    }
                }
                return false;
            } catch (CorruptCacheException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalStateException("cached call sites changed after their checksum passed: " + e, e);
            }
        }
    }
}
