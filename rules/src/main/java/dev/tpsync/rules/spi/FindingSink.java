package dev.tpsync.rules.spi;

/** Where a rule reports what it found. */
@FunctionalInterface
public interface FindingSink {

    void report(Finding finding);
}
