package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;

/**
 * The distribution a sampler starts from, drawn per sample at the run's stream step
 * {@link SampleRun#INITIAL}: a scaled normal N(0, std^2 I) (the prior of a diffusion) or a uniform box
 * U[lo, hi)^d (NCSN starts Langevin dynamics from uniform noise).
 */
public interface InitialNoise {
    /** A short label. */
    String name();

    /** The initial state, float64, shape (B, shape...), attached to the run's manager. */
    NDArray draw(SampleRun run);

    /** N(0, std^2 I). */
    static InitialNoise normal(double std) {
        Check.positive("std", std);
        return new InitialNoise() {
            @Override
            public String name() {
                return "normal(" + std + ")";
            }

            @Override
            public NDArray draw(SampleRun run) {
                return run.initial(std);
            }
        };
    }

    /** U[lo, hi) in every coordinate: lo + (hi - lo) u with u ~ U[0, 1). */
    static InitialNoise uniform(double lo, double hi) {
        Check.finite("lo", lo);
        Check.finite("hi", hi);
        Check.ordered("lo", lo, "hi", hi);
        return new InitialNoise() {
            @Override
            public String name() {
                return "uniform(" + lo + ", " + hi + ")";
            }

            @Override
            public NDArray draw(SampleRun run) {
                return run.uniform(SampleRun.INITIAL).muli(hi - lo).addi(lo);
            }
        };
    }
}
