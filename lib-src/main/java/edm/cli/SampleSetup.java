package edm.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.Toy2d;
import edm.denoise.CountingDenoiser;
import edm.denoise.ExactDenoiser;
import edm.denoise.GaussianData;
import edm.denoise.GaussianMixture;
import edm.denoise.IdealDenoiser;
import edm.metric.SlicedWasserstein;
import edm.process.Process;
import edm.sample.Churn;
import edm.sample.Discretization;
import edm.sample.DoPriSampler;
import edm.sample.DormandPrince;
import edm.sample.DpmSolver2M;
import edm.sample.OdeMethod;
import edm.sample.OdeSampler;
import edm.sample.SampleRun;
import edm.sample.Sampler;
import edm.sample.StochasticSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code sample} and {@code sweep} share: the data source and its exact denoiser, the
 * sampler built from option values, and one measured run (NFE, wall time, error against the exact
 * ODE solution for Gaussian data, sliced Wasserstein-1 distance to fresh data draws).
 */
final class SampleSetup {
    static final Set<String> SOLVERS = Set.of("euler", "heun", "midpoint", "ralston", "dpm2m", "dopri", "stochastic");
    static final Set<String> DISCRETIZATIONS = Set.of("edm", "vp", "ve", "iddpm");
    static final Set<String> SCHEDULES = Set.of("edm", "vp", "ve");
    /** Solvers tied to sigma(t) = t, s = 1. */
    static final Set<String> SIGMA_ONLY = Set.of("dpm2m", "stochastic");
    /** Number of fresh data draws and projections of the distance. */
    static final int REFERENCE_POINTS = 2000;
    static final int PROJECTIONS = 64;
    /** Training points of the ideal denoiser of a 2D toy. */
    static final int TOY_POINTS = 1000;

    private SampleSetup() {}

    /** Gaussian data of the {@code gaussian} source: N((0.5, -0.5), diag(0.5^2, 1)). */
    static GaussianData gaussian() {
        return new GaussianData(new double[] {0.5, -0.5}, new double[] {0.5, 1.0});
    }

    /** A data source: its exact denoiser and a way to draw reference points; closes what it owns. */
    record Source(String name, ExactDenoiser denoiser, double[][] reference, AutoCloseable owned)
            implements AutoCloseable {
        @Override
        public void close() {
            if (owned == null) return;
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release the denoiser of --data " + name, e);
            }
        }
    }

    /** Resolves {@code --data}: gaussian, mixture/ncsn, a Toy2d name, or a CSV file of points. */
    static Source source(String data, NDManager m, long seed) {
        return source(data, load(data), m, seed);
    }

    /**
     * Checks {@code --data} before any work: a known name, or a CSV file of points read and checked
     * (returned; null for a named source).
     */
    static double[][] load(String data) {
        if (data.equals("gaussian") || data.equals("mixture") || data.equals("ncsn")) {
            return null;
        }
        if (data.endsWith(".csv")) {
            return readCsv(Path.of(data));
        }
        try {
            Toy2d.byName(data);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data must be gaussian, mixture, ncsn, a 2D toy (" + String.join(", ",
                    Toy2d.names()) + ") or a .csv file, got '" + data + "'");
        }
        return null;
    }

    /** The source of {@code data}, whose CSV points (if any) {@link #load} has read. */
    static Source source(String data, double[][] csvPoints, NDManager m, long seed) {
        switch (data) {
            case "gaussian": {
                GaussianData g = gaussian();
                return new Source(data, g, SlicedWasserstein.rows(g.sample(m, REFERENCE_POINTS, seed + 1)), null);
            }
            case "mixture":
            case "ncsn": {
                GaussianMixture gm = GaussianMixture.ncsnToy();
                return new Source(data, gm, SlicedWasserstein.rows(gm.sample(m, REFERENCE_POINTS, seed + 1)), null);
            }
            default:
                break;
        }
        double[][] points;
        double[][] reference;
        if (csvPoints != null) {
            points = csvPoints;
            reference = points;
        } else {
            Toy2d toy = Toy2d.byName(data);
            points = toy.sample(TOY_POINTS, seed);
            reference = toy.sample(REFERENCE_POINTS, seed + 1);
        }
        IdealDenoiser ideal = new IdealDenoiser(m.create(points));
        return new Source(data, ideal, reference, ideal);
    }

    /** The largest magnitude accepted in a CSV of points (squared distances must stay finite). */
    static final double MAX_ABS_VALUE = 1e100;

    /**
     * Points of a CSV file, one row per point; a first line that is not numeric is a header. Every value
     * must be finite with |v| &lt;= {@value #MAX_ABS_VALUE}; a bad line is named with its number.
     */
    static double[][] readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("--data: cannot read " + file + " (" + e.getMessage() + ")");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            try {
                for (int j = 0; j < cells.length; j++) row[j] = Double.parseDouble(cells[j].strip());
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && i == 0) continue; // header
                throw new UsageException("--data: line " + (i + 1) + " of " + file + " is not numeric: '" + line + "'");
            }
            for (double v : row) {
                if (!(Math.abs(v) <= MAX_ABS_VALUE)) {
                    throw new UsageException("--data: line " + (i + 1) + " of " + file + " holds " + v
                            + "; values must be finite with |v| <= " + MAX_ABS_VALUE);
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new UsageException("--data: line " + (i + 1) + " of " + file + " has " + row.length
                        + " values, expected " + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new UsageException("--data: " + file + " holds no points");
        return rows.toArray(new double[0][]);
    }

    /** The settings of one sampler. */
    record Spec(String solver, String discretization, String schedule, int steps, Churn churn, double tol) {
        Spec {
            if (SIGMA_ONLY.contains(solver) && !schedule.equals("edm")) {
                throw new UsageException("--schedule " + schedule + " does not apply to --solver " + solver
                        + " (sigma(t) = t, s = 1 only)");
            }
        }

        Process process() {
            return switch (schedule) {
                case "vp" -> Process.vp();
                case "ve" -> Process.ve();
                default -> Process.edm();
            };
        }

        Discretization stepSequence() {
            return switch (discretization) {
                case "vp" -> Discretization.vp();
                case "ve" -> Discretization.ve();
                case "iddpm" -> Discretization.iddpm();
                default -> Discretization.edm();
            };
        }

        Sampler sampler() {
            return switch (solver) {
                case "dpm2m" -> new DpmSolver2M(stepSequence(), steps);
                case "dopri" -> new DoPriSampler(process(), 0.002, 80, new DormandPrince(tol, tol));
                case "stochastic" -> new StochasticSampler(stepSequence(), steps, OdeMethod.HEUN, churn);
                default -> new OdeSampler(process(), stepSequence(), steps, method());
            };
        }

        OdeMethod method() {
            return switch (solver) {
                case "euler" -> OdeMethod.EULER;
                case "midpoint" -> OdeMethod.MIDPOINT;
                case "ralston" -> OdeMethod.RALSTON;
                default -> OdeMethod.HEUN;
            };
        }

        /** sigma_0, the level of the initial noise (after the denoiser's rounding). */
        double sigma0(Sampler s, CountingDenoiser d) {
            if (s instanceof OdeSampler o) return o.process().sigma(o.times(d)[0]);
            if (s instanceof DpmSolver2M p) return p.sigmas(d)[0];
            if (s instanceof StochasticSampler st) return st.ode().times(d)[0];
            return 80; // DoPri
        }
    }

    /** One measured run. */
    record Outcome(String solver, String discretization, String schedule, int steps, double churn, int n,
                   long nfe, double wallMs, double error, double sw1, double[][] samples) {}

    /** Runs {@code spec} for samples 0..n-1 of the seed and measures it. */
    static Outcome run(Spec spec, Source source, int n, long seed, NDManager m) {
        Sampler sampler = spec.sampler();
        CountingDenoiser d = source.denoiser().counted();
        long dim = source.denoiser().dim();
        Shape shape = new Shape(dim);
        double[][] samples;
        double error = Double.NaN;
        try (NDManager sub = m.newSubManager()) {
            SampleRun run = SampleRun.of(sub, n, shape).seed(seed).build();
            long start = System.nanoTime();
            NDArray x = sampler.sample(d, run);
            double wall = (System.nanoTime() - start) / 1e6;
            samples = SlicedWasserstein.rows(x);
            boolean deterministic = !spec.solver().equals("stochastic") || spec.churn().sChurn() == 0;
            if (source.denoiser() instanceof GaussianData g && deterministic) {
                double s0 = spec.sigma0(sampler, d);
                NDArray exact = g.flow(run.normal(SampleRun.INITIAL).mul(s0), s0, 0);
                error = x.sub(exact).square().sum(new int[] {1}).sqrt().mean().getDouble();
            }
            double sw = new SlicedWasserstein(PROJECTIONS, 0).distance(samples, source.reference());
            boolean dopri = sampler instanceof DoPriSampler;
            int steps = dopri ? ((DoPriSampler) sampler).lastStats().accepted() : spec.steps();
            return new Outcome(spec.solver(), dopri ? "-" : spec.discretization(),
                    spec.schedule(), steps, spec.churn().sChurn(), n, d.nfe(), wall, error, sw, samples);
        }
    }

    /** The outcomes as a table: solver, discretization, schedule, steps, churn, n, nfe, wall_ms, error, sw1. */
    static tech.tablesaw.api.Table table(String title, List<Outcome> outcomes) {
        var t = tech.tablesaw.api.Table.create(title,
                tech.tablesaw.api.StringColumn.create("solver"), tech.tablesaw.api.StringColumn.create("discretization"),
                tech.tablesaw.api.StringColumn.create("schedule"), tech.tablesaw.api.IntColumn.create("steps"),
                tech.tablesaw.api.DoubleColumn.create("churn"), tech.tablesaw.api.IntColumn.create("n"),
                tech.tablesaw.api.LongColumn.create("nfe"), tech.tablesaw.api.DoubleColumn.create("wall_ms"),
                tech.tablesaw.api.DoubleColumn.create("error"), tech.tablesaw.api.DoubleColumn.create("sw1"));
        for (Outcome o : outcomes) {
            t.stringColumn("solver").append(o.solver());
            t.stringColumn("discretization").append(o.discretization());
            t.stringColumn("schedule").append(o.schedule());
            t.intColumn("steps").append(o.steps());
            t.doubleColumn("churn").append(o.churn());
            t.intColumn("n").append(o.n());
            t.longColumn("nfe").append(o.nfe());
            t.doubleColumn("wall_ms").append(o.wallMs());
            t.doubleColumn("error").append(o.error());
            t.doubleColumn("sw1").append(o.sw1());
        }
        return t;
    }
}
