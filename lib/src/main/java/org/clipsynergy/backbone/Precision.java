package org.clipsynergy.backbone;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** The floating-point format a backbone computes in. */
public enum Precision {
    /** 32-bit floats: the default, on every device. */
    FP32(DataType.FLOAT32),
    /** 16-bit floats: GPU only, for a model exported in half precision. */
    FP16(DataType.FLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL data type of the model's inputs and outputs. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Parses {@code fp32} or {@code fp16} (any case).
     *
     * @param name the name
     * @return the precision
     * @throws IllegalArgumentException for any other name
     */
    public static Precision parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "precision must be fp32 or fp16, got '" + name + "'", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
