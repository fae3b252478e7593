package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import edm.Check;

/**
 * Group normalization (Wu and He 2018) of x with shape (B, C, ...): the C channels form G groups and
 * y = gamma (x - mean_g) / sqrt(var_g + eps) + beta, with mean and (biased) variance over the channels
 * of a group and all positions, per sample; gamma, beta learned per channel (initially 1 and 0).
 */
public final class GroupNorm extends AbstractBlock {
    private static final float EPS = 1e-5f;
    private final int groups;
    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * @param groups   G, dividing channels
     * @param channels C
     */
    public GroupNorm(int groups, int channels) {
        this.groups = Check.atLeast("groups", groups, 1);
        this.channels = Check.atLeast("channels", channels, 1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("groups must divide channels = " + channels + ", got " + groups);
        }
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ONES).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray y = normalize(x.reshape(shape.get(0), groups, -1)).reshape(shape);
        long[] affine = new long[shape.dimension()];
        java.util.Arrays.fill(affine, 1);
        affine[1] = channels;
        Shape a = new Shape(affine);
        NDArray gm = ParamView.reshape(ps.getValue(gamma, x.getDevice(), training), a, x);
        NDArray bt = ParamView.reshape(ps.getValue(beta, x.getDevice(), training), a, x);
        return new NDList(y.mul(gm).add(bt));
    }

    /**
     * Standardizes each row (b, g) of g over its last axis with libtorch's fused layer norm (one pass
     * forward, one backward, instead of six elementwise operations each way): (g - mean) / sqrt(var + eps).
     */
    private static NDArray normalize(NDArray g) {
        Shape row = new Shape(g.getShape().get(2));
        // the unit affine stays open: autograd keeps using it until backward, and g's manager frees it
        NDArray one = g.getManager().ones(row, g.getDataType());
        NDArray zero = g.getManager().zeros(row, g.getDataType());
        return g.getNDArrayInternal().layerNorm(g, row, one, zero, EPS).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
