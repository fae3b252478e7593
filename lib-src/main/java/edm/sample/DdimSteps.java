package edm.sample;

import edm.Check;

/**
 * DDIM's time sub-sequences tau (Song et al. 2020, appendix D.2): S increasing indices of the
 * T-step DDPM chain, tau_i = floor(c i^p) with p = 1 (linear) or p = 2 (quadratic). The DDIM paper
 * uses linear steps for CIFAR-10 and quadratic ones elsewhere; quadratic steps crowd at small t,
 * where the data detail is decided.
 *
 * <p>Here time indices run 1..T (alpha_bar_0 = 1 is clean data) and the rule is written so the
 * sequence spans the chain exactly:
 * <pre>
 *   tau_i = 1 + floor(c i^p),  i = 0 .. S-1,  c = (T - 1)/(S - 1)^p,
 * </pre>
 * so tau_0 = 1 and tau_{S-1} = T; S = 1 gives tau = (T). Linear steps with S = T are the full chain
 * 1, 2, ..., T.
 *
 * @param name label
 * @param power p > 0
 */
public record DdimSteps(String name, double power) {
    /** tau_i = 1 + floor(c i). */
    public static final DdimSteps LINEAR = new DdimSteps("linear", 1);
    /** tau_i = 1 + floor(c i^2). */
    public static final DdimSteps QUADRATIC = new DdimSteps("quadratic", 2);

    public DdimSteps {
        Check.notNull("name", name);
        Check.positive("power", power);
    }

    /**
     * The sub-sequence tau_0 < ... < tau_{S-1} for a chain of T steps.
     *
     * @param bigT T >= 1
     * @param steps S in 1..T
     * @throws IllegalArgumentException if S > T, or if the rule repeats an index at this S (the
     *     quadratic rule does so when S is close to T)
     */
    public int[] tau(int bigT, int steps) {
        Check.atLeast("T", bigT, 1);
        Check.atLeast("steps", steps, 1);
        if (steps > bigT) {
            throw new IllegalArgumentException("steps must be <= T = " + bigT + ", got " + steps);
        }
        if (steps == 1) {
            return new int[] {bigT};
        }
        double c = (bigT - 1) / Math.pow(steps - 1, power);
        int[] tau = new int[steps];
        for (int i = 0; i < steps; i++) {
            // the 1e-9 guards floor((T-1)/(S-1)^p * (S-1)^p) against landing one ulp below T - 1
            tau[i] = 1 + (int) Math.floor(c * Math.pow(i, power) + 1e-9);
            if (i > 0 && tau[i] <= tau[i - 1]) {
                throw new IllegalArgumentException("steps = " + steps + " is too many for the " + name
                        + " rule on T = " + bigT + ": tau_" + i + " = " + tau[i] + " repeats tau_"
                        + (i - 1) + " = " + tau[i - 1]);
            }
        }
        return tau;
    }
}
