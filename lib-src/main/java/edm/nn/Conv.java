package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import edm.Check;

/**
 * A k x k 2D convolution with "same" padding (k / 2 on each side, k odd) and stride s, on (B, C, H, W). As
 * im2col and one matrix product:
 *
 * <pre>
 *   xp          = x zero-padded by p = k/2 on each side of H and W
 *   col[b, c, i, u, v] = xp[b, c, s u + dy_i, s v + dx_i]       (i = dy_i k + dx_i, the k^2 shifts)
 *   y[b, o, u, v] = sum_(c, i) W[o, c, dy_i, dx_i] col[b, c, i, u, v] + bias[o]
 * </pre>
 *
 * The columns are stacked on a new axis after the channels, so (c, i) flattened is c k^2 + dy k + dx, the
 * row-major order of W's (C_in, k, k) dimensions: W (C_out, C_in, k, k) reshapes to (C_out, C_in k^2) with no
 * transpose. Output size H_out = floor((H + 2p - k) / s) + 1, as for {@code Conv2d} with that padding and stride.
 *
 * <p>Two kernels compute it (see {@link ConvKernel}): libtorch's own convolution, fast, used where
 * {@link ConvKernelCheck} finds its float32 gradients sound on this machine; and the im2col form above, built
 * from padding, slicing, stacking and one matrix product, whose backward passes do not depend on what the
 * native heap held before. The im2col form exists because on an earlier machine of this project libtorch's
 * 3x3 input gradient came out NaN on a dirty heap, and wrong by O(10) for some shapes on a clean one.
 *
 * <p>Parameters are named and shaped as {@code Conv2d}'s ("weight" (C_out, C_in, k, k), then "bias" (C_out)),
 * so checkpoints written with the old blocks load unchanged.
 */
public final class Conv extends AbstractBlock {
    private final int filters;
    private final int kernel;
    private final int stride;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param filters C_out
     * @param kernel  k, odd
     * @param stride  s
     */
    public Conv(int filters, int kernel, int stride) {
        this.filters = Check.atLeast("filters", filters, 1);
        this.kernel = Check.atLeast("kernel", kernel, 1);
        this.stride = Check.atLeast("stride", stride, 1);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd for same padding, got " + kernel);
        }
        ConvKernel.active(); // decide here: the check records gradients, which it cannot inside a training step
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** k x k convolution with "same" padding and the given stride. */
    static Conv of(int filters, int k, int stride) {
        return new Conv(filters, k, stride);
    }

    /** (B, C, H, W). */
    static Shape shape(long b, long c, long h, long w) {
        return new Shape(b, c, h, w);
    }

    /** C_out. */
    public int filters() {
        return filters;
    }

    /** k. */
    public int kernel() {
        return kernel;
    }

    /** s. */
    public int stride() {
        return stride;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        if (x.dimension() != 4) {
            throw new IllegalArgumentException("input must be (B, C, H, W), got " + x);
        }
        weight.setShape(new Shape(filters, x.get(1), kernel, kernel));
        bias.setShape(new Shape(filters));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return new NDList(apply(x, w, b, stride));
    }

    /**
     * The convolution of x (B, C_in, H, W) with w (C_out, C_in, k, k), k odd, padding k / 2, stride s, plus
     * b (C_out), by the kernel {@link ConvKernel#active()}.
     */
    static NDArray apply(NDArray x, NDArray w, NDArray b, int s) {
        return ConvKernel.active().apply(x, w, b, s);
    }

    /** The same convolution by libtorch's kernel; the result belongs to x's manager. */
    static NDArray libtorch(NDArray x, NDArray w, NDArray b, int s) {
        checkShapes(x.getShape(), w.getShape());
        int p = Math.toIntExact(w.getShape().get(2)) / 2;
        return Conv2d.conv2d(x, w, b, new Shape(s, s), new Shape(p, p)).singletonOrThrow();
    }

    private static void checkShapes(Shape xs, Shape ws) {
        if (xs.dimension() != 4 || ws.dimension() != 4 || ws.get(1) != xs.get(1) || ws.get(3) != ws.get(2)
                || ws.get(2) % 2 == 0) {
            throw new IllegalArgumentException("weight " + ws + " does not fit input " + xs
                    + " (need (C_out, C_in, k, k), k odd, for (B, C_in, H, W))");
        }
    }

    /**
     * The same convolution as im2col and one matrix product; the result belongs to x's manager.
     *
     * <p>Layout: the columns are built as (C_in k^2, B H_out W_out) from x with batch and channel axes swapped, so
     * the whole convolution is one matrix product (C_out, C_in k^2) x (C_in k^2, B H_out W_out) (a single large
     * GEMM, several times faster on this CPU build than B batched products with the (C_out, C_in k^2) weight
     * broadcast), and the result (C_out, B, H_out, W_out) is returned as a (B, C_out, H_out, W_out) view.
     *
     * <p>Stride 1 works on the flattened padded image: with W' = W + 2p and x padded by p (and one more zero row
     * at the bottom), output (u, v) needs xp[u + dy, v + dx], at flat index (u W' + v) + (dy W' + dx). So each shift
     * is one contiguous range of H W' values per image (cheap to gather, and to scatter back in backward, unlike
     * short 2-D rows), the product is computed on an H x W' grid, and its last 2p columns are dropped.
     */
    static NDArray im2col(NDArray x, NDArray w, NDArray b, int s) {
        Shape xs = x.getShape();
        Shape ws = w.getShape();
        checkShapes(xs, ws);
        long n = xs.get(0);
        long c = xs.get(1);
        long h = xs.get(2);
        long wd = xs.get(3);
        long co = ws.get(0);
        int k = Math.toIntExact(ws.get(2));
        int p = k / 2;
        long ho = out(h, k, p, s);
        long wo = out(wd, k, p, s);
        NDArray xt = x.transpose(1, 0, 2, 3); // (C_in, B, H, W), a view
        NDArray cols; // (C_in k^2, B gridH gridW), row index c k^2 + dy k + dx as in w.reshape(C_out, C_in k^2)
        long gridW;
        if (k == 1 && s == 1) {
            cols = xt.reshape(c, n * h * wd);
            gridW = wd;
        } else if (s == 1) {
            long wp = wd + 2L * p;
            long len = h * wp;
            // pad order: last axis (left, right), then H (top, bottom)
            NDArray xf = xt.pad(new Shape(p, p, p, p + 1), 0).reshape(c, n, (h + 2L * p + 1) * wp);
            NDList shifted = new NDList(k * k);
            for (int dy = 0; dy < k; dy++) {
                for (int dx = 0; dx < k; dx++) {
                    long off = dy * wp + dx;
                    shifted.add(xf.get(new NDIndex().addAllDim(2).addSliceDim(off, off + len)));
                }
            }
            cols = NDArrays.stack(shifted, 1).reshape(c * k * k, n * len); // (C_in, k^2, B, H W')
            gridW = wp;
        } else {
            NDArray xp = xt.pad(new Shape(p, p, p, p), 0);
            NDList shifted = new NDList(k * k);
            for (int dy = 0; dy < k; dy++) {
                for (int dx = 0; dx < k; dx++) {
                    shifted.add(xp.get(new NDIndex().addAllDim(2)
                            .addSliceDim(dy, dy + s * (ho - 1) + 1, s)
                            .addSliceDim(dx, dx + s * (wo - 1) + 1, s)));
                }
            }
            cols = NDArrays.stack(shifted, 1).reshape(c * k * k, n * ho * wo); // (C_in, k^2, B, H_out, W_out)
            gridW = wo;
        }
        NDArray y = ParamView.reshape(w, new Shape(co, c * k * k), x).matMul(cols).reshape(co, n, ho, gridW);
        if (gridW != wo) {
            y = y.get(new NDIndex().addAllDim(3).addSliceDim(0, wo));
        }
        return y.add(ParamView.reshape(b, new Shape(co, 1, 1, 1), x)).transpose(1, 0, 2, 3);
    }

    private static long out(long size, int k, int p, int s) {
        long o = (size + 2L * p - k) / s + 1;
        if (o < 1) {
            throw new IllegalArgumentException("input size " + size + " too small for kernel " + k);
        }
        return o;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        int p = kernel / 2;
        return new Shape[] {shape(x.get(0), filters, out(x.get(2), kernel, p, stride), out(x.get(3), kernel, p, stride))};
    }
}
