package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    @Test
    void coloursSeverityAndRuleIdOnlyWhenAsked() throws IOException {
        StringWriter plain = new StringWriter();
        new TextFormat().write(ReportFixtures.oneFinding(), ReportFixtures.options(), plain);
        StringWriter colored = new StringWriter();
        new TextFormat().write(ReportFixtures.oneFinding(), new FormatOptions(true, "0.0.0-test"), colored);

        assertThat(plain.toString()).doesNotContain("\u001b");
        assertThat(colored.toString())
            .contains("kernel/events/core.c:10104:2: \u001b[1;31merror\u001b[0m: rcu_read_lock()")
            .contains("[\u001b[1;31mnmi-perf-rcu\u001b[0m]");
        assertThat(colored.toString().replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain.toString());
    }

    @Test
    void aNewlineInAMessageCannotForgeACompilerStyleLine() {
        assertThat(TextFormat.oneLine("bad\nfake.c:1:1: error: x")).isEqualTo("bad fake.c:1:1: error: x");
    }
}
