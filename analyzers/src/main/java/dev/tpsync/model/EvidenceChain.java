package dev.tpsync.model;

import java.util.List;

/**
 * The shortest path from where a context starts (an NMI entry, an idle region, a probe) to a
 * function, hop by hop. {@code indirect} says whether a hop went through a registration,
 * which makes the chain less certain than one of direct calls.
 */
public record EvidenceChain(List<ChainHop> hops, boolean indirect) {

    public EvidenceChain {
        hops = List.copyOf(hops);
    }

    public int length() {
        return hops.size();
    }

    public ChainHop start() {
        return hops.get(0);
    }


    /** "exc_nmi -> default_do_nmi -> nmi_handle", for one-line messages. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (ChainHop hop : hops) {
            if (sb.length() > 0) {
                sb.append(" -> ");
            }
            sb.append(hop.function());
        }
        return sb.toString();
    }
}
