package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.cli.format.ColorChoice.Mode;
import dev.tpsync.input.InputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorChoiceTest {

    private static final Map<String, String> PLAIN_ENV = Map.of("TERM", "xterm-256color");

    @Test
    void autoColoursOnlyATerminal() {
        assertThat(ColorChoice.decide(Mode.AUTO, PLAIN_ENV, true)).isTrue();
        assertThat(ColorChoice.decide(Mode.AUTO, PLAIN_ENV, false)).isFalse();
    }

    @Test
    void autoHonoursNoColorWhenSetToAnyNonEmptyValue() {
        assertThat(ColorChoice.decide(Mode.AUTO, Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(ColorChoice.decide(Mode.AUTO, Map.of("NO_COLOR", "0"), true)).isFalse();
        // no-color.org: an empty NO_COLOR does not count.
        assertThat(ColorChoice.decide(Mode.AUTO, Map.of("NO_COLOR", ""), true)).isTrue();
    }

    @Test
    void autoLeavesADumbTerminalPlain() {
        assertThat(ColorChoice.decide(Mode.AUTO, Map.of("TERM", "dumb"), true)).isFalse();
    }

    @Test
    void explicitFlagsBeatTheEnvironment() {
        Map<String, String> noColor = Map.of("NO_COLOR", "1", "TERM", "dumb");
        assertThat(ColorChoice.decide(Mode.ALWAYS, noColor, false)).isTrue();
        assertThat(ColorChoice.decide(Mode.NEVER, PLAIN_ENV, true)).isFalse();
    }

    @Test
    void parsesFlagValuesAndRejectsOthersInOneLine() {
        assertThat(Mode.parse("Always")).isEqualTo(Mode.ALWAYS);
        assertThat(Mode.parse("auto")).isEqualTo(Mode.AUTO);
        assertThatThrownBy(() -> Mode.parse("yes"))
            .isInstanceOf(InputException.class)
            .hasMessage("--color: unknown value 'yes'; use auto, always or never");
    }
}
