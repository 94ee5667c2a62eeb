package dev.tpsync.git;

import java.io.IOException;

/**
 * An object this reader does not read: damaged, of a form it does not handle (a pack index of
 * version 1, a pack over 2 GiB of one object) or absent. Never shown to a user: whoever asked
 * reads the object again through JGit, which reads every form git writes and says what is wrong.
 */
public final class UnreadableObjectException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnreadableObjectException(String message) {
        super(message);
    }
}
