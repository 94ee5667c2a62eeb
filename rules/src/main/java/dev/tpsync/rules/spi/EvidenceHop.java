package dev.tpsync.rules.spi;

/** One hop of the evidence a reviewer can open: where, in which function, and why it matters. */
public record EvidenceHop(String file, int line, String function, String note) {
}
