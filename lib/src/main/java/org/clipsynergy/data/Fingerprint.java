package org.clipsynergy.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds a dataset split's fingerprint: the first 16 hex digits of a SHA-256 over what identifies
 * its content (catalog name, split, class names, and per file its relative path with its size and,
 * where the catalog fixes it, its SHA-256).
 */
final class Fingerprint {

    private static final int HEX_DIGITS = 16;

    private final MessageDigest digest;

    Fingerprint(DatasetEntry entry, String split) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        add(entry.name()).add(split).add(entry.reader().id()).add(entry.variant().orElse(""));
        entry.classNames().forEach(this::add);
    }

    /** Adds one field; fields are separated so that ("ab", "c") and ("a", "bc") differ. */
    Fingerprint add(String field) {
        digest.update(field.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    /** Adds a number field. */
    Fingerprint add(long value) {
        return add(Long.toString(value));
    }

    /** The fingerprint: 16 lower-case hex digits. */
    String value() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, HEX_DIGITS);
    }
}
