package dev.tpsync.cli.format;

import dev.tpsync.input.InputException;
import java.util.Locale;
import java.util.Map;

/**
 * Whether to colour text output: {@code --color always|never} decide outright; {@code auto}
 * colours only a terminal, and not when {@code NO_COLOR} is set (https://no-color.org: any
 * non-empty value) or {@code TERM=dumb}. An explicit flag beats the environment, as no-color.org
 * recommends for user-requested colour.
 */
public final class ColorChoice {

    /** The values of {@code --color}. */
    public enum Mode {
        AUTO, ALWAYS, NEVER;

        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new InputException("--color: unknown value '" + text + "'; use auto, always or never");
        }
    }

    private ColorChoice() {
    }

    /**
     * @param env              the process environment ({@code System.getenv()} in the CLI)
     * @param outputIsTerminal true when output goes to stdout and stdout is a terminal; false
     *                         for {@code --output FILE}
     */
    public static boolean decide(Mode mode, Map<String, String> env, boolean outputIsTerminal) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> outputIsTerminal
                && env.getOrDefault("NO_COLOR", "").isEmpty()
                && !"dumb".equals(env.get("TERM"));
        };
    }

    /**
     * Best guess at "stdout is a terminal" on Java 17: a console exists only when neither
     * stdin nor stdout is redirected, so a piped stdin also turns colour off, which errs on
     * the quiet side.
     */
    public static boolean stdoutIsTerminal() {
        return System.console() != null;
    }
}
