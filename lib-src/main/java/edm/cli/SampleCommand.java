package edm.cli;

import ai.djl.ndarray.NDManager;
import edm.data.Npy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sample}: draws samples with one sampler from an exact denoiser and prints a one-row
 * summary: NFE (evaluations of D per sample), wall time, the mean distance ||x - x_exact|| to the
 * exact PF-ODE solution from the same initial noise (Gaussian data, deterministic solvers), and the
 * sliced Wasserstein-1 distance between the samples and 2,000 fresh data draws (64 projections).
 *
 * <p>Every option is checked before any work, the output file included (see {@link Outputs}).
 */
@Command(name = "sample", description = "sample an exact denoiser with one solver; print NFE, time, error and distance to data")
final class SampleCommand implements PicoCommand.Body {
    @Mixin
    SampleOptions common = new SampleOptions();
    @Option(names = "--solver", paramLabel = "S", description = "euler|heun|midpoint|ralston|dpm2m|dopri|stochastic (heun)")
    String solver = "heun";
    @Option(names = "--discretization", paramLabel = "D", description = "edm|vp|ve|iddpm (edm); not for dopri")
    String discretization;
    @Option(names = "--steps", paramLabel = "N", description = "steps, 1.." + SampleOptions.MAX_STEPS + " (18); not for dopri")
    Integer steps;
    @Option(names = "--out", paramLabel = "FILE.csv|FILE.npy|FILE.png", description = "write the samples (an existing file needs --force);"
            + " .png: a grid of the first 64 (image data only)")
    Path out;

    private PrintStream stdout;

    @Override
    public void out(PrintStream o) {
        this.stdout = o;
    }

    @Override
    public Integer call() {
        String data = common.data();
        Args.choice("--solver", solver, SampleSetup.SOLVERS);
        common.rejectInapplicable(List.of(solver));
        if (solver.equals("dopri") && (discretization != null || steps != null)) {
            throw new UsageException("option " + (discretization != null ? "--discretization" : "--steps")
                    + " does not apply to --solver dopri (it chooses its own steps; see --tol)");
        }
        String disc = discretization == null ? "edm" : Args.choice("--discretization", discretization, SampleSetup.DISCRETIZATIONS);
        int k = steps == null ? 18 : Args.intRange("--steps", steps, 1, SampleOptions.MAX_STEPS);
        SampleSetup.Spec spec = common.spec(solver, disc, k);
        int n = common.n(1000);
        long seed = common.seed();
        boolean images = SampleSetup.ImageData.parse(data) != null;
        if (out != null) {
            String o = out.toString();
            if (!(o.endsWith(".csv") || o.endsWith(".npy") || (images && o.endsWith(".png")))) {
                throw new UsageException("--out must end in .csv or .npy" + (images ? " or .png" : " (.png for image data)")
                        + ", got '" + out + "'");
            }
            Map<String, Path> outputs = new LinkedHashMap<>();
            outputs.put("--out", out);
            Outputs.check(outputs, common.inputs(), common.force);
        }
        double[][] points = SampleSetup.load(data);
        double[][] z = common.latentRows(SampleSetup.dim(data, points));
        if (z != null) {
            n = z.length;
        }
        try (NDManager m = NDManager.newBaseManager();
                SampleSetup.Source source = SampleSetup.source(data, points, m, seed)) {
            SampleSetup.Outcome r = SampleSetup.run(spec, source, n, seed, z == null ? null : m.create(z), m);
            if (out != null && out.toString().endsWith(".png")) {
                int shown = Math.min(64, r.samples().length);
                byte[] png = edm.show.Images.png(edm.show.Images.grid(java.util.Arrays.copyOf(r.samples(), shown),
                        (shown + 7) / 8, 8, 28, 28, 2));
                Outputs.write("--out", out, tmp -> Files.write(tmp, png));
            } else if (out != null) {
                write(out, r.samples());
            }
            stdout.print(SampleSetup.table("sample --data " + data, List.of(r)).printAll());
            stdout.println();
        }
        return 0;
    }

    /** Writes the rows as .npy (float64) or CSV, through a temporary file. */
    static void write(Path file, double[][] rows) {
        Outputs.write("--out", file, tmp -> {
            if (file.toString().endsWith(".npy")) {
                Npy.write(tmp, rows);
            } else {
                List<String> lines = new ArrayList<>();
                for (double[] r : rows) {
                    StringBuilder b = new StringBuilder();
                    for (int j = 0; j < r.length; j++) b.append(j == 0 ? "" : ",").append(r[j]);
                    lines.add(b.toString());
                }
                Files.write(tmp, lines);
            }
        });
    }
}
