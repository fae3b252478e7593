package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import edm.Check;
import edm.rand.SampleRng;

/**
 * Seeded initialization of a network from a Java random stream (independent of the engine's RNG):
 * weights W ~ U(-a, a) with a = sqrt(6/(fan_in + fan_out)) (Glorot and Bengio 2010), where
 * fan_in = prod(shape[1..]) and fan_out = shape[0] prod(shape[2..]); biases and GroupNorm beta 0,
 * GroupNorm gamma 1. Parameters are filled in the block's parameter order from one
 * {@link SampleRng} seeded with {@code seed}, so the same seed gives bit-identical weights.
 */
public final class Init {
    private Init() {}

    /** Initializes {@code net} for float32 in {@code manager} and overwrites its weights from {@code seed}. */
    public static <T extends DenoiserNet> T seeded(T net, NDManager manager, long seed) {
        Check.notNull("net", net);
        Check.notNull("manager", manager);
        net.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, net.inputShapes(1));
        SampleRng rng = new SampleRng(seed);
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                fillGlorot(p.getValue().getArray(), rng);
            }
        }
        return net;
    }

    /**
     * Copies {@code values} (row-major, w's size) into {@code w} in place, by an indexed copy
     * ({@code index_put_}), so that w keeps storage that libtorch allocated and owns. On the PyTorch engine
     * {@code NDArray.set(Buffer)} instead rebinds w to a non-owning view of a Java direct buffer, kept alive only
     * by a field of that Java NDArray object; native tensors sharing the storage (views, tensors saved by
     * autograd) do not keep it alive. That was once suspected for the U-Net's NaN gradients, but no test shows
     * {@code set(Buffer)} failing: those NaNs came from scalars of {@code mul/div(Number)} (see {@link Scalar})
     * and from libtorch's convolution backward (see {@link Conv}).
     */
    public static void copyInto(NDArray w, float[] values) {
        Check.notNull("w", w);
        Check.notNull("values", values);
        if (values.length != w.size()) {
            throw new IllegalArgumentException("values must have w.size() = " + w.size() + " elements, got "
                    + values.length);
        }
        try (NDArray src = w.getManager().create(values, w.getShape())) {
            w.set(new NDIndex(":"), src);
        }
    }

    private static void fillGlorot(NDArray w, SampleRng rng) {
        Shape s = w.getShape();
        long receptive = s.dimension() > 2 ? s.slice(2).size() : 1;
        double fanIn = s.dimension() > 1 ? s.get(1) * receptive : s.get(0);
        double fanOut = s.get(0) * receptive;
        double a = Math.sqrt(6 / (fanIn + fanOut));
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (a * (2 * rng.nextDouble() - 1));
        }
        copyInto(w, v);
    }
}
