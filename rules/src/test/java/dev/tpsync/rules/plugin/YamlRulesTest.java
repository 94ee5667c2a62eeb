package dev.tpsync.rules.plugin;

import static dev.tpsync.rules.plugin.PluginFixtures.expected;
import static dev.tpsync.rules.plugin.PluginFixtures.found;
import static dev.tpsync.rules.plugin.PluginFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlRulesTest {

    @TempDir
    Path dir;

    @Test
    void gfpKernelExampleFlagsOnlyTheNmiReachableGfpKernelAllocation() {
        List<Rule> rules = YamlRules.load(PluginFixtures.examples().resolve("no-gfp-kernel-in-nmi.yaml"));
        assertThat(rules).hasSize(1);
        Rule rule = rules.get(0);
        assertThat(rule.metadata().id()).isEqualTo("no-gfp-kernel-in-nmi");
        assertThat(rule.metadata().origin()).isEqualTo("yaml:no-gfp-kernel-in-nmi.yaml");
        assertThat(rule.metadata().defaultSeverity()).isEqualTo(Severity.ERROR);
        assertThat(rule.metadata().badExample()).contains("GFP_KERNEL");

        List<Finding> findings = PluginFixtures.run(PluginFixtures.tree(), rules);
        assertThat(found(findings, "no-gfp-kernel-in-nmi"))
            .isEqualTo(expected(PluginFixtures.tree(), "no-gfp-kernel-in-nmi")).isNotEmpty();
        Finding f = findings.get(0);
        assertThat(f.message()).isEqualTo("kmalloc(GFP_KERNEL) may sleep, in code reachable from NMI "
            + "(exc_nmi -> default_do_nmi -> demo_collect)");
        assertThat(f.evidence()).extracting(h -> h.function())
            .containsExactly("exc_nmi", "default_do_nmi", "demo_collect", "demo_collect");
        assertThat(f.evidence().get(3).note()).isEqualTo("kmalloc() here");
    }

    @Test
    void srcuExampleIsAListAndFlagsTheProbeOnly() {
        List<Rule> rules = YamlRules.load(PluginFixtures.examples().resolve("no-srcu-in-probes.yaml"));
        assertThat(rules).extracting(r -> r.metadata().id()).containsExactly("no-srcu-in-probes");
        List<Finding> findings = PluginFixtures.run(PluginFixtures.tree(), rules);
        assertThat(found(findings, "no-srcu-in-probes"))
            .isEqualTo(expected(PluginFixtures.tree(), "no-srcu-in-probes")).hasSize(1);
        assertThat(findings.get(0).message()).isEqualTo("srcu_read_lock() on the tracepoint hot path, in demo_probe()");
    }

    @Test
    void unlessAfterFilesAndKindNames() throws IOException {
        Path tree = dir.resolve("tree");
        write(tree, "kernel/trace/unreg.c", """
            void demo_unregister_good(void)
            {
            	unregister_trace_demo(probe, NULL);
            	tracepoint_synchronize_unregister();
            	kfree(probe_data);
            }

            void demo_unregister_bad(void)
            {
            	unregister_trace_demo(probe, NULL);
            	kfree(probe_data);
            }
            """);
        write(tree, "drivers/other.c", """
            void other(void)
            {
            	kfree(probe_data);
            }
            """);
        Path yaml = write(dir, "free.yaml", """
            rules:
              - id: free-before-sync
                message: "{name}() in {function}() before tracepoint_synchronize_unregister()"
                match:
                  call: kfree
                  unless-after: tracepoint_synchronize_unregister
                  files: [kernel/]
              - id: any-unregister
                severity: note
                message: "{name}"
                match:
                  event: PROBE_UNREGISTER
            """);
        List<Rule> rules = YamlRules.load(yaml);
        List<Finding> findings = PluginFixtures.run(tree, rules);
        assertThat(found(findings, "free-before-sync")).containsExactly("kernel/trace/unreg.c:11");
        assertThat(found(findings, "any-unregister")).containsExactlyInAnyOrder("kernel/trace/unreg.c:3",
            "kernel/trace/unreg.c:10");
        assertThat(findings).filteredOn(f -> f.ruleId().equals("any-unregister"))
            .allMatch(f -> f.severity() == Severity.NOTE && f.message().equals("unregister_trace_demo"));
    }

    @Test
    void unknownKeyNamesFileLineAndKey() throws IOException {
        Path yaml = write(dir, "bad.yaml", """
            id: x-rule
            message: m
            match:
              call: kmalloc
              within: nmi
            """);
        assertThatThrownBy(() -> YamlRules.load(yaml)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(yaml + ":5: key 'match.within': unknown key; expected one of: ")
            .hasMessageContaining("unless-after");
    }

    @Test
    void badSeverityAndBadContextAreNamed() throws IOException {
        Path sev = write(dir, "sev.yaml", """
            rules:
              - id: a-rule
                message: m
                match: {call: kmalloc}
              - id: b-rule
                severity: fatal
                message: m
                match: {call: kmalloc}
            """);
        assertThatThrownBy(() -> YamlRules.load(sev)).hasMessage(sev
            + ":6: key 'rules[1].severity': 'fatal' is not allowed; use one of: error, warning, note");
        Path ctx = write(dir, "ctx.yaml", """
            id: a-rule
            message: m
            match:
              call: kmalloc
              in: [nmi, irq]
            """);
        assertThatThrownBy(() -> YamlRules.load(ctx)).hasMessage(ctx
            + ":5: key 'match.in[1]': 'irq' is not allowed; use one of: nmi, rcu-not-watching, tracepoint-hot");
    }

    @Test
    void semanticErrorsNameTheKey() throws IOException {
        Path both = write(dir, "both.yaml", """
            id: a-rule
            message: m
            match:
              call: kmalloc
              event: SRCU_READ_LOCK
            """);
        assertThatThrownBy(() -> YamlRules.load(both)).hasMessageStartingWith(both
            + ":4: key 'match': give exactly one of 'call'");
        Path noMatch = write(dir, "nomatch.yaml", "id: a-rule\nmessage: m\n");
        assertThatThrownBy(() -> YamlRules.load(noMatch)).hasMessageStartingWith(noMatch
            + ":1: key 'match': missing");
        Path badEvent = write(dir, "event.yaml", "id: a-rule\nmessage: m\nmatch:\n  event: srcu_read_lok\n");
        assertThatThrownBy(() -> YamlRules.load(badEvent)).hasMessageStartingWith(badEvent
            + ":4: key 'match.event': 'srcu_read_lok' is not a sync event tpsync records");
        Path badId = write(dir, "id.yaml", "id: No_Good\nmessage: m\nmatch: {call: f}\n");
        assertThatThrownBy(() -> YamlRules.load(badId)).hasMessageStartingWith(badId
            + ":1: key 'id': 'No_Good' is not a rule id");
        Path noMessage = write(dir, "msg.yaml", "rules:\n  - id: a-rule\n    match: {call: f}\n");
        assertThatThrownBy(() -> YamlRules.load(noMessage)).hasMessageStartingWith(noMessage
            + ":2: key 'rules[0].message': missing");
        Path wrongType = write(dir, "type.yaml", "id: a-rule\nmessage: m\nmatch:\n  call: {name: f}\n");
        assertThatThrownBy(() -> YamlRules.load(wrongType)).hasMessage(wrongType
            + ":4: key 'match.call': expected a text value or a list of them here");
        Path number = write(dir, "number.yaml", "id: a-rule\nmessage: m\nmatch:\n  call: f\n  argument: 0\n");
        assertThatThrownBy(() -> YamlRules.load(number)).hasMessage(number
            + ":5: key 'match.argument': expected a text value here, not a number; quote the value to mean the text");
    }

    @Test
    void syntaxErrorsAndEmptyFiles() throws IOException {
        Path broken = write(dir, "broken.yaml", "id: a\nmessage: [unclosed\n");
        assertThatThrownBy(() -> YamlRules.load(broken)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(broken + ":").hasMessageContaining("YAML syntax error");
        Path empty = write(dir, "empty.yaml", "# nothing\n");
        assertThatThrownBy(() -> YamlRules.load(empty)).hasMessageStartingWith(empty + ": empty rule file");
    }
}
