package dev.tpsync.rules.plugin;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A value read from a YAML file with the line it came from, so a check made after parsing
 * (an unknown rule id, a match with neither call nor event) can still name file and line.
 */
@JsonDeserialize(using = LocatedDeserializer.class)
public record Located<T>(T value, int line) {
}
