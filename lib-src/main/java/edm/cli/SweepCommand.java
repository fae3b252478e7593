package edm.cli;

import ai.djl.ndarray.NDManager;
import edm.show.Charts;
import edm.show.Show;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * {@code sweep}: runs {@code sample} over a grid of solvers, step counts and discretizations and
 * writes one table (CSV, one row per run) and a chart of the error against the exact ODE solution
 * (Gaussian data), else the sliced Wasserstein-1 distance to data, against NFE on log axes.
 */
public final class SweepCommand implements Command {
    static final Set<String> ALL = Set.of("data", "denoiser", "solver", "discretization", "schedule", "steps", "n",
            "seed", "churn", "s-tmin", "s-tmax", "s-noise", "tol", "out", "chart");

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String description() {
        return "run sample over a grid (solvers x steps x discretizations) into a CSV table and a chart";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: sweep --data NAME|FILE.csv --solver S1,S2 --steps N1,N2,... [--discretization D1,D2]",
                "             --out TABLE.csv [--chart FILE.png] [--n COUNT] [--seed S] [--schedule P]",
                "  lists are comma-separated; other options as for sample; the chart defaults to TABLE.png",
                "  dopri ignores --steps and --discretization (one run per tolerance --tol)");
    }

    @Override
    public int run(String[] args, PrintStream out) {
        Options o = Options.parse(args, ALL);
        String data = SampleSetup.data(o);
        List<String> solvers = list(o, "solver", "heun", SampleSetup.SOLVERS);
        List<String> discretizations = list(o, "discretization", "edm", SampleSetup.DISCRETIZATIONS);
        List<Integer> steps = new ArrayList<>();
        for (String s : o.string("steps", "4,8,16,32").split(",")) {
            try {
                steps.add(Integer.parseInt(s.strip()));
            } catch (NumberFormatException e) {
                throw new UsageException("--steps must be a comma-separated list of integers, got '" + s + "'");
            }
            if (steps.get(steps.size() - 1) < 1) throw new UsageException("--steps must be >= 1, got " + s);
        }
        String outName = o.string("out", null);
        if (outName == null || !outName.endsWith(".csv")) {
            throw new UsageException("option --out TABLE.csv is required, got " + outName);
        }
        Path chartFile = Path.of(o.string("chart", outName.substring(0, outName.length() - 4) + ".png"));
        int n = o.integer("n", 500, 1);
        long seed = o.integer("seed", 0, 0);
        List<SampleSetup.Spec> specs = new ArrayList<>();
        for (String solver : solvers) {
            if (solver.equals("dopri")) {
                specs.add(SampleCommand.spec(o, solver, "edm", 1, false));
                continue;
            }
            for (String disc : discretizations) {
                for (int k : steps) specs.add(SampleCommand.spec(o, solver, disc, k, false));
            }
        }
        List<SampleSetup.Outcome> outcomes = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                SampleSetup.Source source = SampleSetup.source(data, m, seed)) {
            for (SampleSetup.Spec spec : specs) outcomes.add(SampleSetup.run(spec, source, n, seed, m));
        }
        Table table = SampleSetup.table("sweep --data " + data, outcomes);
        try {
            table.write().csv(outName);
            Files.write(chartFile, Show.png(chart(data, outcomes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outName + " or " + chartFile, e);
        }
        out.print(table.printAll());
        out.println();
        out.println("wrote " + outName + " and " + chartFile);
        return 0;
    }

    private static List<String> list(Options o, String name, String fallback, Set<String> valid) {
        List<String> values = new ArrayList<>();
        for (String v : o.string(name, fallback).split(",")) {
            String s = v.strip();
            if (!valid.contains(s)) {
                throw new UsageException("--" + name + " values must be in " + new java.util.TreeSet<>(valid)
                        + ", got '" + s + "'");
            }
            values.add(s);
        }
        return values;
    }

    /** Error (or SW_1 when no exact solution exists) against NFE, log-log, one series per solver/steps. */
    static XYChart chart(String data, List<SampleSetup.Outcome> outcomes) {
        boolean useError = outcomes.stream().allMatch(r -> !Double.isNaN(r.error()));
        Charts.Xy c = Charts.xy("sweep: " + data, "NFE", useError ? "mean |x - x_exact|" : "sliced W1 to data",
                640, 420).logX().logY();
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (SampleSetup.Outcome r : outcomes) {
            double y = useError ? r.error() : r.sw1();
            if (!(y > 0)) continue;
            series.computeIfAbsent(r.solver() + "/" + r.discretization(), k -> new ArrayList<>())
                    .add(new double[] {r.nfe(), y});
        }
        for (var e : series.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            c.series(e.getKey(), x, y);
        }
        return c.chart();
    }
}
