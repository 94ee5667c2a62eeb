package dev.tpsync.patch;

/** What a diff does to one file, in git's terms. */
public enum ChangeType {
    MODIFY, ADD, DELETE, RENAME, COPY
}
