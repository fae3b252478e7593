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
    @Option(names = "--schedule", paramLabel = "edm|linear|vp|ve",
            description = "sigma(t) of the ODE: edm = linear (sigma = t), vp (refitted to the steps' range), ve (sqrt t);"
                    + " a comma list for sweep (edm)")
    String schedule;
    @Option(names = "--scaling", paramLabel = "vp|none",
            description = "s(t): vp = 1/sqrt(1 + sigma(t)^2), none = 1 (vp with --schedule vp, else none); a comma list for sweep")
    String scaling;
    @Option(names = "--latents", paramLabel = "FILE.npy",
            description = "start from these latents z (n rows of the data's dimension): the sampler starts at z sigma_0 s(t_0)")
    Path latents;
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

    /** The input files: a CSV of --data, the --latents file. */
    Map<String, Path> inputs() {
        Map<String, Path> m = new LinkedHashMap<>();
        if (data != null && data.endsWith(".csv")) {
            m.put("--data", Path.of(data));
        }
        if (latents != null) {
            m.put("--latents", latents);
        }
        return m;
    }

    /**
     * The --latents file as (rows, dim), checked before any work: float64 or float32 .npy, finite, with
     * {@code dim} values per row; its row count fixes n (a different --n is an error).
     */
    double[][] latentRows(long dim) {
        if (latents == null) {
            return null;
        }
        if (n != null) {
            Args.intRange("--n", n, 1, MAX_N);
        }
        edm.data.Npy.Array a = GenerateCommand.readLatents(latents, n, dim);
        Args.intRange("rows of --latents", a.rows(), 1, MAX_N);
        double[][] rows = new double[a.rows()][];
        for (int i = 0; i < a.rows(); i++) {
            rows[i] = java.util.Arrays.copyOfRange(a.values(), (int) (i * dim), (int) ((i + 1) * dim));
        }
        return rows;
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
        List<String> l = schedules();
        if (l.size() != 1) {
            throw new UsageException("--schedule takes one value here, got '" + schedule + "'");
        }
        return l.get(0);
    }

    /** The --schedule values (a comma list for sweep). */
    List<String> schedules() {
        return values("--schedule", schedule, "edm", SampleSetup.SCHEDULES);
    }

    /** The --scaling values for a schedule: as given, else vp for the vp schedule and none otherwise. */
    List<String> scalings(String forSchedule) {
        return values("--scaling", scaling, forSchedule.equals("vp") ? "vp" : "none", SampleSetup.SCALINGS);
    }

    /** A comma list of valid values, without repeats; at least one. */
    static List<String> values(String option, String given, String fallback, java.util.Set<String> valid) {
        List<String> out = new java.util.ArrayList<>();
        for (String v : (given == null ? fallback : given).split(",")) {
            String t = v.strip();
            if (t.isEmpty()) continue;
            if (!valid.contains(t)) {
                throw new UsageException(option + " values must be in " + new java.util.TreeSet<>(valid) + ", got '" + t + "'");
            }
            if (!out.contains(t)) out.add(t);
        }
        if (out.isEmpty()) {
            throw new UsageException(option + " must list at least one of " + new java.util.TreeSet<>(valid) + ", got '" + given + "'");
        }
        return out;
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

    /** The spec of one run with the single --schedule and its scaling. */
    SampleSetup.Spec spec(String solver, String discretization, int steps) {
        String sched = schedule();
        List<String> sc = scalings(sched);
        if (sc.size() != 1) {
            throw new UsageException("--scaling takes one value here, got '" + scaling + "'");
        }
        return spec(solver, discretization, sched, sc.get(0), steps);
    }

    /** The spec of one run; the churn group and tolerance are those of the solver (none for others). */
    SampleSetup.Spec spec(String solver, String discretization, String sched, String scale, int steps) {
        Churn c = solver.equals("stochastic") ? churn() : Churn.NONE;
        double t = solver.equals("dopri") ? tol() : Double.NaN;
        return new SampleSetup.Spec(solver, discretization, sched, scale, steps, c, t);
    }
}
