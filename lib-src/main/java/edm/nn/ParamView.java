package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Reshaped views of parameters that belong to the caller's step, not to the parameters' manager.
 *
 * <p>Why: a DJL operation attaches its result to the manager of its first operand. {@code w.reshape(s)} on a
 * parameter therefore lands in the network's long-lived manager, and so does everything computed from it with
 * the view first ({@code w.reshape(s).matMul(cols)}, its autograd graph included): every training step or
 * denoiser call then leaks its activations (once about 2 GB per U-Net step on 28x28 images). Attaching the view
 * to the manager of an input of the step lets the step's sub-manager free it and its descendants.
 */
final class ParamView {
    private ParamView() {}

    /** {@code param} reshaped to {@code shape}, owned by the manager of {@code owner}. */
    static NDArray reshape(NDArray param, Shape shape, NDArray owner) {
        NDArray v = param.reshape(shape);
        v.attach(owner.getManager());
        return v;
    }
}
