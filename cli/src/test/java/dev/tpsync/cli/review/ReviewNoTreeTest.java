package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.JSON;
import static dev.tpsync.cli.review.ReviewFixtures.root;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static dev.tpsync.cli.review.ReviewFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpsync.review.ReviewEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patches under testdata/review/no-tree were written against an imagined older tree:
 * onto the fixture tree they must fail (exit 2, naming patch, file and hunk, suggesting
 * --no-tree or --base), and with --no-tree they must give what expected.json says, each
 * finding at low confidence and saying that the tree was not available.
 */
class ReviewNoTreeTest {

    static Stream<String> patches() throws IOException {
        try (Stream<Path> dirs = Files.list(root().resolve("no-tree"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json")))
                .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void failsOnTheFixtureTree(String name) throws IOException {
        Path dir = root().resolve("no-tree").resolve(name);
        JsonNode treeError = JSON.readTree(dir.resolve("expected.json").toFile()).get("treeError");

        ReviewFixtures.Run r = run("review", "--patches", dir.toString(), "--tree", tree().toString(), "-q");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        String line = r.errLines().get(0);
        assertThat(line).startsWith("tpsync: patch 1/1 ").contains("does not apply")
            .contains(treeError.get("file").asText()).contains("--no-tree").contains("--base");
        if (treeError.has("hunk")) {
            assertThat(line).contains("hunk #" + treeError.get("hunk").asInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void noTreeReportsWhatThePatchShows(String name) throws IOException {
        Path dir = root().resolve("no-tree").resolve(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());

        ReviewFixtures.Run r = run("review", "--patches", dir.toString(), "--no-tree", "--format", "json", "-q",
            "--fail-on", "never");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode report = r.json();
        assertThat(summary(report)).isEqualTo(summary(expected));
        for (JsonNode p : report.get("patches")) {
            for (JsonNode f : p.get("introduced")) {
                assertThat(f.get("message").asText()).endsWith(ReviewEngine.NO_TREE_NOTE)
                    .contains("the tree was not available");
            }
        }
        assertThat(report.get("notes").toString()).contains("--no-tree");
    }

    /** Per patch: "introduced rule file:line severity confidence" lines, sorted within the patch. */
    private static List<List<String>> summary(JsonNode report) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode p : report.get("patches")) {
            List<String> lines = new ArrayList<>();
            for (String kind : List.of("introduced", "resolved")) {
                for (JsonNode f : p.get(kind)) {
                    lines.add(kind + " " + f.get("rule").asText() + " " + f.get("file").asText() + ":"
                        + f.get("line").asInt() + " " + f.get("severity").asText() + " "
                        + f.get("confidence").asText());
                }
            }
            lines.sort(null);
            out.add(lines);
        }
        return out;
    }
}
