package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import edm.Check;
import edm.denoise.Denoiser;
import edm.precond.Preconditioning;
import java.util.Arrays;

/**
 * A trained network as a denoiser: D(x; sigma) = c_skip(sigma) x + c_out(sigma) F(c_in(sigma) x; c_noise(sigma)).
 *
 * <p>As in EDM's appendix, F runs in float32 (the input c_in x is cast from the sampler's float64)
 * while c_skip x + c_out F is formed in the input's data type, so the sampler state stays float64.
 * Inference only: the network is called with training = false, outside any gradient collector.
 */
public final class NetworkDenoiser implements Denoiser {
    private final DenoiserNet net;
    private final Preconditioning precond;

    /**
     * @param net     an initialized network
     * @param precond the preconditioning it was trained with
     */
    public NetworkDenoiser(DenoiserNet net, Preconditioning precond) {
        this.net = Check.notNull("net", net);
        this.precond = Check.notNull("precond", precond);
        if (!net.isInitialized()) {
            throw new IllegalArgumentException("net must be initialized (see Init.seeded)");
        }
    }

    /** The network F. */
    public DenoiserNet net() {
        return net;
    }

    /** The preconditioning. */
    public Preconditioning precond() {
        return precond;
    }

    @Override
    public NDArray denoise(NDArray x, double sigma) {
        Check.notNull("x", x);
        Check.positive("sigma", sigma);
        if (!x.getShape().slice(1).equals(net.sampleShape())) {
            throw new IllegalArgumentException("x must have shape (B, " + net.sampleShape() + "), got " + x.getShape());
        }
        NDManager out = x.getManager();
        try (NDManager tmp = out.newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(tmp);
            NDArray in = xs.mul(precond.cIn(sigma)).toType(DataType.FLOAT32, false);
            float[] cn = new float[Math.toIntExact(x.getShape().get(0))];
            Arrays.fill(cn, (float) precond.cNoise(sigma));
            NDArray f = net.forward(new ParameterStore(tmp, false), new NDList(in, tmp.create(cn)), false)
                    .singletonOrThrow().toType(x.getDataType(), false);
            NDArray d = xs.mul(precond.cSkip(sigma)).add(f.mul(precond.cOut(sigma)));
            d.attach(out);
            return d;
        }
    }
}
