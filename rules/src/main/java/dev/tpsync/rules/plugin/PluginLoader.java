package dev.tpsync.rules.plugin;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads plugin rules by file kind: a {@code .jar} (ServiceLoader), a {@code .yaml}/{@code .yml}
 * declarative rule file, or a single {@code .java} rule. Every rule comes back with its origin
 * ({@code jar:x.jar}, {@code yaml:x.yaml}, {@code java:X.java}) in its metadata.
 */
public final class PluginLoader {

    private PluginLoader() {
    }

    public static List<Rule> load(List<Path> plugins) {
        List<Rule> rules = new ArrayList<>();
        for (Path p : plugins) {
            rules.addAll(load(p));
        }
        return rules;
    }

    public static List<Rule> load(Path plugin) {
        if (!Files.exists(plugin)) {
            throw new InputException("plugin " + plugin + " does not exist");
        }
        if (!Files.isRegularFile(plugin)) {
            throw new InputException("plugin " + plugin + " is not a file; give a .jar, .yaml/.yml or .java file");
        }
        String name = plugin.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jar")) {
            return JarRules.load(plugin);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YamlRules.load(plugin);
        }
        if (name.endsWith(".java")) {
            return List.of(JavaFileRules.load(plugin));
        }
        throw new InputException("plugin " + plugin + ": unknown kind of plugin; give a .jar, .yaml/.yml or .java "
            + "file");
    }
}
