package dev.tpsync.rules.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars for tests the way a rule author would: javac, then a jar with its service file. */
public final class TestJars {

    private TestJars() {
    }

    /** examples/plugins/jar-example, compiled and packed into {@code dir/trace-printk-rule.jar}. */
    public static Path exampleJar(Path dir) throws IOException {
        Path example = PluginFixtures.examples().resolve("jar-example");
        List<Path> sources;
        try (Stream<Path> s = Files.walk(example.resolve("src"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        Path res = example.resolve("resources");
        try (Stream<Path> s = Files.walk(res)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                resources.put(res.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return compileAndPack(dir.resolve("trace-printk-rule.jar"), sources, dir.resolve("jar-classes"), resources);
    }

    public static Path compileAndPack(Path jar, List<Path> sources, Path classes, Map<String, byte[]> resources)
        throws IOException {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-classpath", JavaFileRules.classPath(), "-d", classes.toString(),
            "-proc:none"));
        sources.forEach(s -> args.add(s.toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        Map<String, byte[]> entries = new LinkedHashMap<>(resources);
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return jar(jar, entries);
    }

    public static Path jar(Path jar, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue());
                j.closeEntry();
            }
        }
        return jar;
    }
}
