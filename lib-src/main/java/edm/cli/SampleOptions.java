package edm.cli;

import edm.sample.Churn;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code sample} and {@code sweep} share (a picocli mixin): the data, the ODE's schedule,
 * the sample count and seed, the churn group (stochastic only), the tolerance (dopri only) and
 * {@code --force}. Each value is checked with a message naming the option and its range.
 */
final class SampleOptions {
    /** The most samples per run: the ideal denoiser's work grows as n times the data size. */
    static final int MAX_N = 100_000;
    /** The most steps per run. */
    static final int MAX_STEPS = 100_000;
    /** Dormand-Prince tolerances: below 1e-12 double precision cannot meet them (step-size underflow). */
    static final double MIN_TOL = 1e-12;
    static final double MAX_TOL = 1;

    @Option(names = "--data", required = true, paramLabel = "NAME|FILE.csv",
            description = "gaussian, mixture (= ncsn), a 2D toy name, or a CSV of points (ideal denoiser)")
    String data;
    @Option(names = "--denoiser", paramLabel = "exact", description = "the exact denoiser of the data (the only one)")
    String denoiser = "exact";
    @Option(names = "--schedule", paramLabel = "edm|vp|ve",
            description = "sigma(t), s(t) of the ODE (edm); euler, heun, midpoint, ralston, dopri")
    String schedule;
    @Option(names = "--n", paramLabel = "COUNT", description = "samples, 1.." + MAX_N)
    Integer n;
    @Option(names = "--seed", paramLabel = "S", description = "seed, 0..2^63-1 (0)")
    Long seed;
    @Option(names = "--churn", paramLabel = "X", description = "S_churn >= 0 (0); stochastic only")
    Double churn;
    @Option(names = "--s-tmin", paramLabel = "X", description = "S_tmin >= 0 (0); stochastic only")
    Double sTmin;
    @Option(names = "--s-tmax", paramLabel = "X", description = "S_tmax > 0 (inf); stochastic only")
    Double sTmax;
    @Option(names = "--s-noise", paramLabel = "X", description = "S_noise > 0 (1); stochastic only")
    Double sNoise;
    @Option(names = "--tol", paramLabel = "X", description = "dopri rtol = atol, in [1e-12, 1] (1e-5); dopri only")
    Double tol;
    @Option(names = "--force", description = "replace existing output files (never an input file)")
    boolean force;

    /** The data name or CSV path, after checking {@code --denoiser}. */
    String data() {
        Args.choice("--denoiser", denoiser, List.of("exact"));
        return data;
    }

    /** The CSV input file, if {@code --data} names one. */
    Map<String, Path> inputs() {
        Map<String, Path> m = new LinkedHashMap<>();
        if (data != null && data.endsWith(".csv")) {
            m.put("--data", Path.of(data));
        }
        return m;
    }

    int n(int fallback) {
        return n == null ? fallback : Args.intRange("--n", n, 1, MAX_N);
    }

    long seed() {
        if (seed == null) {
            return 0;
        }
        if (seed < 0) {
            throw new UsageException("--seed must be in [0, " + Long.MAX_VALUE + "], got " + seed);
        }
        return seed;
    }

    String schedule() {
        return schedule == null ? "edm" : Args.choice("--schedule", schedule, SampleSetup.SCHEDULES);
    }

    double tol() {
        return Args.closed("--tol", tol, MIN_TOL, MAX_TOL, 1e-5);
    }

    /** The churn group; all defaults unless given. */
    Churn churn() {
        double c = Args.nonNegative("--churn", churn, 0);
        double tmin = Args.nonNegative("--s-tmin", sTmin, 0);
        double tmax = sTmax == null ? Double.POSITIVE_INFINITY : Args.positive("--s-tmax", sTmax, 1);
        double noise = Args.positive("--s-noise", sNoise, 1);
        if (!(tmax >= tmin)) {
            throw new UsageException("--s-tmax must be >= --s-tmin, got " + tmax + " and " + tmin);
        }
        return new Churn(c, tmin, tmax, noise);
    }

    /** The churn options that were given, by name. */
    List<String> churnGiven() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("--churn", churn);
        m.put("--s-tmin", sTmin);
        m.put("--s-tmax", sTmax);
        m.put("--s-noise", sNoise);
        return m.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }

    /**
     * Rejects options that apply to none of {@code solvers}: the churn group (stochastic only), {@code --tol}
     * (dopri only) and {@code --schedule} (not dpm2m or stochastic, which use sigma(t) = t).
     */
    void rejectInapplicable(Collection<String> solvers) {
        String list = String.join(",", solvers);
        if (!solvers.contains("stochastic") && !churnGiven().isEmpty()) {
            throw new UsageException("option " + churnGiven().get(0) + " does not apply to --solver " + list
                    + " (stochastic only)");
        }
        if (!solvers.contains("dopri") && tol != null) {
            throw new UsageException("option --tol does not apply to --solver " + list + " (dopri only)");
        }
    }

    /** The spec of one run; the churn group and tolerance are those of the solver (none for others). */
    SampleSetup.Spec spec(String solver, String discretization, int steps) {
        Churn c = solver.equals("stochastic") ? churn() : Churn.NONE;
        double t = solver.equals("dopri") ? tol() : Double.NaN;
        return new SampleSetup.Spec(solver, discretization, schedule(), steps, c, t);
    }
}
