package dev.tpsync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class-data-sharing archive the launcher trains beside the jar (./tpsync, train_cds). An
 * archive maps only into the JVM build that dumped it: after a JDK update (a distribution's
 * security release, say) the JVM ignores it without a word, and every run starts without it
 * until the jar is rebuilt. The launcher cannot see that without starting a JVM; the JVM it
 * starts can: without sharing, {@code java.vm.info} lacks "sharing" ("mixed mode, sharing" with
 * it). Such a run removes the archive, and the launcher trains one for this JVM on the next.
 */
final class ClassDataArchive {

    /** The system property the launcher names the archive in, when it runs with one. */
    static final String PROPERTY = "tpsync.cds";

    private ClassDataArchive() {
    }

    /** Removes the launcher's archive when this JVM did not map it. */
    static void dropIfUnmapped() {
        dropIfUnmapped(Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of),
            System.getProperty("java.vm.info", ""));
    }

    /**
     * Removes {@code archive} when {@code vmInfo} (a JVM's {@code java.vm.info}) says the JVM runs
     * without class data sharing; returns whether it did. Best effort: a run that cannot remove it
     * goes on as it would have.
     */
    static boolean dropIfUnmapped(Optional<Path> archive, String vmInfo) {
        if (archive.isEmpty() || vmInfo.contains("sharing")) {
            return false;
        }
        try {
            return Files.deleteIfExists(archive.get());
        } catch (IOException e) {
            return false;
        }
    }
}
