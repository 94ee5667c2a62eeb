package dev.tpsync.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One case under testdata/rules/&lt;rule-id&gt;/&lt;case&gt;/: its own files plus the shared support
 * trees its {@code case.properties} names ({@code support = linux-6.1, x86-nmi}). Materialising
 * copies the supports in the order given and then the case over them, so a case may replace a
 * support file by writing the same path.
 */
record RuleFixture(String ruleId, String name, Path dir, List<String> supports) {

    static final String PROPERTIES = "case.properties";
    static final String SUPPORT_DIR = "_support";

    /** testdata/rules (system property tpsync.testdata, else ../testdata). */
    static Path root() {
        String prop = System.getProperty("tpsync.testdata");
        Path base = prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop)) ? Path.of(prop)
            : Path.of("../testdata");
        return base.resolve("rules");
    }

    /** Every case of every rule, sorted by rule and name. */
    static List<RuleFixture> all() {
        List<RuleFixture> out = new ArrayList<>();
        for (Path ruleDir : children(root())) {
            String rule = ruleDir.getFileName().toString();
            if (rule.equals(SUPPORT_DIR) || !Files.isDirectory(ruleDir)) {
                continue;
            }
            for (Path caseDir : children(ruleDir)) {
                if (Files.isDirectory(caseDir)) {
                    out.add(of(rule, caseDir));
                }
            }
        }
        return out;
    }

    static RuleFixture of(String rule, Path caseDir) {
        List<String> supports = List.of();
        Path props = caseDir.resolve(PROPERTIES);
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(props)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            supports = Arrays.stream(p.getProperty("support", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
            for (String s : supports) {
                if (!Files.isDirectory(root().resolve(SUPPORT_DIR).resolve(s))) {
                    throw new IllegalArgumentException(props + ": no support tree " + SUPPORT_DIR + "/" + s);
                }
            }
        }
        return new RuleFixture(rule, caseDir.getFileName().toString(), caseDir, supports);
    }

    /** Copies supports, then the case, into {@code target}; returns {@code target}. */
    Path materialize(Path target) {
        for (String s : supports) {
            copyTree(root().resolve(SUPPORT_DIR).resolve(s), target);
        }
        copyTree(dir, target);
        return target;
    }

    /** The case's own C files ('/'-separated, relative), without the support trees. */
    List<String> ownSourceFiles() {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                .filter(f -> f.endsWith(".c") || f.endsWith(".h")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return ruleId + "/" + name;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : walk.sorted().toList()) {
                Path rel = from.relativize(src);
                if (rel.toString().equals(PROPERTIES)) {
                    continue;
                }
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
