package org.clipsynergy.features;

import java.io.IOException;

/**
 * A cache entry whose array files are missing, cut short or not what its manifest describes (a disk
 * filled up, a copy interrupted, an edit by hand). The message names the file, what was expected
 * and what was found. Extraction treats such an entry as stale and computes it again.
 */
public class DamagedEntryException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A damaged entry.
     *
     * @param message the file, what was expected and what was found
     */
    public DamagedEntryException(String message) {
        super(message);
    }

    /**
     * A damaged entry found while parsing a file.
     *
     * @param message the file, what was expected and what was found
     * @param cause the parser's error
     */
    public DamagedEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
