package edm.cli;

import ai.djl.ndarray.NDManager;
import edm.show.Charts;
import edm.show.Show;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code sweep}: runs {@code sample} over a grid of solvers, step counts and discretizations and
 * writes one table (CSV, one row per run) and a chart of the error against the exact ODE solution
 * (Gaussian data), else the sliced Wasserstein-1 distance to data, against NFE on log axes.
 *
 * <p>Every option is checked before any work, both output files included (see {@link Outputs}).
 */
@Command(name = "sweep", description = "run sample over a grid (solvers x discretizations x schedules x scalings x steps) into a CSV table and a chart")
final class SweepCommand implements PicoCommand.Body {
    @Mixin
    SampleOptions common = new SampleOptions();
    @Option(names = "--solver", paramLabel = "S1,S2", description = "comma-separated solvers, as for sample (heun)")
    String solvers;
    @Option(names = "--discretization", paramLabel = "D1,D2", description = "comma-separated discretizations (edm); not for dopri")
    String discretizations;
    @Option(names = "--steps", paramLabel = "N1,N2,...", description = "comma-separated step counts, each 1.."
            + SampleOptions.MAX_STEPS + " (4,8,16,32); not for dopri (one run per --tol)")
    String steps;
    @Option(names = "--out", paramLabel = "TABLE.csv", description = "the table, required (an existing file needs --force)")
    String out;
    @Option(names = "--chart", paramLabel = "FILE.png", description = "the chart (TABLE.png)")
    String chart;

    private PrintStream stdout;

    @Override
    public void out(PrintStream o) {
        this.stdout = o;
    }

    @Override
    public Integer call() {
        String data = common.data();
        List<String> solverList = list("--solver", solvers, "heun", SampleSetup.SOLVERS);
        common.rejectInapplicable(solverList);
        if (solverList.stream().allMatch("dopri"::equals) && (discretizations != null || steps != null)) {
            throw new UsageException("option " + (discretizations != null ? "--discretization" : "--steps")
                    + " does not apply to --solver dopri (it chooses its own steps; see --tol)");
        }
        List<String> discList = list("--discretization", discretizations, "edm", SampleSetup.DISCRETIZATIONS);
        List<Integer> stepList = steps();
        if (out == null || !out.endsWith(".csv")) {
            throw new UsageException("option --out TABLE.csv is required, got " + out);
        }
        String chartName = chart != null ? chart : out.substring(0, out.length() - 4) + ".png";
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--out", Path.of(out));
        outputs.put(chart != null ? "--chart" : "--chart (default)", Path.of(chartName));
        Outputs.check(outputs, common.inputs(), common.force);
        if (!chartName.endsWith(".png")) {
            throw new UsageException("--chart must end in .png, got '" + chartName + "'");
        }
        double[][] points = SampleSetup.load(data);
        int n = common.n(500);
        long seed = common.seed();
        List<SampleSetup.Spec> specs = new ArrayList<>();
        for (String solver : solverList) {
            if (solver.equals("dopri")) {
                specs.add(common.spec(solver, "edm", common.schedules().get(0), common.scalings(common.schedules().get(0)).get(0), 1));
                continue;
            }
            for (String disc : discList) {
                for (String sched : common.schedules()) {
                    for (String scale : common.scalings(sched)) {
                        for (int k : stepList) specs.add(common.spec(solver, disc, sched, scale, k));
                    }
                }
            }
        }
        List<SampleSetup.Outcome> outcomes = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                SampleSetup.Source source = SampleSetup.source(data, points, m, seed)) {
            for (SampleSetup.Spec spec : specs) outcomes.add(SampleSetup.run(spec, source, n, seed, m));
        }
        Table table = SampleSetup.table("sweep --data " + data, outcomes);
        Outputs.write("--out", Path.of(out), tmp -> table.write().csv(tmp.toFile()));
        byte[] png = Show.png(chart(data, outcomes));
        Outputs.write("--chart", Path.of(chartName), tmp -> Files.write(tmp, png));
        stdout.print(table.printAll());
        stdout.println();
        stdout.println("wrote " + out + " and " + chartName);
        return 0;
    }

    private List<Integer> steps() {
        String text = steps == null ? "4,8,16,32" : steps;
        List<Integer> values = new ArrayList<>();
        for (String s : text.split(",")) {
            if (s.isBlank()) continue;
            int k;
            try {
                k = Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--steps must be a comma-separated list of integers, got '" + s + "'");
            }
            values.add(Args.intRange("--steps", k, 1, SampleOptions.MAX_STEPS));
        }
        if (values.isEmpty()) {
            throw new UsageException("--steps must list at least one integer, got '" + text + "'");
        }
        return values;
    }

    private static List<String> list(String option, String given, String fallback, Set<String> valid) {
        List<String> values = new ArrayList<>();
        for (String v : (given == null ? fallback : given).split(",")) {
            String s = v.strip();
            if (s.isEmpty()) continue;
            if (!valid.contains(s)) {
                throw new UsageException(option + " values must be in " + new TreeSet<>(valid) + ", got '" + s + "'");
            }
            if (!values.contains(s)) values.add(s);
        }
        if (values.isEmpty()) {
            throw new UsageException(option + " must list at least one of " + new TreeSet<>(valid) + ", got '" + given + "'");
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
            series.computeIfAbsent(r.solver() + "/" + r.discretization() + "/" + r.schedule() + "/" + r.scaling(),
                    k -> new ArrayList<>())
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
