package dev.tpsync.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Work a run does beside its main thread: started on a thread of its own, and waited for with what it threw unwrapped. */
public final class Futures {

    private Futures() {
    }

    /**
     * {@code work} run on a daemon thread of its own named {@code name}: what a run starts beside
     * its main thread once (a pool would cost more to set up than the one thread).
     */
    public static <T> CompletableFuture<T> onThreadOfItsOwn(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
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
