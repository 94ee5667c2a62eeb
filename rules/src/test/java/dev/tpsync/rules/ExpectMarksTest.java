package dev.tpsync.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpsync.rules.spi.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mark syntax the fixtures rely on: a mark that silently asserted nothing would hide a miss. */
class ExpectMarksTest {

    @Test
    void markOnItsOwnLine() {
        List<ExpectMarks.Mark> marks = ExpectMarks.parse("a.c", "x;\n\ttrace_foo(1);\t/* expect: lost-rcuidle error */\n");
        assertEquals(List.of(new ExpectMarks.Mark("a.c", 2, "lost-rcuidle", Optional.of(Severity.ERROR), 2)), marks);
    }

    @Test
    void severityIsOptionalAndMatchesAny() {
        ExpectMarks.Mark m = ExpectMarks.parse("a.c", "f(); /* expect: nmi-perf-rcu */").get(0);
        assertEquals(Optional.empty(), m.severity());
        assertTrue(m.matches("a.c", 1, "nmi-perf-rcu", Severity.NOTE));
        assertTrue(m.matches("a.c", 1, "nmi-perf-rcu", Severity.ERROR));
        assertFalse(m.matches("a.c", 2, "nmi-perf-rcu", Severity.ERROR));
        assertFalse(m.matches("b.c", 1, "nmi-perf-rcu", Severity.ERROR));
        assertFalse(m.matches("a.c", 1, "lost-rcuidle", Severity.ERROR));
    }

    @Test
    void relativeMarksPointAboveAndBelow() {
        String text = "/* expect@+2: srcu-read-barrier note */\n#define X(a)\t\\\n\tsrcu_read_lock(a)\n"
            + "/* expect@-1: lost-rcuidle warning */\n";
        List<ExpectMarks.Mark> marks = ExpectMarks.parse("t.h", text);
        assertEquals(3, marks.get(0).line());
        assertEquals(1, marks.get(0).markLine());
        assertEquals(3, marks.get(1).line());
        assertEquals(Optional.of(Severity.WARNING), marks.get(1).severity());
    }

    @Test
    void twoMarksOnOneLineAreTwoFindings() {
        assertEquals(2, ExpectMarks.parse("a.c", "f(); /* expect: a-rule error */ /* expect: a-rule note */").size());
    }

    @Test
    void okCommentsAndPlainTextAreNotMarks() {
        assertTrue(ExpectMarks.parse("a.c", "f(); /* ok: slow path */\n/* we expect nothing here */\n").isEmpty());
    }

    @Test
    void malformedMarksFailLoudly() {
        assertThrows(IllegalArgumentException.class, () -> ExpectMarks.parse("a.c", "f(); /* expect lost-rcuidle */"
            + " /* expect: */"));
        assertThrows(IllegalArgumentException.class, () -> ExpectMarks.parse("a.c", " * expect: lost-rcuidle error"));
        assertThrows(IllegalArgumentException.class, () -> ExpectMarks.parse("a.c", "/* expect@+1: lost-rcuidle */"));
        assertThrows(IllegalArgumentException.class, () -> ExpectMarks.parse("a.c", "/* expect: lost-rcuidle fatal */"));
    }
}
