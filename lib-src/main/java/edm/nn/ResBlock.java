package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual block with the noise embedding added in the middle (DDPM/ADM style):
 *
 * <pre>
 *   h = Conv3x3(SiLU(GN(x)))
 *   h = h + Linear(SiLU(emb))            (broadcast over positions)
 *   h = Conv3x3(SiLU(GN(h)))
 *   y = skip(x) + h                      (skip = 1x1 conv when the channel count changes)
 * </pre>
 *
 * Inputs NDList(x (B, in, H, W), emb (B, E)); output (B, out, H, W).
 */
public final class ResBlock extends AbstractBlock {
    private final int out;
    private final GroupNorm norm1;
    private final Conv conv1;
    private final Linear embProj;
    private final GroupNorm norm2;
    private final Conv conv2;
    private final Conv skip;

    /**
     * @param in     input channels
     * @param out    output channels
     * @param groups GroupNorm groups, dividing in and out
     */
    public ResBlock(int in, int out, int groups) {
        this.out = out;
        norm1 = addChildBlock("norm1", new GroupNorm(groups, in));
        conv1 = addChildBlock("conv1", Conv.of(out, 3, 1));
        embProj = addChildBlock("emb", Linear.builder().setUnits(out).build());
        norm2 = addChildBlock("norm2", new GroupNorm(groups, out));
        conv2 = addChildBlock("conv2", Conv.of(out, 3, 1));
        skip = in == out ? null : addChildBlock("skip", Conv.of(out, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = apply(conv1, ps, Silu.apply(apply(norm1, ps, x, training)), training);
        NDArray e = apply(embProj, ps, Silu.apply(inputs.get(1)), training);
        h = h.add(e.reshape(e.getShape().get(0), out, 1, 1));
        h = apply(conv2, ps, Silu.apply(apply(norm2, ps, h, training)), training);
        NDArray s = skip == null ? x : apply(skip, ps, x, training);
        return new NDList(s.add(h));
    }

    static NDArray apply(ai.djl.nn.Block b, ParameterStore ps, NDArray x, boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {Conv.shape(x.get(0), out, x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape h = getOutputShapes(inputShapes)[0];
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        embProj.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, h);
        conv2.initialize(manager, dataType, h);
        if (skip != null) {
            skip.initialize(manager, dataType, x);
        }
    }
}
