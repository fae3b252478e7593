package edm.cli;

import edm.sample.Churn;
import edm.sample.Discretization;
import edm.sample.OdeMethod;
import edm.sample.OdeSampler;
import edm.sample.Sampler;
import edm.sample.StochasticSampler;
import picocli.CommandLine.Option;

/**
 * The sampler options of {@code generate} and {@code eval}: EDM's samplers (sigma(t) = t, s(t) = 1, EDM
 * steps), deterministic (Euler, Heun = Algorithm 1) or stochastic (Algorithm 2). Churn options are an
 * error with a deterministic solver.
 */
final class SolverOptions {
    @Option(names = "--solver", description = "heun (default), euler or stochastic (EDM Algorithm 2)")
    String solver = "heun";
    @Option(names = "--steps", description = "N: noise levels sigma_0..sigma_{N-1} > 0 (default 18: 35 NFE for Heun)")
    int steps = 18;
    @Option(names = "--sigma-min", description = "default 0.002")
    double sigmaMin = 0.002;
    @Option(names = "--sigma-max", description = "default 80")
    double sigmaMax = 80;
    @Option(names = "--rho", description = "EDM step exponent (default 7)")
    double rho = 7;
    @Option(names = "--churn", description = "S_churn (stochastic only; default 0)")
    Double churn;
    @Option(names = "--s-tmin", description = "S_tmin (stochastic only; default 0)")
    Double sTmin;
    @Option(names = "--s-tmax", description = "S_tmax (stochastic only; default infinity)")
    Double sTmax;
    @Option(names = "--s-noise", description = "S_noise (stochastic only; default 1)")
    Double sNoise;

    /** The sampler these options describe; UsageException for a combination that does not apply. */
    Sampler sampler() {
        if (steps < 1 || steps > 100_000) {
            throw new UsageException("--steps must be in 1..100000, got " + steps);
        }
        if (!(sigmaMin > 0 && sigmaMin < sigmaMax && Double.isFinite(sigmaMax))) {
            throw new UsageException("--sigma-min and --sigma-max must satisfy 0 < min < max < infinity, got "
                    + sigmaMin + " and " + sigmaMax);
        }
        if (!(rho > 0 && rho <= 1000)) {
            throw new UsageException("--rho must be in (0, 1000], got " + rho);
        }
        boolean stochastic = solver.equals("stochastic");
        if (!stochastic && (churn != null || sTmin != null || sTmax != null || sNoise != null)) {
            throw new UsageException("--churn, --s-tmin, --s-tmax and --s-noise apply to --solver stochastic only");
        }
        Discretization d = Discretization.edm(sigmaMin, sigmaMax, rho);
        return switch (solver) {
            case "heun" -> new OdeSampler(edm.process.NoiseProcess.edm(), d, steps, OdeMethod.HEUN);
            case "euler" -> new OdeSampler(edm.process.NoiseProcess.edm(), d, steps, OdeMethod.EULER);
            case "stochastic" -> {
                try {
                    yield new StochasticSampler(d, steps, OdeMethod.HEUN, new Churn(churn == null ? 0 : churn,
                            sTmin == null ? 0 : sTmin, sTmax == null ? Double.POSITIVE_INFINITY : sTmax,
                            sNoise == null ? 1 : sNoise));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            default -> throw new UsageException("--solver must be heun, euler or stochastic, got '" + solver + "'");
        };
    }

    /** Evaluations of D per image: N for Euler, 2N - 1 for Heun and the stochastic sampler. */
    int nfe() {
        return solver.equals("euler") ? steps : 2 * steps - 1;
    }
}
