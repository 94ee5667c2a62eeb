package dev.tpsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store reads itself, and what it leaves to JGit, of a repository's layout and refs. */
class RepositoryLayoutTest {

    @TempDir
    Path tmp;
    Path work;
    GitCli git;

    @BeforeEach
    void repository() throws Exception {
        work = tmp.resolve("linux");
        Files.createDirectories(work.resolve("kernel/trace"));
        git = new GitCli(work);
        git.run("init", "-q");
        Files.writeString(work.resolve("kernel/trace/foo.c"), "void foo(void)\n{\n}\n");
        git.run("add", "-A");
        git.run("commit", "-qm", "base");
    }

    private ObjectId head() throws Exception {
        return ObjectId.fromString(git.run("rev-parse", "HEAD").strip());
    }

    @Test
    void aWorkTreeIsFoundFromADirectoryInsideIt() throws Exception {
        RepositoryLayout layout = RepositoryLayout.find(work.resolve("kernel/trace"), Map.of()).orElseThrow();
        assertThat(layout.gitDir()).isEqualTo(work.resolve(".git"));
        assertThat(layout.commonDir()).isEqualTo(work.resolve(".git"));
        assertThat(layout.workTree()).isEqualTo(work);
        assertThat(layout.indexFile()).isEqualTo(work.resolve(".git/index"));
        assertThat(new Refs(layout).head()).contains(head());
    }

    @Test
    void gitIndexFileAsGitSetsItForAPreCommitHook() throws Exception {
        RepositoryLayout layout = RepositoryLayout.find(work, Map.of("GIT_INDEX_FILE", "/tmp/next-index.lock"))
            .orElseThrow();
        assertThat(layout.indexFile()).isEqualTo(Path.of("/tmp/next-index.lock"));
        RepositoryLayout relative = RepositoryLayout.find(work, Map.of("GIT_INDEX_FILE", ".git/index")).orElseThrow();
        assertThat(relative.indexFile()).isEqualTo(Path.of(".git/index").toAbsolutePath().normalize());
    }

    @Test
    void aLinkedWorktreeHasItsOwnHeadAndIndexAndSharesTheRest() throws Exception {
        Path wt = tmp.resolve("wt");
        git.run("worktree", "add", "-q", "-b", "feature", wt.toString());
        Files.writeString(wt.resolve("kernel/trace/foo.c"), "void foo(void)\n{\n\treturn;\n}\n");
        new GitCli(wt).run("commit", "-qam", "on the worktree");
        RepositoryLayout layout = RepositoryLayout.find(wt.resolve("kernel"), Map.of()).orElseThrow();
        assertThat(layout.gitDir()).isEqualTo(work.resolve(".git/worktrees/wt"));
        assertThat(layout.commonDir()).isEqualTo(work.resolve(".git"));
        assertThat(layout.workTree()).isEqualTo(wt);
        assertThat(layout.indexFile()).isEqualTo(work.resolve(".git/worktrees/wt/index"));
        assertThat(new Refs(layout).head())
            .contains(ObjectId.fromString(new GitCli(wt).run("rev-parse", "HEAD").strip()))
            .isNotEqualTo(Optional.of(head()));
    }

    @Test
    void headThroughPackedRefsOrDetachedOrUnborn() throws Exception {
        ObjectId head = head();
        git.run("pack-refs", "--all");
        assertThat(Files.exists(work.resolve(".git/refs/heads/master"))).isFalse();
        RepositoryLayout layout = RepositoryLayout.find(work, Map.of()).orElseThrow();
        assertThat(new Refs(layout).head()).contains(head);
        git.run("checkout", "-q", "--detach");
        assertThat(Files.readString(work.resolve(".git/HEAD")).strip()).isEqualTo(head.name());
        assertThat(new Refs(layout).head()).contains(head);
        git.run("checkout", "-q", "--orphan", "fresh");
        assertThat(new Refs(layout).head()).isEmpty();
    }

    @Test
    void whatIsNotPlainIsLeftToJGit() throws Exception {
        assertThat(RepositoryLayout.find(work, Map.of("GIT_DIR", work.resolve(".git").toString()))).isEmpty();
        assertThat(RepositoryLayout.find(work, Map.of("GIT_OBJECT_DIRECTORY", "/elsewhere"))).isEmpty();
        assertThat(RepositoryLayout.find(work.resolve(".git"), Map.of())).as("a git directory itself").isEmpty();
        assertThat(RepositoryLayout.find(tmp, Map.of())).as("not a repository").isEmpty();

        Path config = work.resolve(".git/config");
        String plain = Files.readString(config);
        Files.writeString(config, plain.replace("repositoryformatversion = 0", "repositoryformatversion = 1")
            + "[extensions]\n\tobjectFormat = sha256\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("SHA-256 objects").isEmpty();
        Files.writeString(config, plain + "[extensions]\n\tobjectFormat = sha1\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("SHA-1 named").isPresent();
        Files.writeString(config, plain + "[extensions]\n\trefStorage = reftable\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("reftable").isEmpty();
        Files.writeString(config, plain + "[include]\n\tpath = ../shared.gitconfig\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("an include").isEmpty();
        Files.writeString(config, plain + "[core]\n\tbare = true\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("bare").isEmpty();
        Files.writeString(config, plain + "[core]\n\tworktree = /elsewhere\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("core.worktree").isEmpty();
        Files.writeString(config, plain);

        Files.writeString(work.resolve(".git/objects/info/alternates"), "/elsewhere/objects\n");
        assertThat(RepositoryLayout.find(work, Map.of())).as("alternates").isEmpty();
        Files.delete(work.resolve(".git/objects/info/alternates"));

        assertThat(RepositoryLayout.find(work, Map.of())).isPresent();
    }

    @Test
    void theConfigurationIsLayeredAsGitLayersItAndAnIncludeIsLeftToJGit() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".config/git"));
        Files.writeString(home.resolve(".config/git/config"), "[user]\n\tname = From XDG\n\temail = xdg@example.org\n");
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = From Home\n");
        RepositoryLayout layout = RepositoryLayout.find(work, Map.of()).orElseThrow();
        Map<String, String> env = Map.of("GIT_CONFIG_NOSYSTEM", "1");
        var config = ConfigChain.over(layout.configText(), env, home).orElseThrow();
        assertThat(config.getString("user", null, "name")).isEqualTo("From Home");
        assertThat(config.getString("user", null, "email")).isEqualTo("xdg@example.org");

        git.run("config", "user.name", "From The Repository");
        layout = RepositoryLayout.find(work, Map.of()).orElseThrow();
        config = ConfigChain.over(layout.configText(), env, home).orElseThrow();
        assertThat(config.getString("user", null, "name")).isEqualTo("From The Repository");

        Files.writeString(home.resolve(".gitconfig"), "[includeIf \"gitdir:~/work/\"]\n\tpath = ~/.gitconfig-work\n");
        assertThat(ConfigChain.over(layout.configText(), env, home)).isEmpty();
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = From Home\n");
        assertThat(ConfigChain.over(layout.configText(), env, home)).isPresent();
        Files.writeString(home.resolve(".config/git/config"), "[include]\n\tpath = ~/.gitconfig-shared\n");
        assertThat(ConfigChain.over(layout.configText(), env, home)).as("an include in the XDG file").isEmpty();
    }
}
