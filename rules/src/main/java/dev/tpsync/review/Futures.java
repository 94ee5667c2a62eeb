package dev.tpsync.review;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work a review runs beside its main thread. */
public final class Futures {

    private Futures() {
    }

    /**
     * The value of {@code future}, or what the work behind it threw, as it was thrown: an input
     * error on a second thread still reaches the user as one line and exit 2, not as a wrapper.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
