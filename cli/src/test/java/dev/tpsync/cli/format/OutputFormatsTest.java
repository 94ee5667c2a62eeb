package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import org.junit.jupiter.api.Test;

class OutputFormatsTest {

    @Test
    void knowsTheFiveFormatsInHelpOrder() {
        assertThat(OutputFormats.names()).containsExactly("text", "json", "sarif", "github", "email");
    }

    @Test
    void looksUpByNameIgnoringCase() {
        assertThat(OutputFormats.byName("SARIF").name()).isEqualTo("sarif");
        assertThat(OutputFormats.byName(" email ").name()).isEqualTo("email");
    }

    @Test
    void unknownNameIsAOneLineUserErrorListingTheValidNames() {
        assertThatThrownBy(() -> OutputFormats.byName("xml"))
            .isInstanceOf(InputException.class)
            .hasMessage("--format: unknown format 'xml'; use one of text, json, sarif, github, email")
            .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }
}
