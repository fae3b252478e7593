package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import edm.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * An MLP network F(c_in x; c_noise) for flat data (2D toys, 8x8 digits as 64 values):
 *
 * <pre>
 *   h_0 = [flatten(c_in x), emb(c_noise)]
 *   h_i = SiLU(W_i h_{i-1} + b_i),  i = 1 .. depth    (width units each)
 *   F   = W_out h_depth + b_out,     reshaped to the shape of x
 * </pre>
 *
 * with emb a {@link NoiseEmbedding} and SiLU(z) = z sigmoid(z).
 */
public final class Mlp extends AbstractBlock implements DenoiserNet {
    private final Config config;
    private final List<Linear> layers = new ArrayList<>();

    /**
     * Hyper-parameters.
     *
     * @param sampleShape shape of one sample, e.g. (2) or (1, 8, 8)
     * @param width       hidden units per layer
     * @param depth       number of hidden layers, at least 1
     * @param embedding   the c_noise embedding
     */
    public record Config(Shape sampleShape, int width, int depth, NoiseEmbedding embedding) {
        /** Validates the arguments. */
        public Config {
            Check.notNull("sampleShape", sampleShape);
            if (sampleShape.size() < 1) {
                throw new IllegalArgumentException("sampleShape must have a positive size, got " + sampleShape);
            }
            Check.atLeast("width", width, 1);
            Check.atLeast("depth", depth, 1);
            Check.notNull("embedding", embedding);
        }

        /** Width 128, 3 hidden layers, positional embedding with 32 features. */
        public static Config of(Shape sampleShape) {
            return new Config(sampleShape, 128, 3, NoiseEmbedding.positional(32));
        }

        /** This config with another width and depth. */
        public Config withSize(int width, int depth) {
            return new Config(sampleShape, width, depth, embedding);
        }
    }

    /** An MLP with the given hyper-parameters. */
    public Mlp(Config config) {
        this.config = Check.notNull("config", config);
        for (int i = 0; i < config.depth(); i++) {
            layers.add(addChildBlock("hidden" + i, Linear.builder().setUnits(config.width()).build()));
        }
        layers.add(addChildBlock("out", Linear.builder().setUnits(config.sampleShape().size()).build()));
    }

    /** The hyper-parameters. */
    public Config config() {
        return config;
    }

    @Override
    public Shape sampleShape() {
        return config.sampleShape();
    }

    @Override
    public String architecture() {
        return "Mlp" + config;
    }

    @Override
    public DenoiserNet fresh() {
        return new Mlp(config);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long batch = x.getShape().get(0);
        NDArray h = NDArrays.concat(new NDList(x.reshape(batch, -1), config.embedding().embed(inputs.get(1))), 1);
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(ps, new NDList(h), training).singletonOrThrow();
            if (i < layers.size() - 1) {
                h = Silu.apply(h);
            }
        }
        return new NDList(h.reshape(x.getShape()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long in = config.sampleShape().size() + config.embedding().dim();
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, new Shape(batch, in));
            in = config.width();
        }
    }
}
