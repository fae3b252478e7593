package edm.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.Check;

/**
 * The adaptive Dormand-Prince 5(4) Runge-Kutta method (Dormand and Prince 1980; Hairer, Norsett and
 * Wanner, "Solving ODEs I", II.5) for a batch of ODEs dx/dt = f(x, t), x of shape (B, ...).
 *
 * <p>Each step evaluates seven stages k_j = f(x + h sum_{l&lt;j} a_jl k_l, t + c_j h); the fifth-order
 * solution x_{n+1} = x + h sum_j b_j k_j is propagated and e = h sum_j (b_j - b*_j) k_j, its
 * difference from the embedded fourth-order solution, estimates the local error. The last stage is
 * evaluated at x_{n+1} (b = a_7), so it is the first stage of the next step ("first same as last"):
 * an accepted step costs 6 evaluations of f, plus one for the very first stage. The tableau is data
 * ({@link #C}, {@link #A}, {@link #B}, {@link #E}).
 *
 * <p><b>Error control.</b> Per sample k, err_k = sqrt(mean_j (e_kj / (atol + rtol max(|x_kj|, |x'_kj|)))^2);
 * the step is accepted when err = max_k err_k &lt;= 1, and the next step size is
 * h' = h min(5, max(0.2, 0.9 err^{-1/5})) (at most h after a rejection). The batch shares its steps,
 * so a sample's result depends on its batch companions within the tolerance.
 */
public final class DormandPrince {
    /** Nodes c_j. */
    static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    /** Coupling coefficients a_jl, l &lt; j. */
    static final double[][] A = {
            {},
            {1.0 / 5},
            {3.0 / 40, 9.0 / 40},
            {44.0 / 45, -56.0 / 15, 32.0 / 9},
            {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
            {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
            {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
    /** Fifth-order weights b_j (= the last row of A, then 0). */
    static final double[] B = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0};
    /** Error weights b_j - b*_j (b* the embedded fourth-order weights). */
    static final double[] E = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525,
            -1.0 / 40};

    /** The right-hand side f(x, t); returns a new array of x's shape in x's manager. */
    @FunctionalInterface
    public interface Field {
        NDArray apply(NDArray x, double t);
    }

    /** Called after each accepted step with its index, the time reached and the state. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(int step, double t, NDArray x);
    }

    /** Cost and work of one integration: evaluations of f, accepted and rejected steps. */
    public record Stats(long evaluations, int accepted, int rejected) {}

    /**
     * The end state, the slope f(x_end, t_end) (free, by first-same-as-last) and the statistics.
     * Both arrays are attached to the manager given to {@link #integrate}.
     */
    public record Result(NDArray x, NDArray slope, Stats stats) {}

    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final int maxSteps;

    /**
     * @param rtol relative tolerance, &gt; 0
     * @param atol absolute tolerance, &gt; 0
     * @param initialStep first |h| as a fraction of |t1 - t0|, in (0, 1]
     * @param maxSteps the most steps (accepted + rejected) before giving up, &gt;= 1
     */
    public DormandPrince(double rtol, double atol, double initialStep, int maxSteps) {
        this.rtol = Check.positive("rtol", rtol);
        this.atol = Check.positive("atol", atol);
        this.initialStep = Check.closed("initialStep", initialStep, Double.MIN_VALUE, 1);
        this.maxSteps = Check.atLeast("maxSteps", maxSteps, 1);
    }

    /** Tolerances rtol, atol with a first step of 1% of the interval and at most 100,000 steps. */
    public DormandPrince(double rtol, double atol) {
        this(rtol, atol, 0.01, 100_000);
    }

    public double rtol() {
        return rtol;
    }

    public double atol() {
        return atol;
    }

    /**
     * Integrates from (x0, t0) to t1 (either direction). x0 is not modified.
     *
     * @param manager where the result lives; each step's temporaries are freed after it
     * @throws IllegalStateException when maxSteps is exceeded or the step size underflows
     */
    public Result integrate(Field f, NDArray x0, double t0, double t1, NDManager manager, StepListener listener) {
        Check.notNull("f", f);
        Check.notNull("x0", x0);
        Check.finite("t0", t0);
        Check.finite("t1", t1);
        NDArray x = x0.duplicate();
        x.attach(manager);
        NDArray k1 = f.apply(x, t0);
        k1.attach(manager);
        long evaluations = 1;
        int accepted = 0;
        int rejected = 0;
        double span = t1 - t0;
        double h = span * initialStep;
        double t = t0;
        boolean afterReject = false;
        while (span != 0 && (t1 - t) * Math.signum(span) > 0) {
            if (accepted + rejected >= maxSteps) {
                throw new IllegalStateException("Dormand-Prince: more than maxSteps = " + maxSteps
                        + " steps at t = " + t);
            }
            if ((t + h - t1) * Math.signum(span) > 0) {
                h = t1 - t; // land on t1
            }
            if (t + h == t) {
                throw new IllegalStateException("Dormand-Prince: step size underflow at t = " + t);
            }
            double err;
            NDArray xNew;
            NDArray kLast;
            try (NDManager sub = manager.newSubManager()) {
                NDArray[] k = new NDArray[7];
                k[0] = k1.duplicate();
                k[0].attach(sub);
                NDArray xs = x.duplicate();
                xs.attach(sub);
                for (int j = 1; j < 7; j++) {
                    NDArray xj = xs.duplicate();
                    for (int l = 0; l < j; l++) {
                        if (A[j][l] != 0) {
                            xj.addi(k[l].mul(h * A[j][l]));
                        }
                    }
                    k[j] = f.apply(xj, t + C[j] * h);
                }
                evaluations += 6;
                xNew = xs.duplicate();
                NDArray e = xs.zerosLike();
                for (int j = 0; j < 7; j++) {
                    if (B[j] != 0) {
                        xNew.addi(k[j].mul(h * B[j]));
                    }
                    e.addi(k[j].mul(h * E[j]));
                }
                NDArray scale = xs.abs().maximum(xNew.abs()).muli(rtol).addi(atol);
                NDArray ratio = e.divi(scale).square();
                long batch = ratio.getShape().get(0);
                err = Math.sqrt(ratio.reshape(batch, -1).mean(new int[] {1}).max().getDouble());
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                kLast = k[6];
                xNew.attach(manager);
                kLast.attach(manager);
            }
            if (err <= 1) {
                t = (t + h - t1) * Math.signum(span) >= 0 ? t1 : t + h;
                x.close();
                k1.close();
                x = xNew;
                k1 = kLast;
                if (listener != null) {
                    listener.onStep(accepted, t, x);
                }
                accepted++;
            } else {
                xNew.close();
                kLast.close();
                rejected++;
            }
            double factor = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
            if (err > 1 || afterReject) {
                factor = Math.min(1, factor);
            }
            afterReject = err > 1;
            h *= factor;
        }
        return new Result(x, k1, new Stats(evaluations, accepted, rejected));
    }
}
