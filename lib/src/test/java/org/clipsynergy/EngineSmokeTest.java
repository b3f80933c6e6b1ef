package org.clipsynergy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads offline and computes. */
class EngineSmokeTest {
    @Test
    void matrixProductOnTheDefaultEngine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a =
                    manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray(), 0f);
        }
    }
}
