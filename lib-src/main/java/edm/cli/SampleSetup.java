package edm.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.Split;
import edm.data.Toy2d;
import edm.denoise.CountingDenoiser;
import edm.denoise.ExactDenoiser;
import edm.denoise.GaussianData;
import edm.denoise.GaussianMixture;
import edm.denoise.IdealDenoiser;
import edm.denoise.Precision;
import edm.metric.FeatureClassifier;
import edm.metric.SlicedWasserstein;
import edm.process.NoiseProcess;
import edm.sample.Churn;
import edm.sample.Discretization;
import edm.sample.Ablation;
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
    /** sigma(t): edm and linear both mean sigma(t) = t. */
    static final Set<String> SCHEDULES = Set.of("edm", "linear", "vp", "ve");
    static final Set<String> SCALINGS = Set.of("vp", "none");
    /** Solvers tied to sigma(t) = t, s = 1. */
    static final Set<String> SIGMA_ONLY = Set.of("dpm2m");
    /** Training images of the exact denoiser of mnist / fashion-mnist when --data gives no count. */
    static final int DEFAULT_IMAGES = 10_000;
    /** A sample within this RMS per pixel of a training image counts as on it. */
    static final double ON_IMAGE = 0.02;
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
    record Source(String name, ExactDenoiser denoiser, double[][] reference, NDArray training, AutoCloseable owned)
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
        if (data.equals("gaussian") || data.equals("mixture") || data.equals("ncsn") || ImageData.parse(data) != null) {
            return null;
        }
        if (data.endsWith(".csv")) {
            return readCsv(Path.of(data));
        }
        try {
            Toy2d.byName(data);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data must be gaussian, mixture, ncsn, a 2D toy (" + String.join(", ",
                    Toy2d.names()) + "), mnist[:N], fashion-mnist[:N] or a .csv file, got '" + data + "'");
        }
        return null;
    }

    /** The dimension of a data point: 784 for the image sets, the CSV's columns, 2 for the named 2D sources. */
    static long dim(String data, double[][] csvPoints) {
        if (ImageData.parse(data) != null) {
            return 784;
        }
        return csvPoints != null ? csvPoints[0].length : 2;
    }

    /** The source of {@code data}, whose CSV points (if any) {@link #load} has read. */
    static Source source(String data, double[][] csvPoints, NDManager m, long seed) {
        ImageData images = ImageData.parse(data);
        if (images != null) {
            NDArray train = FeatureClassifier.data(images.set(), Split.TRAIN).head(images.count()).flat(m)
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            IdealDenoiser ideal = new IdealDenoiser(train, Precision.FLOAT32, IdealDenoiser.DEFAULT_CHUNK);
            double[][] reference = FeatureClassifier.data(images.set(), Split.TEST).head(REFERENCE_POINTS).rows();
            return new Source(data, ideal, reference, train, ideal);
        }
        switch (data) {
            case "gaussian": {
                GaussianData g = gaussian();
                return new Source(data, g, SlicedWasserstein.rows(g.sample(m, REFERENCE_POINTS, seed + 1)), null, null);
            }
            case "mixture":
            case "ncsn": {
                GaussianMixture gm = GaussianMixture.ncsnToy();
                return new Source(data, gm, SlicedWasserstein.rows(gm.sample(m, REFERENCE_POINTS, seed + 1)), null, null);
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
        return new Source(data, ideal, reference, null, ideal);
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
    record Spec(String solver, String discretization, String schedule, String scaling, int steps, Churn churn,
            double tol) {
        Spec {
            if (SIGMA_ONLY.contains(solver) && !isLinear(schedule)) {
                throw new UsageException("--schedule " + schedule + " does not apply to --solver " + solver
                        + " (sigma(t) = t, s = 1 only)");
            }
            if (SIGMA_ONLY.contains(solver) && !scaling.equals("none")) {
                throw new UsageException("--scaling " + scaling + " does not apply to --solver " + solver
                        + " (sigma(t) = t, s = 1 only)");
            }
        }

        static boolean isLinear(String schedule) {
            return schedule.equals("edm") || schedule.equals("linear");
        }

        /** The point of EDM's ablation grid (the VP schedule refitted to the discretization's range). */
        Ablation ablation() {
            return Ablation.of(discretization, isLinear(schedule) ? "linear" : schedule, scaling, "heun");
        }

        NoiseProcess process() {
            return ablation().process();
        }

        Discretization stepSequence() {
            return ablation().steps();
        }

        Sampler sampler() {
            return switch (solver) {
                case "dpm2m" -> new DpmSolver2M(stepSequence(), steps);
                case "dopri" -> new DoPriSampler(process(), 0.002, 80, new DormandPrince(tol, tol));
                case "stochastic" -> ablation().stochastic(steps, churn);
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
            if (s instanceof StochasticSampler st) return st.ode().process().sigma(st.ode().times(d)[0]);
            return 80; // DoPri
        }
    }

    /** One measured run. */
    record Outcome(String solver, String discretization, String schedule, String scaling, int steps, double churn,
                   int n, long nfe, double wallMs, double error, double sw1, double onImage, double[][] samples) {}

    /** Runs {@code spec} for samples 0..n-1 of the seed and measures it. */
    static Outcome run(Spec spec, Source source, int n, long seed, NDManager m) {
        return run(spec, source, n, seed, null, m);
    }

    /** One run, from the given latents (rows = samples) when not null. */
    static Outcome run(Spec spec, Source source, int n, long seed, NDArray latents, NDManager m) {
        Sampler sampler = spec.sampler();
        CountingDenoiser d = source.denoiser().counted();
        long dim = source.denoiser().dim();
        Shape shape = new Shape(dim);
        double[][] samples;
        double error = Double.NaN;
        try (NDManager sub = m.newSubManager()) {
            SampleRun.Builder b = SampleRun.of(sub, n, shape).seed(seed);
            SampleRun run = (latents == null ? b : b.latents(latents)).build();
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
            double onImage = source.training() == null ? Double.NaN : onImage(x, source.training());
            return new Outcome(spec.solver(), dopri ? "-" : spec.discretization(), spec.schedule(), spec.scaling(),
                    steps, spec.churn().sChurn(), n, d.nfe(), wall, error, sw, onImage, samples);
        }
    }

    /** The fraction of rows of x within {@link #ON_IMAGE} RMS per pixel of a row of {@code training} (N, d). */
    static double onImage(NDArray x, NDArray training) {
        try (NDManager m = training.getManager().newSubManager()) {
            NDArray xf = x.toType(ai.djl.ndarray.types.DataType.FLOAT32, true);
            xf.attach(m);
            NDArray sq = training.square().sum(new int[] {1});
            sq.attach(m);
            NDArray d2 = xf.square().sum(new int[] {1}, true).add(sq.expandDims(0)).sub(xf.matMul(training.transpose()).mul(2));
            d2.attach(m);
            float[] best = d2.min(new int[] {1}).toFloatArray();
            long dim = training.getShape().get(1);
            int k = 0;
            for (float b : best) {
                if (Math.sqrt(Math.max(0, b) / dim) < ON_IMAGE) k++;
            }
            return (double) k / best.length;
        }
    }

    /** The outcomes as a table: solver, discretization, schedule, scaling, steps, churn, n, nfe, wall_ms, error, sw1, on_image. */
    static tech.tablesaw.api.Table table(String title, List<Outcome> outcomes) {
        var t = tech.tablesaw.api.Table.create(title,
                tech.tablesaw.api.StringColumn.create("solver"), tech.tablesaw.api.StringColumn.create("discretization"),
                tech.tablesaw.api.StringColumn.create("schedule"), tech.tablesaw.api.StringColumn.create("scaling"),
                tech.tablesaw.api.IntColumn.create("steps"),
                tech.tablesaw.api.DoubleColumn.create("churn"), tech.tablesaw.api.IntColumn.create("n"),
                tech.tablesaw.api.LongColumn.create("nfe"), tech.tablesaw.api.DoubleColumn.create("wall_ms"),
                tech.tablesaw.api.DoubleColumn.create("error"), tech.tablesaw.api.DoubleColumn.create("sw1"),
                tech.tablesaw.api.DoubleColumn.create("on_image"));
        for (Outcome o : outcomes) {
            t.stringColumn("solver").append(o.solver());
            t.stringColumn("discretization").append(o.discretization());
            t.stringColumn("schedule").append(o.schedule());
            t.stringColumn("scaling").append(o.scaling());
            t.intColumn("steps").append(o.steps());
            t.doubleColumn("churn").append(o.churn());
            t.intColumn("n").append(o.n());
            t.longColumn("nfe").append(o.nfe());
            t.doubleColumn("wall_ms").append(o.wallMs());
            t.doubleColumn("error").append(o.error());
            t.doubleColumn("sw1").append(o.sw1());
            t.doubleColumn("on_image").append(o.onImage());
        }
        return t;
    }

    /** {@code mnist[:N]} or {@code fashion-mnist[:N]}: the exact denoiser of the first N training images. */
    record ImageData(String set, int count) {
        /** The parsed value, or null when {@code data} names no image set; UsageException for a bad count. */
        static ImageData parse(String data) {
            java.util.regex.Matcher mm = java.util.regex.Pattern.compile("(mnist|fashion-mnist)(?::(.*))?").matcher(data);
            if (!mm.matches()) {
                return null;
            }
            if (mm.group(2) == null) {
                return new ImageData(mm.group(1), DEFAULT_IMAGES);
            }
            int n;
            try {
                n = Integer.parseInt(mm.group(2));
            } catch (NumberFormatException e) {
                throw new UsageException("--data " + data + ": the image count must be an integer in 1..60000");
            }
            return new ImageData(mm.group(1), Args.intRange("--data " + mm.group(1) + ":N", n, 1, 60_000));
        }
    }
}
