package edm.denoise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import java.util.function.UnaryOperator;

/**
 * Runs a computation on a batch viewed as a (B, d) matrix, with every temporary in a sub-manager
 * that is closed before returning, so repeated calls do not grow memory.
 */
final class Batch {
    private Batch() {}

    /** What the result looks like. */
    enum Out {
        /** Same shape and data type as the input batch. */
        LIKE_INPUT,
        /** One float64 value per sample, shape (B). */
        PER_SAMPLE
    }

    /**
     * The batch size B of {@code x}, after checking it is a floating-point array (an integer input
     * would come back rounded) with d values per sample. Checks metadata only, never the values.
     */
    static long validate(NDArray x, long d) {
        Check.notNull("x", x);
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException("x must be a floating-point array (float32 or float64), got "
                    + x.getDataType());
        }
        Shape shape = x.getShape();
        if (shape.dimension() < 1 || shape.get(0) < 1 || shape.size() != shape.get(0) * d) {
            throw new IllegalArgumentException("x must have shape (B, ...) with B >= 1 and " + d
                    + " values per sample, got shape " + shape);
        }
        return shape.get(0);
    }

    /**
     * Applies {@code f} to x reshaped to (B, d) and converted to {@code work}; f returns (B, d) or
     * (B) in any manager under the temporary one. The result is converted back (see {@link Out})
     * and attached to x's manager.
     */
    static NDArray map(NDArray x, long d, DataType work, Out out, UnaryOperator<NDArray> f) {
        long b = validate(x, d);
        NDManager home = x.getManager();
        try (NDManager tmp = home.newSubManager()) {
            NDArray flat = x.reshape(b, d);
            flat.attach(tmp);
            NDArray y = f.apply(flat.toType(work, false));
            NDArray result = out == Out.LIKE_INPUT
                    ? y.toType(x.getDataType(), false).reshape(x.getShape())
                    : y.toType(DataType.FLOAT64, false).reshape(b);
            result.attach(home);
            return result;
        }
    }
}
