package dev.tpsync.cache;

import java.io.IOException;

/** A cache record that cannot be trusted: truncated, garbled, or written by another format. */
public final class CorruptCacheException extends IOException {

    public CorruptCacheException(String message) {
        super(message);
    }
}
