package dev.tpsync.rules.plugin;

import static dev.tpsync.rules.plugin.PluginFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path dir;

    @Test
    void choosesByExtensionAndStampsOrigins() throws IOException {
        Path examples = PluginFixtures.examples();
        List<Rule> rules = PluginLoader.load(List.of(examples.resolve("no-gfp-kernel-in-nmi.yaml"),
            examples.resolve("no-srcu-in-probes.yaml"), examples.resolve("RcuInIdleRule.java"),
            TestJars.exampleJar(dir)));
        assertThat(rules).extracting(r -> r.metadata().id() + " " + r.metadata().origin()).containsExactly(
            "no-gfp-kernel-in-nmi yaml:no-gfp-kernel-in-nmi.yaml",
            "no-srcu-in-probes yaml:no-srcu-in-probes.yaml",
            "rcu-in-idle java:RcuInIdleRule.java",
            "trace-printk-in-probe jar:trace-printk-rule.jar");
    }

    @Test
    void unknownKindsAndMissingFilesAreInputErrors() throws IOException {
        Path txt = write(dir, "rule.txt", "id: x");
        assertThatThrownBy(() -> PluginLoader.load(txt)).isInstanceOf(InputException.class)
            .hasMessage("plugin " + txt + ": unknown kind of plugin; give a .jar, .yaml/.yml or .java file");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PluginLoader.load(missing)).isInstanceOf(InputException.class)
            .hasMessage("plugin " + missing + " does not exist");
        assertThatThrownBy(() -> PluginLoader.load(dir)).isInstanceOf(InputException.class)
            .hasMessageContaining("is not a file");
    }
}
