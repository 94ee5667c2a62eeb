package dev.tpsync.rules.plugin;

import static dev.tpsync.rules.plugin.PluginFixtures.expected;
import static dev.tpsync.rules.plugin.PluginFixtures.found;
import static dev.tpsync.rules.plugin.PluginFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarRulesTest {

    @TempDir
    Path dir;

    @Test
    void exampleJarIsLoadedThroughServiceLoaderAndRuns() throws IOException {
        Path jar = TestJars.exampleJar(dir);
        List<Rule> rules = JarRules.load(jar);
        assertThat(rules).extracting(r -> r.metadata().id()).containsExactly("trace-printk-in-probe");
        assertThat(rules.get(0).metadata().origin()).isEqualTo("jar:trace-printk-rule.jar");
        // Its own loader, whose parent is tpsync's.
        ClassLoader loader = ((PluginRule) rules.get(0)).delegate().getClass().getClassLoader();
        assertThat(loader).isNotSameAs(Rule.class.getClassLoader());
        assertThat(loader.getParent()).isSameAs(Rule.class.getClassLoader());

        List<Finding> findings = PluginFixtures.run(PluginFixtures.tree(), rules);
        assertThat(found(findings, "trace-printk-in-probe"))
            .isEqualTo(expected(PluginFixtures.tree(), "trace-printk-in-probe")).hasSize(1);
    }

    @Test
    void aJarWithoutAServiceFileIsRejected() throws IOException {
        Path jar = TestJars.jar(dir.resolve("none.jar"), Map.of("README", "nothing here".getBytes()));
        assertThatThrownBy(() -> JarRules.load(jar)).isInstanceOf(InputException.class)
            .hasMessage(jar + ": no META-INF/services/dev.tpsync.rules.spi.Rule in the jar; list the jar's Rule "
                + "classes there, one per line");
    }

    @Test
    void aServiceNamingAMissingClassIsRejected() throws IOException {
        Path jar = TestJars.jar(dir.resolve("missing.jar"),
            Map.of(JarRules.SERVICE_FILE, "org.example.Missing\n".getBytes()));
        assertThatThrownBy(() -> JarRules.load(jar)).isInstanceOf(InputException.class)
            .hasMessage(jar + ": Provider org.example.Missing not found");
    }

    @Test
    void aServiceClassThatIsNotARuleIsRejected() throws IOException {
        Path src = write(dir, "src/org/example/NotRule.java", "package org.example;\npublic class NotRule {}\n");
        Path jar = TestJars.compileAndPack(dir.resolve("notrule.jar"), List.of(src), dir.resolve("classes"),
            Map.of(JarRules.SERVICE_FILE, "org.example.NotRule\n".getBytes()));
        assertThatThrownBy(() -> JarRules.load(jar)).isInstanceOf(InputException.class)
            .hasMessage(jar + ": org.example.NotRule is listed as a rule but does not implement dev.tpsync.rules.spi.Rule");
    }

    @Test
    void aFileThatIsNotAJarIsRejected() throws IOException {
        Path notJar = write(dir, "fake.jar", "this is not a zip file");
        assertThatThrownBy(() -> JarRules.load(notJar)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(notJar + ": not a readable jar file");
    }
}
