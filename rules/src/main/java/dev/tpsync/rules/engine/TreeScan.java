package dev.tpsync.rules.engine;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The library API of {@code tpsync scan}: run rules over a built model and report the
 * findings in the files a user asked about. The CLI only loads the tree and prints.
 */
public final class TreeScan {

    private TreeScan() {
    }

    /**
     * @param model     the whole tree's model (contexts come from all of it)
     * @param reportOn  which files to report findings for (all, or paths inside the tree)
     * @param runner    the selected rules with overrides
     * @param inputs    what to name as inputs in the report
     */
    public static Report scan(CodeModel model, Predicate<String> reportOn, RuleRunner runner, List<String> inputs,
                              List<String> notes) {
        return scan(model, Contexts.compute(model), reportOn, runner, inputs, notes);
    }

    public static Report scan(CodeModel model, Contexts contexts, Predicate<String> reportOn, RuleRunner runner,
                              List<String> inputs, List<String> notes) {
        // Asked once per file, not per function: a kernel has 55k files and 780k functions.
        List<FunctionDef> functions = new ArrayList<>();
        for (FileFacts file : model.files()) {
            if (reportOn.test(file.path())) {
                functions.addAll(file.functions());
            }
        }
        List<Finding> findings = runner.run(new AnalysisContext(model, contexts, functions, true));
        return new Report("scan", inputs, runner.rules().stream().map(Rule::metadata).toList(), findings, List.of(),
            List.of(), notes);
    }
}
