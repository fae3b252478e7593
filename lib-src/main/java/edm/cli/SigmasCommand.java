package edm.cli;

import edm.Check;
import edm.process.IddpmSigmas;
import edm.sample.Discretization;
import edm.sample.IddpmSteps;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sigmas}: prints a discretization's sigma_0 .. sigma_N, one per line, full precision. */
@Command(name = "sigmas", description = "print the noise levels sigma_0 .. sigma_N of a step discretization")
final class SigmasCommand implements PicoCommand.Body {
    /** The most steps printed: ten million lines. */
    static final int MAX_STEPS = 10_000_000;

    /** The options that apply to each discretization, besides --discretization and --steps. */
    private static final Map<String, List<String>> SPECIFIC = new LinkedHashMap<>();

    static {
        SPECIFIC.put("edm", List.of("--sigma-min", "--sigma-max", "--rho"));
        SPECIFIC.put("vp", List.of("--beta-d", "--beta-min", "--eps-s"));
        SPECIFIC.put("ve", List.of("--sigma-min", "--sigma-max"));
        SPECIFIC.put("iddpm", List.of("--j0"));
        SPECIFIC.put("uniform", List.of("--sigma-min", "--sigma-max"));
        SPECIFIC.put("loguniform", List.of("--sigma-min", "--sigma-max"));
    }

    @Option(names = "--discretization", paramLabel = "edm|vp|ve|iddpm|uniform|loguniform",
            description = "the step sequence (edm)")
    String kind = "edm";
    @Option(names = "--steps", required = true, paramLabel = "N", description = "number of steps N, 1.." + MAX_STEPS)
    int steps;
    @Option(names = "--sigma-min", paramLabel = "X", description = "edm, uniform, loguniform (0.002); ve (0.02)")
    Double sigmaMin;
    @Option(names = "--sigma-max", paramLabel = "X", description = "edm, uniform, loguniform (80); ve (100)")
    Double sigmaMax;
    @Option(names = "--rho", paramLabel = "X", description = "edm (7)")
    Double rho;
    @Option(names = "--beta-d", paramLabel = "X", description = "vp (19.9); beta-d/2 + beta-min <= 709")
    Double betaD;
    @Option(names = "--beta-min", paramLabel = "X", description = "vp (0.1)")
    Double betaMin;
    @Option(names = "--eps-s", paramLabel = "X", description = "vp (0.001), in (0, 1)")
    Double epsS;
    @Option(names = "--j0", paramLabel = "J", description = "iddpm (8)")
    Integer j0;

    private PrintStream out;

    @Override
    public void out(PrintStream o) {
        this.out = o;
    }

    @Override
    public Integer call() {
        Args.choice("--discretization", kind, SPECIFIC.keySet());
        Args.intRange("--steps", steps, 1, MAX_STEPS);
        rejectOthers();
        boolean ve = kind.equals("ve");
        double min = Args.positive("--sigma-min", sigmaMin, ve ? 0.02 : 0.002);
        double max = Args.positive("--sigma-max", sigmaMax, ve ? 100 : 80);
        if (!(min < max)) {
            throw new UsageException("--sigma-min must be < --sigma-max, got " + min + " and " + max);
        }
        Discretization d = switch (kind) {
            case "edm" -> Discretization.edm(min, max, Args.positive("--rho", rho, 7));
            case "vp" -> Discretization.vp(Args.positive("--beta-d", betaD, 19.9), Args.positive("--beta-min", betaMin, 0.1),
                    Args.positive("--eps-s", epsS, 1e-3));
            case "ve" -> Discretization.ve(min, max);
            case "iddpm" -> Discretization.iddpm(new IddpmSigmas(),
                    Check.atLeast("--j0", j0 == null ? IddpmSteps.J0_DEFAULT : j0, 0));
            case "uniform" -> Discretization.uniform(min, max);
            default -> Discretization.logUniform(min, max);
        };
        double[] sigmas = d.sigmas(steps);
        StringBuilder b = new StringBuilder();
        for (double s : sigmas) {
            b.append(s).append('\n');
            if (b.length() > 1 << 16) {
                out.print(b);
                b.setLength(0);
            }
        }
        out.print(b);
        return 0;
    }

    /** An option of another discretization is an error, not silently ignored. */
    private void rejectOthers() {
        List<String> applicable = SPECIFIC.get(kind);
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("--sigma-min", sigmaMin);
        given.put("--sigma-max", sigmaMax);
        given.put("--rho", rho);
        given.put("--beta-d", betaD);
        given.put("--beta-min", betaMin);
        given.put("--eps-s", epsS);
        given.put("--j0", j0);
        for (var e : given.entrySet()) {
            if (e.getValue() != null && !applicable.contains(e.getKey())) {
                throw new UsageException("option " + e.getKey() + " does not apply to --discretization " + kind
                        + " (its options: " + String.join(", ", applicable) + ")");
            }
        }
    }
}
