package dev.tpsync.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The lock a warm-up of a cache ({@code tpsync hook warm}) holds while it loads a tree: a
 * {@code flock} on {@code <cache>/warm-up.lock}, released by the kernel when its process ends,
 * however it ends. One warm-up runs at a time per cache, and a review that would load the tree
 * the warm-up is loading waits for it instead of doing the same work beside it.
 */
public final class WarmUpLock implements AutoCloseable {

    static final String FILE = "warm-up.lock";
    private static final long POLL_MILLIS = 25;

    private final FileChannel channel;
    private final FileLock lock;

    private WarmUpLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock of {@code cache}, or empty when another warm-up (in this process or another) holds it. */
    public static Optional<WarmUpLock> tryTake(FactCache cache) throws IOException {
        Files.createDirectories(cache.root());
        FileChannel channel = FileChannel.open(file(cache), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new WarmUpLock(channel, lock));
    }

    /**
     * Waits while a warm-up holds the lock of {@code cache}, at most {@code limit}, telling
     * {@code waiting} once when it starts to; true when one held it (it may still, if the limit
     * passed). Creates nothing: without a lock file no warm-up ever ran here.
     */
    public static boolean awaitRelease(FactCache cache, Duration limit, Runnable waiting) {
        try (FileChannel channel = FileChannel.open(file(cache), StandardOpenOption.WRITE)) {
            long deadline = System.nanoTime() + limit.toNanos();
            boolean waited = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    lock.release();
                    return waited;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return true;
                }
                if (!waited) {
                    waiting.run();
                }
                waited = true;
                Thread.sleep(POLL_MILLIS);
            }
        } catch (NoSuchFileException none) {
            return false;
        } catch (IOException e) {
            return false; // a lock that cannot be read is no reason to fail a review
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The lock's file: its path is the one thing two processes must agree on. */
    public static Path file(FactCache cache) {
        return cache.root().resolve(FILE);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
