package dev.tpsync.rules.plugin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;

/** Reads a {@link Located}: the line of the value's first token, then the value as its own type. */
final class LocatedDeserializer extends JsonDeserializer<Located<?>> implements ContextualDeserializer {

    private final JavaType valueType;

    LocatedDeserializer() {
        this(null);
    }

    private LocatedDeserializer(JavaType valueType) {
        this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        JavaType wrapper = ctxt.getContextualType() != null ? ctxt.getContextualType() : property.getType();
        return new LocatedDeserializer(wrapper.containedTypeOrUnknown(0));
    }

    @Override
    public Located<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        Object value = ctxt.readValue(p, valueType);
        return new Located<>(value, line);
    }
}
