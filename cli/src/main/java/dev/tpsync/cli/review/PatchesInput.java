package dev.tpsync.cli.review;

import dev.tpsync.input.InputException;
import dev.tpsync.patch.PatchSeries;
import dev.tpsync.patch.PatchSeriesReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of {@code --patches}: format-patch files, a directory of them, an mbox, or '-' for
 * standard input. Checked as a shell hands them over: picocli gives the option every word up
 * to the next option, so a range or a repeated glob lands here too.
 */
public record PatchesInput(List<String> words) {

    public PatchesInput {
        words = List.copyOf(words);
    }

    /** The series the words name; the inputs a report lists for them go to {@code inputs}. */
    public PatchSeries read(InputStream stdin, List<String> inputs) {
        check();
        if (words.equals(List.of("-"))) {
            inputs.add("standard input");
            try {
                return PatchSeriesReader.read("-", stdin.readAllBytes());
            } catch (IOException e) {
                throw new InputException("cannot read patches from standard input: " + e.getMessage());
            }
        }
        inputs.addAll(words);
        return PatchSeriesReader.read(words.stream().map(Path::of).toList());
    }

    private void check() {
        Map<Path, String> seen = new HashMap<>();
        for (String word : words) {
            Path path = Path.of(word);
            if (word.contains("..") && !Files.exists(path)) {
                throw new InputException("--patches: '" + word + "' is no file but reads as a range; give one input: "
                    + "a RANGE, --patches or --staged");
            }
            String earlier = seen.putIfAbsent(path.toAbsolutePath().normalize(), word);
            if (earlier != null && !word.equals("-")) {
                throw new InputException("--patches: '" + word + "' is given twice" + (earlier.equals(word) ? ""
                    : " (as '" + earlier + "')") + "; name each file once");
            }
        }
        if (words.contains("-") && words.size() > 1) {
            throw new InputException("--patches: '-' (standard input) is the only input when given; drop the files"
                + " or the '-'");
        }
    }
}
