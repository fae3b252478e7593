package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for arithmetic inside a network's forward pass, as 0-d arrays whose memory belongs to the engine.
 *
 * <p>Why: on the PyTorch engine {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)},
 * {@code maximum(Number)}, ... create the scalar with {@code manager.create(Number)}, which wraps a Java direct
 * buffer without copying ({@code torch::from_blob}), run the op, and close the scalar at once. Closing drops
 * the Java reference to the buffer, yet autograd has saved the scalar tensor for the backward pass (e.g.
 * {@code grad / other} for a division). Once the garbage collector frees the buffer, backward reads freed memory:
 * infinite or NaN gradients, intermittently, more often after earlier work has churned the heap. An array made
 * by {@code NDManager.full} ({@code torch::full}) owns its memory, which autograd keeps alive by reference count.
 * Use {@code x.mul(Scalar.like(x, c))} rather than {@code x.mul(c)} wherever the result may be differentiated.
 */
public final class Scalar {
    private Scalar() {}

    /** The value {@code v} as a 0-d array with the data type and manager of {@code like}. */
    public static NDArray like(NDArray like, double v) { // v rounded to float32 first
        return like.getManager().full(new Shape(), (float) v, like.getDataType());
    }
}
