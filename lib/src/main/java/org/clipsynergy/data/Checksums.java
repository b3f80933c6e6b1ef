package org.clipsynergy.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of data files against the values datasets.yaml fixes. A file is hashed once per path,
 * size and modification time in a JVM, so checking before every extraction costs one read of each
 * file, not one per extraction.
 */
final class Checksums {

    private record Seen(Path file, long size, FileTime modified) {}

    private static final Map<Seen, String> HASHED = new ConcurrentHashMap<>();

    private Checksums() {}

    /**
     * Fails when a file's SHA-256 differs from the catalog's value.
     *
     * @param file the data file
     * @param expected its SHA-256 in datasets.yaml (lower-case hex)
     * @param dataset the catalog name, for the message
     * @throws IOException if the file cannot be read or differs; the message names the file, the
     *     actual and the expected value and where the expected one comes from
     */
    static void verify(Path file, String expected, String dataset) throws IOException {
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new IOException(
                    file
                            + ": SHA-256 "
                            + actual
                            + ", expected "
                            + expected
                            + " (datasets.yaml entry '"
                            + dataset
                            + "', field 'sha256'); the file changed since it was fetched: fetch"
                            + " it again (make data) or correct datasets.yaml");
        }
    }

    /** The file's SHA-256 in lower-case hex, from this JVM's memory when the file is unchanged. */
    static String sha256(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Seen seen = new Seen(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute));
        String known = HASHED.get(seen);
        if (known != null) {
            return known;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(absolute), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String value = HexFormat.of().formatHex(digest.digest());
        HASHED.put(seen, value);
        return value;
    }
}
