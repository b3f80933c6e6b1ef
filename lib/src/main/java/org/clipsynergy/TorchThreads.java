package org.clipsynergy;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch state that belongs to a thread. Its grad mode is per thread and on by default; DJL turns
 * it off only on the thread that loads the engine, and turns it on only inside a gradient
 * collector. A Jupyter kernel may run a notebook's cells on different threads: on any other thread,
 * an optimiser's in-place update of a parameter fails ("a leaf Variable that requires grad is being
 * used in an in-place operation") and inference records autograd graphs it never uses. Code that
 * runs libtorch operations calls {@link #noGradients()} first.
 */
public final class TorchThreads {

    private TorchThreads() {}

    /** Turns libtorch's grad mode off on the calling thread (gradient collectors turn it on). */
    public static void noGradients() {
        Engine.getEngine("PyTorch"); // the native library must be loaded before any JNI call
        JniUtils.setGradMode(false);
    }
}
