package dev.tpsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs git in a test repository, without the GIT_* variables a caller's hook may have set. */
final class GitCli {

    private final Path dir;

    GitCli(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code git args} in the repository and returns its standard output; fails the test on a non-zero exit. */
    String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Steven Rostedt",
            "-c", "user.email=rostedt@goodmis.org", "-c", "init.defaultBranch=master", "-c", "gc.auto=0"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), err).isZero();
        return out;
    }
}
