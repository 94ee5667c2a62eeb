package dev.tpsync.c.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.FrontendFixtures;
import java.util.List;

/** Parsing and lookup shared by the structure tests. */
final class StructureTestSupport {

    private StructureTestSupport() {
    }

    static FileFacts parseFixture(String name) {
        return StructureParser.parse("frontend/" + name, FrontendFixtures.read(name));
    }

    static FileFacts parse(String source) {
        return StructureParser.parse("t.c", source);
    }

    static FunctionDef function(FileFacts facts, String name) {
        List<FunctionDef> found = facts.functions().stream().filter(f -> f.name().equals(name)).toList();
        assertThat(found).as("functions named %s in %s", name, names(facts)).hasSize(1);
        return found.get(0);
    }

    static List<String> names(FileFacts facts) {
        return facts.functions().stream().map(FunctionDef::name).toList();
    }

    static List<String> callees(FunctionDef fn) {
        return fn.calls().stream().map(CallSite::callee).toList();
    }

    static List<SyncKind> kinds(FunctionDef fn) {
        return fn.events().stream().map(SyncEvent::kind).toList();
    }

    /** The single function of a snippet. */
    static FunctionDef single(String source) {
        FileFacts facts = parse(source);
        assertThat(facts.functions()).as("functions of\n%s", source).hasSize(1);
        return facts.functions().get(0);
    }
}
