package edm.cli;

import ai.djl.ndarray.NDManager;
import edm.data.Npy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code sample}: draws samples with one sampler from an exact denoiser and prints a one-row
 * summary: NFE (evaluations of D per sample), wall time, the mean distance ||x - x_exact|| to the
 * exact PF-ODE solution from the same initial noise (Gaussian data, deterministic solvers), and the
 * sliced Wasserstein-1 distance between the samples and 2,000 fresh data draws (64 projections).
 */
public final class SampleCommand implements Command {
    static final Set<String> ALL = Set.of("data", "denoiser", "solver", "discretization", "schedule", "steps", "n",
            "seed", "churn", "s-tmin", "s-tmax", "s-noise", "tol", "out");
    static final Set<String> CHURN = Set.of("churn", "s-tmin", "s-tmax", "s-noise");

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public String description() {
        return "sample an exact denoiser with one solver; print NFE, time, error and distance to data";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: sample --data NAME|FILE.csv [--denoiser exact] [--solver S] [--discretization D]",
                "              [--schedule P] [--steps N] [--n COUNT] [--seed S] [--out FILE.csv|FILE.npy]",
                "  --data            gaussian, mixture (= ncsn), a 2D toy name, or a CSV of points (ideal denoiser)",
                "  --solver          euler|heun|midpoint|ralston|dpm2m|dopri|stochastic (heun)",
                "  --discretization  edm|vp|ve|iddpm (edm); not for dopri",
                "  --schedule        edm|vp|ve: sigma(t), s(t) of the ODE (edm); euler..ralston, dopri",
                "  --steps N (18), --n COUNT (1000), --seed S (0)",
                "  --churn X --s-tmin X --s-tmax X --s-noise X   stochastic only (0, 0, inf, 1)",
                "  --tol X           dopri rtol = atol (1e-5)");
    }

    @Override
    public int run(String[] args, PrintStream out) {
        Options o = Options.parse(args, ALL);
        String data = SampleSetup.data(o);
        SampleSetup.Spec spec = spec(o, o.choice("solver", "heun", new TreeSet<>(SampleSetup.SOLVERS)),
                o.choice("discretization", "edm", new TreeSet<>(SampleSetup.DISCRETIZATIONS)),
                o.integer("steps", 18, 1));
        int n = o.integer("n", 1000, 1);
        long seed = o.integer("seed", 0, 0);
        Path outFile = o.has("out") ? Path.of(o.string("out", null)) : null;
        if (outFile != null && !(outFile.toString().endsWith(".csv") || outFile.toString().endsWith(".npy"))) {
            throw new UsageException("--out must end in .csv or .npy, got '" + outFile + "'");
        }
        try (NDManager m = NDManager.newBaseManager();
                SampleSetup.Source source = SampleSetup.source(data, m, seed)) {
            SampleSetup.Outcome r = SampleSetup.run(spec, source, n, seed, m);
            out.print(SampleSetup.table("sample --data " + data, List.of(r)).printAll());
            out.println();
            if (outFile != null) write(outFile, r.samples());
        }
        return 0;
    }

    /** The spec from the options shared with {@code sweep}; rejects options that do not apply. */
    static SampleSetup.Spec spec(Options o, String solver, String discretization, int steps) {
        return spec(o, solver, discretization, steps, true);
    }

    /** As above; with {@code strict} false, options for other solvers of a sweep are let through. */
    static SampleSetup.Spec spec(Options o, String solver, String discretization, int steps, boolean strict) {
        Set<String> given = strict ? new HashSet<>(o.names()) : Set.of();
        if (!solver.equals("stochastic")) {
            for (String c : CHURN) {
                if (given.contains(c)) throw new UsageException("option --" + c + " does not apply to --solver " + solver);
            }
        }
        if (!solver.equals("dopri") && given.contains("tol")) {
            throw new UsageException("option --tol does not apply to --solver " + solver);
        }
        String schedule = o.choice("schedule", "edm", new TreeSet<>(SampleSetup.SCHEDULES));
        double tol = o.positive("tol", 1e-5);
        return new SampleSetup.Spec(solver, discretization, schedule, steps, SampleSetup.churn(o), tol);
    }

    static void write(Path file, double[][] rows) {
        try {
            if (file.toString().endsWith(".npy")) {
                Npy.write(file, rows);
            } else {
                List<String> lines = new ArrayList<>();
                for (double[] r : rows) {
                    StringBuilder b = new StringBuilder();
                    for (int j = 0; j < r.length; j++) b.append(j == 0 ? "" : ",").append(r[j]);
                    lines.add(b.toString());
                }
                Files.write(file, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
