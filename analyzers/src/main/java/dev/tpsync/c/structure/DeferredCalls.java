package dev.tpsync.c.structure;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Predicate;

/**
 * The call sites of a function, decoded from the fact cache when first read. A review loads
 * the facts of every file of a kernel tree but reads the calls of a few thousand functions:
 * those its rebuild resolves again, those its searches reach, those it reports on. Equal to
 * the list it stands for in every respect and unmodifiable like it; safe to read from several
 * threads (two may decode it at once, alike, and one of the equal lists is kept).
 */
public abstract class DeferredCalls extends AbstractList<CallSite> implements RandomAccess {

    private final int size;
    private volatile List<CallSite> decoded;

    protected DeferredCalls(int size) {
        this.size = size;
    }

    /** The call sites in source order: a pure function of what this object was made from. */
    protected abstract List<CallSite> decode();

    private List<CallSite> calls() {
        List<CallSite> out = decoded;
        if (out == null) {
            out = List.copyOf(decode());
            if (out.size() != size) {
                throw new IllegalStateException("deferred calls decoded to " + out.size() + " sites, not " + size);
            }
            decoded = out;
        }
        return out;
    }

    /**
     * Whether the callee of some direct call in {@code calls} passes {@code test}. Deferred calls
     * not decoded yet are read for their callees alone: slicing a kernel asks this of all its
     * ~780k functions, and decoding (and keeping) every call site to answer it cost the first
     * hook run after a pull most of a second.
     */
    public static boolean anyDirectCallee(List<CallSite> calls, Predicate<String> test) {
        return anyCallee(calls, true, test);
    }

    /** As {@link #anyDirectCallee}, of every call, through a pointer or member too (its callee is the member). */
    public static boolean anyCallee(List<CallSite> calls, Predicate<String> test) {
        return anyCallee(calls, false, test);
    }

    private static boolean anyCallee(List<CallSite> calls, boolean directOnly, Predicate<String> test) {
        if (calls instanceof DeferredCalls deferred && deferred.decoded == null) {
            return deferred.scanCallees(directOnly, test);
        }
        for (CallSite c : calls) {
            if (!(directOnly && c.indirect()) && test.test(c.callee())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the callee of some call ({@code directOnly}: of a direct one) passes {@code test},
     * read from what this object was made from without decoding the call sites.
     */
    protected abstract boolean scanCallees(boolean directOnly, Predicate<String> test);

    @Override
    public CallSite get(int index) {
        return calls().get(index);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<CallSite> iterator() {
        return calls().iterator();
    }
}
