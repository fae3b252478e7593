package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Single-head self-attention over the H W positions of a feature map, with a residual connection:
 * q, k, v = 1x1 conv of GN(x); A = softmax(q^T k / sqrt(C)) over keys; y = x + Conv1x1(v A^T).
 */
public final class SelfAttention extends AbstractBlock {
    private final int channels;
    private final GroupNorm norm;
    private final Conv qkv;
    private final Conv proj;

    /**
     * @param channels C
     * @param groups   GroupNorm groups
     */
    public SelfAttention(int channels, int groups) {
        this.channels = channels;
        norm = addChildBlock("norm", new GroupNorm(groups, channels));
        qkv = addChildBlock("qkv", Conv.of(3 * channels, 1, 1));
        proj = addChildBlock("proj", Conv.of(channels, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(2) * s.get(3);
        NDArray t = ResBlock.apply(qkv, ps, ResBlock.apply(norm, ps, x, training), training).reshape(b, 3, channels, n);
        NDArray q = t.get(":, 0");
        NDArray k = t.get(":, 1");
        NDArray v = t.get(":, 2");
        NDArray a = q.transpose(0, 2, 1).matMul(k).mul(Scalar.like(q, 1 / Math.sqrt(channels))).softmax(2); // (B, N, N)
        NDArray o = v.matMul(a.transpose(0, 2, 1)).reshape(s);
        return new NDList(x.add(ResBlock.apply(proj, ps, o, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        norm.initialize(manager, dataType, x);
        qkv.initialize(manager, dataType, x);
        proj.initialize(manager, dataType, x);
    }
}
