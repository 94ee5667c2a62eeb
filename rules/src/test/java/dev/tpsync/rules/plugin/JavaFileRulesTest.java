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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFileRulesTest {

    private static final String HEADER = """
        import dev.tpsync.rules.spi.*;
        import java.util.List;
        """;

    private static final String METADATA = """
            public RuleMetadata metadata() {
                return new RuleMetadata("tiny-rule", Severity.NOTE, Confidence.LOW, "s", "r", List.of(), "", "", "");
            }
            public void check(RuleContext context, FindingSink sink) {
            }
        """;

    @TempDir
    Path dir;

    @Test
    void exampleRuleIsDescribedCompiledAndRun() {
        Path file = PluginFixtures.examples().resolve("RcuInIdleRule.java");
        JavaRuleSource source = JavaRuleSource.describe(file, YamlInput.read(file, "Java rule"));
        assertThat(source.className()).isEqualTo("RcuInIdleRule");
        assertThat(source.ruleId()).contains("rcu-in-idle");

        Rule rule = JavaFileRules.load(file);
        assertThat(rule.metadata().id()).isEqualTo("rcu-in-idle");
        assertThat(rule.metadata().origin()).isEqualTo("java:RcuInIdleRule.java");
        List<Finding> findings = PluginFixtures.run(PluginFixtures.tree(), List.of(rule));
        assertThat(found(findings, "rcu-in-idle")).isEqualTo(expected(PluginFixtures.tree(), "rcu-in-idle"))
            .hasSize(1);
        assertThat(findings.get(0).evidence().get(0).note()).isEqualTo(
            "ct_idle_enter(): RCU is not watching until line 7");
    }

    @Test
    void compileErrorNamesFileAndLine() throws IOException {
        Path file = write(dir, "Broken.java", HEADER + """
            public class Broken implements Rule {
                public RuleMetadata metadata() {
                    return undefinedThing();
                }
                public void check(RuleContext context, FindingSink sink) {
                }
            }
            """);
        assertThatThrownBy(() -> JavaFileRules.load(file)).isInstanceOf(InputException.class)
            .hasMessage(file + ":5: compile error: cannot find symbol");
    }

    @Test
    void mustImplementRule() throws IOException {
        Path file = write(dir, "NotARule.java", HEADER + "public class NotARule {\n" + METADATA + "}\n");
        assertThatThrownBy(() -> JavaFileRules.load(file))
            .hasMessage(file + ":3: class NotARule does not implement dev.tpsync.rules.spi.Rule");
    }

    @Test
    void needsExactlyOnePublicClassAndANoArgConstructor() throws IOException {
        Path two = write(dir, "Two.java", HEADER + "public class Two {}\npublic class Three {}\n");
        assertThatThrownBy(() -> JavaFileRules.load(two))
            .hasMessage(two + ": a single-file rule holds exactly one public top-level class; found 2");
        Path args = write(dir, "Args.java", HEADER + "public class Args implements Rule {\n"
            + "    public Args(int x) {}\n" + METADATA + "}\n");
        assertThatThrownBy(() -> JavaFileRules.load(args))
            .hasMessage(args + ":4: class Args needs a public constructor without arguments");
    }

    @Test
    void syntaxErrorsAndFailingConstructors() throws IOException {
        Path syntax = write(dir, "Syntax.java", HEADER + "public class Syntax implements Rule {\n  int x = ;\n}\n");
        assertThatThrownBy(() -> JavaFileRules.load(syntax)).hasMessageStartingWith(syntax + ":4: Java syntax error:");
        Path throwing = write(dir, "Throwing.java", HEADER + "public class Throwing implements Rule {\n"
            + "    public Throwing() { throw new IllegalStateException(\"no\"); }\n" + METADATA + "}\n");
        assertThatThrownBy(() -> JavaFileRules.load(throwing)).hasMessage(throwing
            + ": the constructor of Throwing failed: java.lang.IllegalStateException: no");
    }

    @Test
    void aRuleThatThrowsWhileCheckingIsAnInputErrorNamingIt() throws IOException {
        Path file = write(dir, "Boom.java", HEADER + """
            public class Boom implements Rule {
                public RuleMetadata metadata() {
                    return new RuleMetadata("boom", Severity.NOTE, Confidence.LOW, "s", "r", List.of(), "", "", "");
                }
                public void check(RuleContext context, FindingSink sink) {
                    throw new NullPointerException("oops");
                }
            }
            """);
        Rule rule = JavaFileRules.load(file);
        assertThatThrownBy(() -> PluginFixtures.run(PluginFixtures.tree(), List.of(rule)))
            .isInstanceOf(InputException.class)
            .hasMessage("rule 'boom' from java:Boom.java failed: java.lang.NullPointerException: oops");
    }
}
