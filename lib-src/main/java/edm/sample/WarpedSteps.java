package edm.sample;

import edm.Check;
import java.util.function.DoubleUnaryOperator;

/**
 * Steps uniform in a warped coordinate w(sigma):
 * sigma_i = w^-1(w(sigma_max) + i/(N-1)(w(sigma_min) - w(sigma_max))), i < N; sigma_N = 0.
 *
 * <p>EDM (w = sigma^{1/rho}), VP (w = sigma_vp^-1, i.e. uniform in t), VE and log-uniform (w = ln),
 * and uniform (w = identity) differ only in w, so w is data.
 */
public final class WarpedSteps implements Discretization {
    private final String name;
    private final double sigmaMin;
    private final double sigmaMax;
    private final DoubleUnaryOperator warp;
    private final DoubleUnaryOperator unwarp;

    /**
     * @param name     label
     * @param sigmaMin last nonzero level sigma_{N-1} > 0
     * @param sigmaMax first level sigma_0 > sigma_min
     * @param warp     w, increasing; w(sigma_min) &lt; w(sigma_max) must hold in double precision
     * @param unwarp   w^-1
     */
    public WarpedSteps(String name, double sigmaMin, double sigmaMax, DoubleUnaryOperator warp,
            DoubleUnaryOperator unwarp) {
        this.name = Check.notNull("name", name);
        this.sigmaMin = Check.positive("sigmaMin", sigmaMin);
        this.sigmaMax = Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        this.warp = Check.notNull("warp", warp);
        this.unwarp = Check.notNull("unwarp", unwarp);
        double wMin = warp.applyAsDouble(sigmaMin);
        double wMax = warp.applyAsDouble(sigmaMax);
        if (!(Double.isFinite(wMin) && Double.isFinite(wMax) && wMin < wMax)) {
            throw new IllegalArgumentException(name + ": the warp w(sigma) must be finite and increasing over [sigmaMin, sigmaMax]"
                    + " in double precision, got w(" + sigmaMin + ") = " + wMin + ", w(" + sigmaMax + ") = " + wMax);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** sigma_{N-1}. */
    public double sigmaMin() {
        return sigmaMin;
    }

    /** sigma_0. */
    public double sigmaMax() {
        return sigmaMax;
    }

    /**
     * The same warp over [max(sigma_min, lo), min(sigma_max, hi)] (EDM's clamp to a model's range).
     *
     * @throws IllegalArgumentException if the clamped range is empty
     */
    @Override
    public Discretization clampedTo(double lo, double hi) {
        Discretization.checkRange(lo, hi);
        double min = Math.max(sigmaMin, lo);
        double max = Math.min(sigmaMax, hi);
        if (min == sigmaMin && max == sigmaMax) {
            return this;
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("the model's range [" + lo + ", " + hi + "] must overlap the"
                    + " steps' range [" + sigmaMin + ", " + sigmaMax + "] in more than one point");
        }
        return new WarpedSteps(name, min, max, warp, unwarp);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when n &lt; 1 or the levels are not finite and strictly decreasing in
     *     double precision (an extreme warp parameter or too many steps for the range)
     */
    @Override
    public double[] sigmas(int n) {
        Check.atLeast("N", n, 1);
        double[] sigma = new double[n + 1];
        double wMax = warp.applyAsDouble(sigmaMax);
        double wMin = warp.applyAsDouble(sigmaMin);
        sigma[0] = sigmaMax;
        for (int i = 1; i < n; i++) {
            sigma[i] = unwarp.applyAsDouble(wMax + (double) i / (n - 1) * (wMin - wMax));
        }
        if (n > 1) {
            sigma[n - 1] = sigmaMin; // exact end point, free of round-off through w and w^-1
        }
        sigma[n] = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (!(sigma[i] > sigma[i + 1]) || !Double.isFinite(sigma[i + 1])) {
                throw new IllegalArgumentException(name + " with N = " + n + " steps: the levels must be finite and strictly"
                        + " decreasing, got sigma_" + i + " = " + sigma[i] + ", sigma_" + (i + 1) + " = " + sigma[i + 1]
                        + " in double precision (parameters or N outside the range where the steps are distinct)");
            }
        }
        return sigma;
    }

    @Override
    public String toString() {
        return "Discretization[" + name + ", sigma " + sigmaMax + " .. " + sigmaMin + "]";
    }
}
