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
import java.util.Arrays;
import java.util.List;

/**
 * A small U-Net F(c_in x; c_noise) for images (B, C, H, W), e.g. 28x28 MNIST or 8x8 digits.
 *
 * <pre>
 *   emb  = Linear(SiLU(Linear(embedding(c_noise))))           (4 ch_0 features)
 *   h    = Conv3x3(x)
 *   down: for level l = 0 .. L-1:  h = Res_l(h, emb); skip_l = h; h = Conv3x3 stride 2 (h) if l &lt; L-1
 *   mid:  h = Res(h), [SelfAttention(h)], Res(h)                (lowest resolution H / 2^(L-1))
 *   up:   for l = L-1 .. 0:  h = Res_l([h, skip_l], emb); h = Conv3x3(nearest 2x upsample(h)) if l &gt; 0
 *   F    = Conv3x3(SiLU(GN(h)))
 * </pre>
 *
 * Residual blocks are {@link ResBlock} (GroupNorm, SiLU, embedding added in each block).
 */
public final class UNet extends AbstractBlock implements DenoiserNet {
    private final Config config;
    private final Linear map0;
    private final Linear map1;
    private final Conv stem;
    private final List<ResBlock> down = new ArrayList<>();
    private final List<Conv> downsample = new ArrayList<>();
    private final ResBlock mid1;
    private final SelfAttention attention;
    private final ResBlock mid2;
    private final List<ResBlock> up = new ArrayList<>();
    private final List<Conv> upsample = new ArrayList<>();
    private final GroupNorm outNorm;
    private final Conv outConv;

    /**
     * Hyper-parameters.
     *
     * @param sampleShape (C, H, W); H and W divisible by 2^(levels - 1)
     * @param channels    channels per level, e.g. {32, 64}
     * @param attention   self-attention at the lowest resolution
     * @param groups      GroupNorm groups, dividing every channel count
     * @param embedding   the c_noise embedding
     */
    public record Config(Shape sampleShape, int[] channels, boolean attention, int groups, NoiseEmbedding embedding) {
        /** Validates the arguments. */
        public Config {
            Check.notNull("sampleShape", sampleShape);
            if (sampleShape.dimension() != 3) {
                throw new IllegalArgumentException("sampleShape must be (C, H, W), got " + sampleShape);
            }
            Check.notNull("channels", channels);
            Check.atLeast("channels.length", channels.length, 1);
            Check.atLeast("groups", groups, 1);
            for (int i = 0; i < channels.length; i++) {
                Check.atLeast("channels[" + i + "]", channels[i], 1);
                if (channels[i] % groups != 0) {
                    throw new IllegalArgumentException("groups = " + groups + " must divide channels[" + i
                            + "] = " + channels[i]);
                }
            }
            long f = 1L << (channels.length - 1);
            if (sampleShape.get(1) % f != 0 || sampleShape.get(2) % f != 0) {
                throw new IllegalArgumentException("sampleShape " + sampleShape + " must have H and W divisible by "
                        + f + " for channels.length = " + channels.length);
            }
            Check.notNull("embedding", embedding);
            channels = channels.clone();
        }

        /** Channels {32, 64}, attention on, 8 groups, positional embedding of 32 features. */
        public static Config of(Shape sampleShape) {
            return new Config(sampleShape, new int[] {32, 64}, true, 8, NoiseEmbedding.positional(32));
        }

        @Override
        public int[] channels() {
            return channels.clone();
        }

        @Override
        public String toString() {
            return "Config[sampleShape=" + sampleShape + ", channels=" + Arrays.toString(channels) + ", attention="
                    + attention + ", groups=" + groups + ", embedding=" + embedding + "]";
        }
    }

    /** A U-Net with the given hyper-parameters. */
    public UNet(Config config) {
        this.config = Check.notNull("config", config);
        int[] ch = config.channels();
        int g = config.groups();
        int emb = 4 * ch[0];
        map0 = addChildBlock("map0", Linear.builder().setUnits(emb).build());
        map1 = addChildBlock("map1", Linear.builder().setUnits(emb).build());
        stem = addChildBlock("stem", Conv.of(ch[0], 3, 1));
        for (int l = 0; l < ch.length; l++) {
            down.add(addChildBlock("down" + l, new ResBlock(l == 0 ? ch[0] : ch[l - 1], ch[l], g)));
            if (l < ch.length - 1) {
                downsample.add(addChildBlock("downsample" + l, Conv.of(ch[l], 3, 2)));
            }
        }
        int low = ch[ch.length - 1];
        mid1 = addChildBlock("mid1", new ResBlock(low, low, g));
        attention = config.attention() ? addChildBlock("attention", new SelfAttention(low, g)) : null;
        mid2 = addChildBlock("mid2", new ResBlock(low, low, g));
        for (int l = ch.length - 1; l >= 0; l--) {
            up.add(addChildBlock("up" + l, new ResBlock(2 * ch[l], ch[l], g)));
            if (l > 0) {
                upsample.add(addChildBlock("upsample" + l, Conv.of(ch[l - 1], 3, 1)));
            }
        }
        outNorm = addChildBlock("outNorm", new GroupNorm(g, ch[0]));
        outConv = addChildBlock("outConv", Conv.of((int) config.sampleShape().get(0), 3, 1));
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
        return "UNet" + config;
    }

    @Override
    public DenoiserNet fresh() {
        return new UNet(config);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray e = ResBlock.apply(map0, ps, config.embedding().embed(inputs.get(1)), training);
        e = ResBlock.apply(map1, ps, Silu.apply(e), training);
        NDArray h = ResBlock.apply(stem, ps, x, training);
        List<NDArray> skips = new ArrayList<>();
        for (int l = 0; l < down.size(); l++) {
            h = res(down.get(l), ps, h, e, training);
            skips.add(h);
            if (l < downsample.size()) {
                h = ResBlock.apply(downsample.get(l), ps, h, training);
            }
        }
        h = res(mid1, ps, h, e, training);
        if (attention != null) {
            h = ResBlock.apply(attention, ps, h, training);
        }
        h = res(mid2, ps, h, e, training);
        for (int i = 0; i < up.size(); i++) {
            int l = up.size() - 1 - i;
            h = res(up.get(i), ps, NDArrays.concat(new NDList(h, skips.get(l)), 1), e, training);
            if (l > 0) {
                h = ResBlock.apply(upsample.get(i), ps, nearest2x(h), training);
            }
        }
        h = Silu.apply(ResBlock.apply(outNorm, ps, h, training));
        return new NDList(ResBlock.apply(outConv, ps, h, training));
    }

    /** Nearest-neighbour 2x upsampling of (B, C, H, W) by libtorch's fused kernel (mode 0 is nearest). */
    static NDArray nearest2x(NDArray h) {
        Shape s = h.getShape();
        return h.getNDArrayInternal().interpolation(new long[] {2 * s.get(2), 2 * s.get(3)}, 0, false);
    }

    private static NDArray res(ResBlock b, ParameterStore ps, NDArray h, NDArray e, boolean training) {
        return b.forward(ps, new NDList(h, e), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dt, Shape... inputShapes) {
        int[] ch = config.channels();
        long b = inputShapes[0].get(0);
        long hh = config.sampleShape().get(1);
        long ww = config.sampleShape().get(2);
        Shape emb = new Shape(b, 4L * ch[0]);
        map0.initialize(manager, dt, new Shape(b, config.embedding().dim()));
        map1.initialize(manager, dt, emb);
        stem.initialize(manager, dt, inputShapes[0]);
        long c = ch[0];
        for (int l = 0; l < ch.length; l++) {
            down.get(l).initialize(manager, dt, Conv.shape(b, c, hh, ww), emb);
            c = ch[l];
            if (l < ch.length - 1) {
                downsample.get(l).initialize(manager, dt, Conv.shape(b, c, hh, ww));
                hh /= 2;
                ww /= 2;
            }
        }
        mid1.initialize(manager, dt, Conv.shape(b, c, hh, ww), emb);
        if (attention != null) {
            attention.initialize(manager, dt, Conv.shape(b, c, hh, ww));
        }
        mid2.initialize(manager, dt, Conv.shape(b, c, hh, ww), emb);
        for (int i = 0; i < up.size(); i++) {
            int l = up.size() - 1 - i;
            up.get(i).initialize(manager, dt, Conv.shape(b, 2L * ch[l], hh, ww), emb);
            if (l > 0) {
                hh *= 2;
                ww *= 2;
                upsample.get(i).initialize(manager, dt, Conv.shape(b, ch[l], hh, ww));
            }
        }
        outNorm.initialize(manager, dt, Conv.shape(b, ch[0], hh, ww));
        outConv.initialize(manager, dt, Conv.shape(b, ch[0], hh, ww));
    }
}
