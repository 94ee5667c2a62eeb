package dev.tpsync.rules.plugin;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a single-file Java rule declares, read with JavaParser before anything is compiled:
 * its one public top-level class, that the class implements {@link Rule} and can be built
 * without arguments, and the rule id when the metadata spells it as a literal. Problems are
 * reported here with file and line, in words a rule author understands, rather than as
 * compiler or reflection errors later.
 *
 * @param ruleId the id from {@code new RuleMetadata("id", ...)}, when it is written statically
 */
public record JavaRuleSource(Path file, String packageName, String className, Optional<String> ruleId) {

    private static final String RULE = Rule.class.getName();
    private static final String SPI_PACKAGE = Rule.class.getPackageName();

    /** The class's binary name, as a class loader knows it. */
    public String binaryName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    public static JavaRuleSource describe(Path file, String text) {
        JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        ParseResult<CompilationUnit> parsed = parser.parse(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            Problem p = parsed.getProblems().get(0);
            int line = p.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(0);
            throw new InputException(file + ":" + line + ": Java syntax error: " + firstLine(p.getMessage()));
        }
        CompilationUnit unit = parsed.getResult().get();
        List<TypeDeclaration<?>> publicTypes = unit.getTypes().stream().filter(TypeDeclaration::isPublic).toList();
        if (publicTypes.size() != 1) {
            throw new InputException(file + ": a single-file rule holds exactly one public top-level class; found "
                + publicTypes.size());
        }
        TypeDeclaration<?> type = publicTypes.get(0);
        int line = line(type);
        if (!(type instanceof ClassOrInterfaceDeclaration cls) || cls.isInterface() || cls.isAbstract()) {
            throw new InputException(file + ":" + line + ": " + type.getNameAsString()
                + " must be a concrete class implementing " + RULE);
        }
        if (!implementsRule(unit, cls)) {
            throw new InputException(file + ":" + line + ": class " + cls.getNameAsString() + " does not implement "
                + RULE);
        }
        List<ConstructorDeclaration> constructors = cls.getConstructors();
        if (!constructors.isEmpty()
            && constructors.stream().noneMatch(c -> c.getParameters().isEmpty() && c.isPublic())) {
            throw new InputException(file + ":" + line(constructors.get(0)) + ": class " + cls.getNameAsString()
                + " needs a public constructor without arguments");
        }
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        return new JavaRuleSource(file, pkg, cls.getNameAsString(), ruleId(cls));
    }

    private static boolean implementsRule(CompilationUnit unit, ClassOrInterfaceDeclaration cls) {
        for (ClassOrInterfaceType t : cls.getImplementedTypes()) {
            String name = t.getNameWithScope();
            if (name.equals(RULE)) {
                return true;
            }
            if (name.equals("Rule")) {
                for (ImportDeclaration i : unit.getImports()) {
                    if (!i.isStatic() && ((!i.isAsterisk() && i.getNameAsString().equals(RULE))
                        || (i.isAsterisk() && i.getNameAsString().equals(SPI_PACKAGE)))) {
                        return true;
                    }
                }
                if (unit.getPackageDeclaration().map(p -> p.getNameAsString().equals(SPI_PACKAGE)).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first argument of {@code new RuleMetadata(...)}: a string literal or a constant holding one. */
    private static Optional<String> ruleId(ClassOrInterfaceDeclaration cls) {
        for (ObjectCreationExpr created : cls.findAll(ObjectCreationExpr.class)) {
            String typeName = created.getType().getNameAsString();
            if (!typeName.equals(RuleMetadata.class.getSimpleName()) || created.getArguments().isEmpty()) {
                continue;
            }
            Expression first = created.getArgument(0);
            if (first.isStringLiteralExpr()) {
                return Optional.of(first.asStringLiteralExpr().asString());
            }
            if (first instanceof NameExpr name) {
                for (FieldDeclaration f : cls.getFields()) {
                    for (VariableDeclarator v : f.getVariables()) {
                        if (v.getNameAsString().equals(name.getNameAsString()) && v.getInitializer().isPresent()
                            && v.getInitializer().get().isStringLiteralExpr()) {
                            return Optional.of(v.getInitializer().get().asStringLiteralExpr().asString());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
