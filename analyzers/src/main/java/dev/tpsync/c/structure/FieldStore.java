package dev.tpsync.c.structure;

/**
 * A function name stored into a struct member: {@code .handler = foo,} in an initializer or
 * {@code event->overflow_handler = foo;} in a body. The model turns the interesting ones
 * (configured callback fields) into call edges.
 *
 * @param function the enclosing function, or empty at file scope
 */
public record FieldStore(String field, String value, String function, int line) {
}
