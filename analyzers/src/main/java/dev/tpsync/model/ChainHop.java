package dev.tpsync.model;

/** One hop of an evidence chain: a place a reviewer can open, and why it is on the path. */
public record ChainHop(String file, int line, String function, String note) {
}
