package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** SiLU (swish) activation, SiLU(z) = z sigmoid(z). */
final class Silu {
    private Silu() {}

    static NDArray apply(NDArray z) {
        return z.mul(Activation.sigmoid(z));
    }
}
