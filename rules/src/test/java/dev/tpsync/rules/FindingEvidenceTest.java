package dev.tpsync.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reviewer checks without tpsync: the evidence of an NMI finding starts at the NMI
 * entry and walks the real chain, and a suggestion names only APIs the analysed tree has.
 */
class FindingEvidenceTest {

    /** A definition (function or function-like macro) of srcu_read_lock_nmisafe in srcu.h. */
    private static final Pattern DEFINES_NMISAFE = Pattern.compile(
        "(?m)^(?:static\\s+inline\\s+[^\\n(]*\\bsrcu_read_lock_nmisafe\\s*\\(|#define\\s+srcu_read_lock_nmisafe\\()");

    @Test
    void nmiPerfRcuEvidenceStartsAtExcNmi(@TempDir Path tmp) {
        FixtureScan scan = scan("nmi-perf-rcu", "perf-tp-event-reached-from-exc-nmi", tmp);
        Finding f = only(scan.findings(), "nmi-perf-rcu");
        List<EvidenceHop> hops = f.evidence();
        EvidenceHop first = hops.get(0);
        assertEquals("exc_nmi", first.function(), "evidence: " + hops);
        assertEquals("arch/x86/kernel/nmi.c", first.file());
        List<String> chain = hops.stream().map(EvidenceHop::function).distinct().toList();
        assertEquals(List.of("exc_nmi", "default_do_nmi", "nmi_handle", "trace_nmi_handler", "perf_trace_nmi_handler",
            "perf_trace_run_bpf_submit", "perf_tp_event"), chain, "evidence: " + hops);
        EvidenceHop last = hops.get(hops.size() - 1);
        assertEquals(f.file(), last.file());
        assertEquals(f.line(), last.line());
        for (EvidenceHop h : hops) {
            assertTrue(h.line() > 0 && !h.file().isEmpty(), "every hop has file:line: " + h);
        }
    }

    @Test
    void nmiSrcuSuggestionNamesNmisafeOnlyWhereTheTreeDefinesIt(@TempDir Path tmp) throws IOException {
        FixtureScan old = scan("srcu-read-barrier", "nmi-handler-classic-srcu", tmp.resolve("6.1"));
        assertFalse(definesNmisafe(old.tree()));
        Finding f61 = only(old.findings(), "srcu-read-barrier", "drivers/watchdog/hpwdt.c");
        assertFalse(f61.suggestion().contains("srcu_read_lock_nmisafe"), f61.suggestion());
        assertFalse(f61.suggestion().isBlank());

        FixtureScan newer = scan("srcu-read-barrier", "nmi-handler-classic-srcu-6.13", tmp.resolve("6.13"));
        assertTrue(definesNmisafe(newer.tree()));
        Finding f613 = only(newer.findings(), "srcu-read-barrier", "drivers/watchdog/hpwdt.c");
        assertTrue(f613.suggestion().contains("srcu_read_lock_nmisafe()"), f613.suggestion());
    }

    static Stream<RuleFixture> cases() {
        return RuleFixture.all().stream();
    }

    /** Over every fixture: no suggestion names srcu_read_lock_nmisafe in a tree whose srcu.h lacks it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noSuggestionNamesAnUndefinedNmisafe(RuleFixture fixture, @TempDir Path tmp) throws IOException {
        FixtureScan scan = FixtureScan.of(fixture, tmp);
        if (definesNmisafe(scan.tree())) {
            return;
        }
        for (Finding f : scan.findings()) {
            assertFalse(f.suggestion().contains("srcu_read_lock_nmisafe"), f.file() + ":" + f.line() + ": "
                + f.suggestion());
            assertFalse(f.message().contains("srcu_read_lock_nmisafe"), f.file() + ":" + f.line() + ": " + f.message());
        }
    }

    private static boolean definesNmisafe(Path tree) throws IOException {
        Path srcu = tree.resolve("include/linux/srcu.h");
        return Files.isRegularFile(srcu)
            && DEFINES_NMISAFE.matcher(Files.readString(srcu, StandardCharsets.UTF_8)).find();
    }

    private static FixtureScan scan(String rule, String name, Path tmp) {
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return FixtureScan.of(RuleFixture.of(rule, RuleFixture.root().resolve(rule).resolve(name)), tmp);
    }

    private static Finding only(List<Finding> findings, String rule) {
        List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertEquals(1, of.size(), "findings of " + rule + ": " + of);
        return of.get(0);
    }

    private static Finding only(List<Finding> findings, String rule, String file) {
        return only(findings.stream().filter(f -> f.file().equals(file)).toList(), rule);
    }
}
