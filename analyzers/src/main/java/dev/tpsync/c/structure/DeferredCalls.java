package dev.tpsync.c.structure;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

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
