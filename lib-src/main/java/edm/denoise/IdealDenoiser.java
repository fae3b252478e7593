package edm.denoise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The ideal denoiser of a finite data set {y_1 .. y_N} (EDM Appendix B.3): the minimizer of the
 * denoising loss when the data distribution is the empirical one,
 *
 * <pre>
 *   D(x; sigma) = sum_k w_k(x) y_k,   w = softmax_k( -||x - y_k||^2 / (2 sigma^2) ).
 * </pre>
 *
 * Its noised density is the kernel density p(x; sigma) = (1/N) sum_k N(x; y_k, sigma^2 I).
 *
 * <p><b>Computation.</b> Since ||x||^2 is the same for every k it cancels in the softmax, so the
 * logits are l_k = (x . y_k - ||y_k||^2 / 2) / sigma^2, one matrix product per chunk,
 * [X, 1] [Y_c, -||y||^2/2]^T / sigma^2 (the data are stored with the half squared norm, computed in
 * float64, as an extra column). The data
 * are processed in chunks (default 1024 points) with a running log-sum-exp (the "online softmax"):
 * for each chunk with row maximum c, m' = max(m, c), the old sums are rescaled by exp(m - m'),
 * S = S e^{m - m'} + sum_k e^{l_k - m'} and A = A e^{m - m'} + sum_k e^{l_k - m'} y_k (a second
 * product P Y). At the end D = A / S and log sum_k e^{l_k} = m + ln S. No exponent is ever
 * positive, so nothing overflows at any sigma, and peak memory is O(B * chunk) besides the data:
 * 60,000 MNIST images of 784 values with a batch of 256 need 0.38 GB (float64) for the data and
 * about 2 MB per chunk of 1024 points (float64).
 *
 * <p><b>Subnormal guard.</b> Far from the query most weights e^{l_k - m} fall below the smallest
 * normal number, and on x86 a matrix product over subnormal inputs runs about 25 times slower (so
 * does float32 exp with a subnormal result): unguarded, the float32 kernel ran at 0.06 of the sgemm
 * rate. Weights at or below 2^-125 ~ 2.35e-38 relative to the running maximum are therefore set to
 * exactly 0 in both precisions ({@link Precision#floor()}), and so are the rescaling factors
 * e^{m - m'} below it: all dropped weights together are below N 2.35e-38 of the sum, far below
 * either precision's rounding. {@code edm.denoise.bench.IdealDenoiserBench}
 * measures the kernel against the matrix-product peak (BENCHMARKS.md).
 *
 * <p><b>Precision.</b> FLOAT64 (default) is the ground truth. FLOAT32 runs the products in single
 * precision, about twice as fast: each logit then carries an absolute error near
 * 1e-7 * ||x|| ||y|| / sigma^2, harmless at moderate sigma but able to change which near-tied
 * points dominate when sigma is small; outputs differ from FLOAT64 at about the 1e-6 relative level
 * in well-conditioned cases. Measured on 300 MNIST images ({@code IdealDenoiserMnistTest}): max
 * |D32 - D64| = 0 for sigma &lt;= 0.05 (all weight on one image), 4e-5 at sigma = 1, 4e-7 at 80.
 *
 * <p>Owns a sub-manager of the data's manager; {@link #close()} frees the copy of the data.
 */
public final class IdealDenoiser implements ExactDenoiser, AutoCloseable {
    /**
     * Default number of data points per chunk: with a batch of 256 a chunk's logits (2 MB in float64)
     * stay in a core's L2 cache through the exponentials and reductions; measured 5-10% faster than
     * 4096 in float64 on this project's machine (BENCHMARKS.md).
     */
    public static final int DEFAULT_CHUNK = 1024;

    private final NDManager manager;
    private final Precision precision;
    private final long n;
    private final long d;
    private final int chunkSize;
    private final List<NDArray> chunks = new ArrayList<>(); // [Y_c, -||y||^2/2], (n_c, d + 1)
    private final List<NDArray> chunksT = new ArrayList<>(); // transposed views, (d + 1, n_c)

    /** The ideal denoiser of {@code data} in float64, chunks of {@value #DEFAULT_CHUNK}. */
    public IdealDenoiser(NDArray data) {
        this(data, Precision.FLOAT64, DEFAULT_CHUNK);
    }

    /**
     * @param data the data set, shape (N, ...) with N &gt;= 1, every value finite (and its squared norm
     *     finite in the chosen precision); copied
     * @throws IllegalArgumentException naming the first row that holds a NaN, an infinity or too large a value
     * @param precision arithmetic of the kernel
     * @param chunkSize data points per chunk, &gt;= 1
     */
    public IdealDenoiser(NDArray data, Precision precision, int chunkSize) {
        Check.notNull("data", data);
        this.precision = Check.notNull("precision", precision);
        this.chunkSize = Check.atLeast("chunkSize", chunkSize, 1);
        Shape shape = data.getShape();
        if (shape.dimension() < 1 || shape.get(0) < 1 || shape.size() < 1) {
            throw new IllegalArgumentException(
                    "data must have shape (N, ...) with N >= 1 and at least one value, got " + shape);
        }
        this.n = shape.get(0);
        this.d = shape.size() / n;
        this.manager = data.getManager().newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray y = data.toType(DataType.FLOAT64, true);
            y.attach(scratch);
            y = y.reshape(n, d);
            NDArray half = y.square().sum(new int[] {1}, true).mul(-0.5); // -||y_k||^2/2 in float64
            rejectNonFinite(half.toType(precision.dataType(), false).neg().reshape(-1), 0, precision);
            // the only full copy of the data, one row [y_k, -||y_k||^2/2] per point; chunks are views
            NDArray augmented = y.concat(half, 1).toType(precision.dataType(), false);
            augmented.attach(manager);
            for (long a = 0; a < n; a += chunkSize) {
                NDArray chunk = augmented.get(new NDIndex("{}:{}", a, Math.min(n, a + chunkSize)));
                chunks.add(chunk);
                chunksT.add(chunk.transpose());
            }
        }
    }

    /**
     * Rejects the first data row whose ||y||^2/2 is NaN or infinite (a NaN or Inf value, or values
     * too large to square in the kernel's precision): such a row would make D NaN everywhere. One
     * check per chunk, at construction only.
     */
    private void rejectNonFinite(NDArray half, long offset, Precision p) {
        if (!half.isNaN().logicalOr(half.isInfinite()).any().getBoolean()) {
            return;
        }
        double[] h = half.toType(DataType.FLOAT64, false).toDoubleArray();
        for (int k = 0; k < h.length; k++) {
            if (!Double.isFinite(h[k])) {
                manager.close();
                throw new IllegalArgumentException("data row " + (offset + k) + " (0-based) must hold finite values"
                        + " whose squared norm is finite in " + p + ", got ||y||^2/2 = " + h[k]);
            }
        }
    }

    /** Number of data points N. */
    public long size() {
        return n;
    }

    @Override
    public long dim() {
        return d;
    }

    /** Arithmetic of the kernel. */
    public Precision precision() {
        return precision;
    }

    /** Data points per chunk. */
    public int chunkSize() {
        return chunkSize;
    }

    /** D(x; sigma) = sum_k softmax_k(-||x - y_k||^2 / (2 sigma^2)) y_k; see the class comment. */
    @Override
    public NDArray denoise(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        return Batch.map(x, d, precision.dataType(), Batch.Out.LIKE_INPUT, xs -> {
            NDArray[] r = accumulate(xs, sigma);
            return r[0].get(new NDIndex(":, :{}", d)).div(r[1]);
        });
    }

    /**
     * log p(x; sigma) = log sum_k exp(l_k) - ||x||^2 / (2 sigma^2) - ln N - (d/2) ln(2 pi sigma^2),
     * with l_k the logits of the class comment.
     */
    @Override
    public NDArray logDensity(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        double constant = -Math.log(n) - 0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
        return Batch.map(x, d, DataType.FLOAT64, Batch.Out.PER_SAMPLE, xs -> {
            NDArray xw = xs.toType(precision.dataType(), false);
            NDArray[] r = accumulate(xw, sigma);
            NDArray logSum = r[1].log().add(r[2]).toType(DataType.FLOAT64, false).reshape(-1);
            NDArray sq = xs.square().sum(new int[] {1}).mul(0.5 / (sigma * sigma));
            return logSum.sub(sq).add(constant);
        });
    }

    /**
     * The running log-sum-exp over the chunks. Returns {A, S, m} with A = sum_k w_k y_k (B, d),
     * S = sum_k w_k (B, 1) and m the row maximum of the logits (B, 1), w_k = e^{l_k - m} with the
     * weights below the floor dropped ({@link #weights}), all attached to the manager of
     * {@code xs}.
     */
    private NDArray[] accumulate(NDArray xs, double sigma) {
        NDManager tmp = xs.getManager();
        double inv = 1.0 / (sigma * sigma);
        long b = xs.getShape().get(0);
        int[] rows = {1};
        NDArray acc = null;
        NDArray sum = null;
        NDArray max = null;
        NDArray xAug = xs.concat(tmp.ones(new Shape(b, 1), xs.getDataType()), 1).muli(inv); // [X, 1]/sigma^2
        for (int c = 0; c < chunks.size(); c++) {
            try (NDManager step = tmp.newSubManager()) {
                xAug.tempAttach(step); // results of xAug.op(...) now land in step; xAug returns to tmp
                NDArray logits = xAug.matMul(chunksT.get(c));
                NDArray chunkMax = logits.max(rows, true);
                if (max == null) {
                    NDArray p = weights(logits.subi(chunkMax));
                    max = chunkMax;
                    sum = p.sum(rows, true);
                    acc = p.matMul(chunks.get(c));
                    max.attach(tmp);
                    sum.attach(tmp);
                    acc.attach(tmp);
                } else {
                    NDArray newMax = chunkMax.maximum(max);
                    NDArray decay = weights(newMax.sub(max).negi()); // exp(m - m') in [0, 1], 0 below the floor
                    NDArray p = weights(logits.subi(newMax));
                    sum.muli(decay).addi(p.sum(rows, true));
                    acc.muli(decay).addi(p.matMul(chunks.get(c)));
                    max.intern(newMax);
                }
            }
        }
        return new NDArray[] {acc, sum, max};
    }

    /**
     * w = e^z for z = l - m &lt;= 0, with every weight at or below the floor 2^-125 set to exactly 0,
     * so that no weight is a subnormal number: the entries with z &lt;= ln(floor) are zeroed after the
     * exponential, and z is clamped at ln(floor) before it, since exp with an underflowing result is
     * itself slow (float32 below -87.3, float64 below -708). Clamping alone (weights raised to the
     * floor) is not enough: a product of the floor with a pixel below 1 is subnormal again. In float64
     * the weights are instead lowered by the floor, w' = e^{max(z, ln floor)} - e^{ln floor} with both
     * exponentials computed by the same kernel: exactly 0 at or below the floor, lowered by at most
     * 2.35e-38 of the largest above it, and never subnormal (a float64 difference near 2^-125 is a
     * multiple of 2^-177); this saves the mask's pass.
     */
    private NDArray weights(NDArray z) {
        double c = precision.logFloor();
        if (precision == Precision.FLOAT64) { // w - floor has no subnormal in float64: one pass less
            NDArray floor = z.getManager().create(new double[] {c}).exp(); // the same exp kernel
            return z.maximum(c).exp().subi(floor);
        }
        NDArray kept = z.gt(c);
        return z.maximum(c).exp().muli(kept);
    }

    /** Frees the copy of the data. */
    @Override
    public void close() {
        manager.close();
    }
}
