package edm.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A raw network F(c_in x; c_noise) of EDM's denoiser D(x; sigma) = c_skip x + c_out F(c_in x; c_noise).
 *
 * <p>Inputs: NDList(x of shape (B, sampleShape...), c_noise of shape (B)), both float32. Output:
 * NDList(F) with the shape of x.
 */
public interface DenoiserNet extends Block {
    /** The shape of one sample, e.g. (2) for a 2D toy or (1, 28, 28) for MNIST. */
    Shape sampleShape();

    /** A description of the architecture with all hyper-parameters; checkpoints compare it on load. */
    String architecture();

    /** A new, uninitialized network of the same architecture (for EMA copies and resumes). */
    DenoiserNet fresh();

    /** The input shapes for a batch of {@code batch} samples: (B, sampleShape...) and (B). */
    default Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch).addAll(sampleShape()), new Shape(batch)};
    }
}
