package dev.tpsync.rules.engine;

import java.util.function.Supplier;

/** Where the phases of a long run (model, contexts, rules) report their cost: -v prints them. */
public interface Phases {

    /** Phases that report nothing. */
    Phases NONE = new Phases() {
        @Override
        public <T> T time(String phase, Supplier<T> work) {
            return work.get();
        }
    };

    <T> T time(String phase, Supplier<T> work);
}
