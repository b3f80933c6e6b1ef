package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable native-order direct buffer through which batches enter the engine.
 *
 * <p>{@code NDManager.create(float[])} allocates a fresh direct buffer per call that only the
 * garbage collector frees, and memory creeps over thousands of steps; one buffer per input,
 * refilled per batch, avoids that. An array made from it is valid until the next fill, so each
 * input of one forward pass needs its own instance.
 */
final class DirectInput {

    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /** Copies {@code length} floats from {@code src[offset]} into an array of the given shape. */
    NDArray floats(NDManager manager, float[] src, int offset, int length, Shape shape) {
        ByteBuffer b = reserve(length * Float.BYTES);
        b.asFloatBuffer().put(src, offset, length);
        return manager.create(b, shape, DataType.FLOAT32);
    }

    /** Copies {@code length} longs from {@code src[0]} into an int64 array of the given shape. */
    NDArray longs(NDManager manager, long[] src, int length, Shape shape) {
        ByteBuffer b = reserve(length * Long.BYTES);
        b.asLongBuffer().put(src, 0, length);
        return manager.create(b, shape, DataType.INT64);
    }

    private ByteBuffer reserve(int bytes) {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        buffer.limit(bytes);
        return buffer;
    }
}
