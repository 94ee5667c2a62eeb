package dev.tpsync.rules.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The execution contexts a declarative rule can ask for ({@code in:}). */
public enum MatchContext {
    @JsonProperty("nmi")
    NMI("nmi"),
    @JsonProperty("rcu-not-watching")
    RCU_NOT_WATCHING("rcu-not-watching"),
    @JsonProperty("tracepoint-hot")
    TRACEPOINT_HOT("tracepoint-hot");

    private final String label;

    MatchContext(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
