package org.clipsynergy.data;

/** What a dataset reader does with an image file it cannot decode (truncated, corrupt, empty). */
public enum DecodePolicy {
    /** Stop: the stream throws an exception naming the file. The default. */
    FAIL,
    /**
     * Leave the image out: log a warning naming the file, count it in the dataset's {@link
     * DecodeReport}, and go on with the next image.
     */
    SKIP
}
