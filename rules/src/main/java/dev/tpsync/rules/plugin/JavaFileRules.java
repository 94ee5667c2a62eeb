package dev.tpsync.rules.plugin;

import dev.tpsync.input.InputException;
import dev.tpsync.model.CodeModel;
import dev.tpsync.rules.spi.Rule;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A rule written as one {@code .java} file: described with JavaParser ({@link JavaRuleSource}),
 * compiled in memory with the JDK's compiler against tpsync's own classes, and loaded from
 * the resulting bytes. Nothing is written to disk.
 */
public final class JavaFileRules {

    private JavaFileRules() {
    }

    public static Rule load(Path file) {
        String text = YamlInput.read(file, "Java rule");
        JavaRuleSource source = JavaRuleSource.describe(file, text);
        String origin = "java:" + file.getFileName();
        Map<String, byte[]> classes = compile(file, source);
        ClassLoader loader = new BytesClassLoader(origin, classes, Rule.class.getClassLoader());
        Rule rule = instantiate(file, source, loader);
        Rule wrapped = PluginRule.of(rule, origin);
        String id = wrapped.metadata().id();
        if (source.ruleId().isPresent() && !source.ruleId().get().equals(id)) {
            throw new InputException(file + ": " + source.className() + " declares rule id '" + source.ruleId().get()
                + "' but its metadata() says '" + id + "'");
        }
        return wrapped;
    }

    private static Map<String, byte[]> compile(Path file, JavaRuleSource source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new InputException(file + ": no Java compiler available: run tpsync with a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
            StandardCharsets.UTF_8);
        MemoryOutput output = new MemoryOutput(standard);
        List<String> options = List.of("-classpath", classPath(), "-proc:none", "-implicit:none", "-nowarn",
            "-encoding", "UTF-8", "-Xlint:none");
        StringWriter compilerOut = new StringWriter();
        boolean ok = javac.getTask(compilerOut, output, diagnostics, options, null,
            standard.getJavaFileObjects(file.toFile())).call();
        if (!ok) {
            String rule = source.ruleId().map(id -> " (rule " + id + ")").orElse("");
            throw new InputException(firstError(file, diagnostics).orElse(file + ": does not compile" + rule
                + (compilerOut.toString().isBlank() ? "" : ": " + compilerOut.toString().strip().lines()
                    .findFirst().orElse(""))));
        }
        return output.classes;
    }

    private static Optional<String> firstError(Path file, DiagnosticCollector<JavaFileObject> diagnostics) {
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("").strip();
                long line = d.getLineNumber();
                return Optional.of(file + (line > 0 ? ":" + line : "") + ": compile error: " + message);
            }
        }
        return Optional.empty();
    }

    private static Rule instantiate(Path file, JavaRuleSource source, ClassLoader loader) {
        Class<?> cls;
        try {
            cls = Class.forName(source.binaryName(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InputException(file + ": cannot load class " + source.binaryName() + ": " + e);
        }
        if (!Rule.class.isAssignableFrom(cls)) {
            throw new InputException(file + ": class " + source.binaryName() + " does not implement "
                + Rule.class.getName());
        }
        try {
            Constructor<?> constructor = cls.getConstructor();
            return (Rule) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new InputException(file + ": class " + source.className()
                + " needs a public constructor without arguments");
        } catch (InvocationTargetException e) {
            throw new InputException(file + ": the constructor of " + source.className() + " failed: "
                + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new InputException(file + ": cannot create " + source.className() + ": " + e);
        }
    }

    /**
     * tpsync's own classes for the compiler: the JVM's class path (the shaded jar, or the
     * modules' target/classes in a build) and wherever the SPI and the model were loaded from.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        for (Class<?> c : List.of(Rule.class, CodeModel.class)) {
            codeSource(c).ifPresent(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> codeSource(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Collects the compiler's class files in memory. */
    private static final class MemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, byte[]> classes = new HashMap<>();

        MemoryOutput(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() throws IOException {
                            super.close();
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }

    /** Defines the compiled classes; everything else comes from tpsync's loader. */
    private static final class BytesClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent) {
            super(name, parent);
            this.classes = new HashMap<>(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
