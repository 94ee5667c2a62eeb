package dev.tpsync.cli.options;

import dev.tpsync.rules.engine.Phases;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** With -v, says on stderr how long each phase of a run took (list, facts, model, contexts, rules). */
public final class PhaseTimer implements Phases {

    private final PrintWriter err;
    private final boolean enabled;

    public PhaseTimer(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public <T> T time(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        if (enabled) {
            err.printf("tpsync: %-10s %6d ms%n", phase, (System.nanoTime() - start) / 1_000_000);
            err.flush();
        }
        return result;
    }
}
