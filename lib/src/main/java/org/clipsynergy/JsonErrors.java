package org.clipsynergy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;

/**
 * Jackson's errors in a reader's words: the field, what was expected and what was found, or where
 * the text stops being JSON, without Jackson's class names and reference chains.
 */
public final class JsonErrors {

    private JsonErrors() {}

    /**
     * Describes why a JSON file could not be read into a Java object.
     *
     * @param e the error Jackson threw
     * @return e.g. {@code field 'inputSize': expected an int, got "big"}, or {@code not valid JSON
     *     at line 1, column 3: Unexpected character ('b' (code 98)) ...}
     */
    public static String describe(Throwable e) {
        if (e instanceof JsonMappingException m
                && m.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null) {
            // A record's own validation: its message already names the field.
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return field(f)
                    + ": expected "
                    + typeName(f.getTargetType())
                    + ", got "
                    + quoted(f.getValue());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return field(m) + ": expected " + typeName(m.getTargetType()) + ", got another kind";
        }
        if (e instanceof JsonParseException p) {
            JsonLocation at = p.getLocation();
            return "not valid JSON"
                    + (at == null
                            ? ""
                            : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": "
                    + firstLine(p.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return firstLine(j.getOriginalMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    private static String field(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "the file";
        }
        return "field '"
                + e.getPath().stream()
                        .map(
                                r ->
                                        r.getFieldName() != null
                                                ? r.getFieldName()
                                                : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[")
                + "'";
    }

    private static String typeName(Class<?> type) {
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName();
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
