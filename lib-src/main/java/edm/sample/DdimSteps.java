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
 * 1, 2, ..., T. Where c i^p grows by less than 1 per step (the quadratic rule at small i once
 * S^2 > T) the floors would repeat an index; the reference code then runs no-op steps. Here a
 * repeated index is bumped to tau_{i-1} + 1 instead, so there are always S distinct steps; since
 * c i^p - i is convex and ends at T - S, the bumped sequence still ends at T.
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
     * @throws IllegalArgumentException if S > T
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
            int raw = 1 + (int) Math.floor(c * Math.pow(i, power) + 1e-9);
            tau[i] = i == 0 ? raw : Math.max(raw, tau[i - 1] + 1);
        }
        return tau;
    }
}
