package dev.tpsync.rules.plugin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.tpsync.input.InputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Strict YAML reading for files users write (.tpsync.yaml, YAML rules): kebab-case keys,
 * unknown keys and wrong types rejected, and every error turned into one line
 * {@code file:line: key 'a.b': message}.
 */
public final class YamlInput {

    private static final ObjectMapper MAPPER = YAMLMapper.builder(new YAMLFactory())
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        // A YAML true, 5 or 1.5 where text is expected is a mistake (exclude: true), not the text "true".
        .withCoercionConfig(LogicalType.Textual, text -> text
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .build();

    private YamlInput() {
    }

    /** The file's text, or an input error naming it. */
    public static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(what + " " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new InputException(what + " " + file + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** The document as a tree, to look at its shape before binding; empty for an empty document. */
    public static Optional<JsonNode> tree(Path file, String text) {
        text = withoutEmptyEnd(text);
        checkPlain(file, text);
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            throw error(file, text, e);
        }
    }

    /** Binds the document to {@code type}; empty for an empty document. */
    public static <T> Optional<T> bind(Path file, String text, Class<T> type) {
        return bind(file, text, MAPPER.constructType(type));
    }

    /** Binds the document to a generic type such as {@code Located<Spec>}; empty for an empty document. */
    public static <T> Optional<T> bind(Path file, String text, TypeReference<T> type) {
        return bind(file, text, MAPPER.constructType(type));
    }

    private static <T> Optional<T> bind(Path file, String text, JavaType type) {
        String document = withoutEmptyEnd(text);
        Optional<JsonNode> tree = tree(file, document);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(document, type));
        } catch (JsonProcessingException e) {
            throw error(file, document, e, tree.get());
        }
    }

    /** A last '---' or '...' with nothing after it (an empty document, or the end marker) is no content. */
    private static final Pattern EMPTY_END = Pattern.compile("\\n(?:---|\\.\\.\\.)[ \\t]*(?:#[^\\n]*)?(?:\\n\\s*)*\\z");

    private static String withoutEmptyEnd(String text) {
        return EMPTY_END.matcher(text).replaceFirst("\n");
    }

    /**
     * Refuses what YAML allows and the binding would misread: an alias ({@code *name}), which
     * Jackson hands over as the string "name" (an unquoted glob such as {@code **}{@code /*.h} is
     * one: YAML reads it as an alias), an anchor, and a second document after {@code ---}, of
     * which the binding keeps neither. Syntax errors are left to the reading that follows.
     */
    private static void checkPlain(Path file, String text) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            int depth = 0;
            boolean rootDone = false;
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                if (rootDone) {
                    throw new InputException(file + ":" + line + ": a second YAML document (after '---'); a config "
                        + "is one document: remove the '---' and merge the two");
                }
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new InputException(file + ":" + line + ": '*" + parser.getText() + "' is a YAML alias, "
                        + "which tpsync does not follow; write the value out, and quote a value that starts with '*'"
                        + " (a glob: '\"**/*.h\"')");
                }
                if (parser instanceof YAMLParser yaml && yaml.getCurrentAnchor() != null) {
                    throw new InputException(file + ":" + line + ": '&" + yaml.getCurrentAnchor() + "' is a YAML "
                        + "anchor, which tpsync does not follow; write each value out");
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                rootDone = depth == 0;
            }
        } catch (IOException syntax) {
            // Reported with its line by the reading that follows.
        }
    }

    /** An input error at {@code line} of {@code file} about {@code key}. */
    public static InputException error(Path file, int line, String key, String message) {
        return new InputException(file + ":" + line + ": key '" + key + "': " + message);
    }

    /** Jackson's error, told the way a person fixes it: where, which key, what was expected. */
    static InputException error(Path file, String text, JsonProcessingException e) {
        return error(file, text, e, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /**
     * Jackson's error as {@link #error(Path, String, JsonProcessingException)} tells it, with the
     * document's tree ({@code root}) to tell a list from one value taken as a list of one: there
     * the key is the list's own ("paths.exclude", not "paths.exclude[0]").
     */
    static InputException error(Path file, String text, JsonProcessingException e, JsonNode root) {
        // The token's own start, where the parser knows it: the end of a YAML scalar can lie on the next line.
        JsonLocation at = e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null
            && p.currentTokenLocation().getLineNr() > 0 ? p.currentTokenLocation() : e.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            if (e instanceof JsonMappingException) {
                return new InputException(file + ":" + line + ": " + mappingMessage((JsonMappingException) e));
            }
            return syntaxError(file, line, e.getOriginalMessage());
        }
        if (mapping instanceof UnrecognizedPropertyException u && text != null) {
            line = keyLine(text, u.getPropertyName(), line);
        }
        KeyPath key = keyPath(mapping.getPath(), root);
        String message = mappingMessage(mapping);
        if (key.loneValue() && mapping instanceof MismatchedInputException m && m.getTargetType() != null
                && !(mapping instanceof InvalidFormatException f && f.getValue() != null)) {
            // One value where a list is expected stands for a list of one: it is the one value that is wrong.
            message = "expected " + describe(m.getTargetType()) + " or a list of them here";
        }
        return error(file, line, key.text(), message);
    }

    /** A key as a person reads it, and whether it ends at one value read as a list of one. */
    private record KeyPath(String text, boolean loneValue) {
    }

    /**
     * {@link #path}, without the "[0]" Jackson adds where one value stands for a list of one
     * (ACCEPT_SINGLE_VALUE_AS_ARRAY): the document has no list there.
     */
    private static KeyPath keyPath(List<JsonMappingException.Reference> refs, JsonNode root) {
        List<JsonMappingException.Reference> kept = new ArrayList<>();
        JsonNode node = root;
        boolean lone = false;
        for (JsonMappingException.Reference r : refs) {
            lone = false;
            if (r.getFieldName() != null) {
                node = node.path(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                if (!node.isMissingNode() && !node.isArray()) {
                    lone = true;
                    continue;
                }
                node = node.path(r.getIndex());
            }
            kept.add(r);
        }
        return new KeyPath(path(kept), lone);
    }

    /**
     * Jackson reports an unknown key of a record only when the record's mapping ends, so the
     * key's own line is found by looking back from there for {@code key:}.
     */
    private static int keyLine(String text, String key, int reported) {
        List<String> lines = text.lines().toList();
        Pattern asKey = Pattern.compile(
            "^\\s*(-\\s+)?[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*|.*[{,]\\s*"
                + Pattern.quote(key) + "\\s*:.*");
        for (int i = Math.min(reported, lines.size()) - 1; i >= 0; i--) {
            if (asKey.matcher(lines.get(i)).matches()) {
                return i + 1;
            }
        }
        return reported;
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                : u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return "unknown key" + (known.isEmpty() ? "" : "; expected one of: " + String.join(", ", known));
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            return "'" + f.getValue() + "' is not allowed; use one of: " + allowed;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return firstLine(v.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == String.class
                && (f.getValue() instanceof Boolean || f.getValue() instanceof Number)) {
            return "expected a text value here, not " + (f.getValue() instanceof Boolean ? "true or false" : "a number")
                + "; quote the value to mean the text";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType()) + " here";
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }

    /** "rules.severity.nmi-perf-rcu", "ignore[2].rule". */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        List<JsonMappingException.Reference> kept = new ArrayList<>(refs);
        for (JsonMappingException.Reference r : kept) {
            if (r.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** SnakeYAML's problem mark: the last "line N, column M" of its message is where it stopped. */
    private static final Pattern MARK = Pattern.compile(" in '[^']*', line (\\d+), column \\d+:");

    /**
     * A syntax error at the line SnakeYAML marks (the token before it is where Jackson stood: a
     * tab on line 2 was "line 1"), with its words on what it found, without the quoted source.
     */
    private static InputException syntaxError(Path file, int tokenLine, String message) {
        if (message == null) {
            return new InputException(file + ":" + tokenLine + ": YAML syntax error");
        }
        int line = tokenLine;
        List<String> words = new ArrayList<>();
        for (String l : message.split("\n")) {
            java.util.regex.Matcher m = MARK.matcher(l);
            if (m.lookingAt()) {
                line = Integer.parseInt(m.group(1));
            } else if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                words.add(l.strip());
            }
        }
        String hint = message.contains("an alias") ? "; quote a value that starts with '*' (a glob: \"**/*.h\")"
            : message.contains("(TAB)") ? "; indent with spaces" : "";
        return new InputException(file + ":" + line + ": YAML syntax error: " + String.join(": ", words) + hint);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "invalid value";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
