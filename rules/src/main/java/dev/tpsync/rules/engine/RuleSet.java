package dev.tpsync.rules.engine;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules available to a run (built-in and plugins), each id once. */
public final class RuleSet {

    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public RuleSet(List<Rule> all) {
        for (Rule r : all) {
            RuleMetadata m = r.metadata();
            if (rules.putIfAbsent(m.id(), r) != null) {
                throw new InputException("rule id '" + m.id() + "' is defined twice (" + rules.get(m.id()).metadata()
                    .origin() + " and " + m.origin() + "); rename one of them");
            }
        }
    }

    public List<Rule> all() {
        return List.copyOf(rules.values());
    }

    /** Every rule's id, in listing order. */
    public List<String> ids() {
        return List.copyOf(rules.keySet());
    }

    public Optional<Rule> byId(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /**
     * The rules a run uses: {@code only} when given (else all), minus {@code disabled}. Unknown
     * ids are input errors naming the option they came from.
     */
    public List<Rule> select(List<String> only, List<String> disabled, String onlyOrigin, String disabledOrigin) {
        check(only, onlyOrigin);
        check(disabled, disabledOrigin);
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules.values()) {
            String id = r.metadata().id();
            if ((only.isEmpty() || only.contains(id)) && !disabled.contains(id)) {
                out.add(r);
            }
        }
        return out;
    }

    private void check(List<String> ids, String origin) {
        for (String id : ids) {
            if (!rules.containsKey(id)) {
                throw new InputException(origin + ": unknown rule '" + id + "'; 'tpsync rules' lists them ("
                    + String.join(", ", rules.keySet()) + ")");
            }
        }
    }
}
