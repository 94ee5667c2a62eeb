package dev.tpsync.rules.plugin;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Rule;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * Rules from a jar: each jar gets its own class loader (parent: tpsync's), and its rules are
 * the {@link Rule} providers it lists in {@code META-INF/services/dev.tpsync.rules.spi.Rule}.
 * The loader stays open for the life of the process, since rules load classes lazily.
 */
public final class JarRules {

    static final String SERVICE_FILE = "META-INF/services/" + Rule.class.getName();

    private JarRules() {
    }

    public static List<Rule> load(Path jar) {
        String origin = "jar:" + jar.getFileName();
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(SERVICE_FILE) == null) {
                throw new InputException(jar + ": no " + SERVICE_FILE + " in the jar; list the jar's Rule classes "
                    + "there, one per line");
            }
        } catch (IOException e) {
            throw new InputException(jar + ": not a readable jar file (" + e.getMessage() + ")");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(origin, new URL[] {jar.toUri().toURL()}, Rule.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new InputException(jar + ": cannot be opened as a class path entry (" + e.getMessage() + ")");
        }
        List<Rule> rules = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<Rule> provider : ServiceLoader.load(Rule.class, loader).stream().toList()) {
                // ServiceLoader also asks the parent loader; only this jar's own providers count.
                if (provider.type().getClassLoader() != loader) {
                    continue;
                }
                rules.add(PluginRule.of(provider.get(), origin));
            }
        } catch (ServiceConfigurationError e) {
            throw new InputException(jar + ": " + oneLine(e));
        } catch (LinkageError e) {
            throw new InputException(jar + ": a rule class cannot be loaded: " + e);
        }
        if (rules.isEmpty()) {
            throw new InputException(jar + ": " + SERVICE_FILE + " lists no rule classes");
        }
        return rules;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // "dev.tpsync.rules.spi.Rule: Provider x not found" reads better without the interface name.
        String prefix = Rule.class.getName() + ": ";
        message = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        if (message.endsWith(" not a subtype")) {
            return message.substring(0, message.length() - " not a subtype".length()).replace("Provider ", "")
                + " is listed as a rule but does not implement " + Rule.class.getName();
        }
        if (e.getCause() != null && e.getCause() != e) {
            message += " (" + e.getCause() + ")";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
