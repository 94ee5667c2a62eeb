package dev.tpsync.rules.builtin;

import dev.tpsync.rules.spi.Rule;
import java.util.List;

/** The rules tpsync ships with, in the order they are listed. */
public final class BuiltinRules {

    private BuiltinRules() {
    }

    public static List<Rule> all() {
        return List.of(new LostRcuidleRule(), new SrcuReadBarrierRule(), new NmiPerfRcuRule(),
            new TracepointUnregisterSyncRule());
    }
}
