package dev.tpsync.model;

import dev.tpsync.c.structure.FunctionDef;

/**
 * Lines of one function where RCU is not watching this CPU.
 *
 * @param function  the function
 * @param fromLine  the line of the call that stops RCU watching (exclusive), or the header
 * @param toLine    the line of the call that makes it watch again (exclusive), or the end
 * @param opener    what opens the region: {@code ct_idle_enter()}, "entry code before irqentry_nmi_enter()"
 * @param kind      idle, entry code, or a configured region
 */
public record RcuIdleRegion(FunctionDef function, int fromLine, int toLine, String opener, Kind kind) {

    public enum Kind { IDLE, ENTRY, CONFIGURED }

    public boolean contains(int line) {
        return line > fromLine && line < toLine;
    }

    public String describe() {
        return opener + " (" + function.file() + ":" + fromLine + "-" + toLine + ")";
    }
}
