package edm.cli;

import edm.process.IddpmSigmas;
import edm.sample.Discretization;
import edm.sample.IddpmSteps;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code sigmas}: prints a discretization's sigma_0 .. sigma_N, one per line, full precision. */
public final class SigmasCommand implements Command {
    private static final Set<String> KINDS = Set.of("edm", "vp", "ve", "iddpm", "uniform", "loguniform");

    /** The options that apply to each discretization, besides --discretization and --steps. */
    private static final Map<String, List<String>> SPECIFIC = Map.of(
            "edm", List.of("sigma-min", "sigma-max", "rho"),
            "vp", List.of("beta-d", "beta-min", "eps-s"),
            "ve", List.of("sigma-min", "sigma-max"),
            "iddpm", List.of("j0"),
            "uniform", List.of("sigma-min", "sigma-max"),
            "loguniform", List.of("sigma-min", "sigma-max"));

    private static final Set<String> ALL = Set.of("discretization", "steps", "sigma-min", "sigma-max", "rho",
            "beta-d", "beta-min", "eps-s", "j0");

    @Override
    public String name() {
        return "sigmas";
    }

    @Override
    public String description() {
        return "print the noise levels sigma_0 .. sigma_N of a step discretization";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: sigmas --discretization edm|vp|ve|iddpm|uniform|loguniform --steps N [options]",
                "  --sigma-min X, --sigma-max X   edm (0.002, 80), ve (0.02, 100), uniform/loguniform (0.002, 80)",
                "  --rho X                        edm (7)",
                "  --beta-d X --beta-min X --eps-s X   vp (19.9, 0.1, 0.001)",
                "  --j0 J                         iddpm (8)");
    }

    @Override
    public int run(String[] args, PrintStream out) {
        Options o = Options.parse(args, ALL);
        String kind = o.choice("discretization", "edm", new TreeSet<>(KINDS));
        int n = o.integer("steps", null, 1);
        Set<String> applicable = new HashSet<>(SPECIFIC.get(kind));
        applicable.add("discretization");
        applicable.add("steps");
        o.rejectAllBut(applicable, "--discretization " + kind);
        boolean ve = kind.equals("ve");
        double sigmaMin = o.positive("sigma-min", ve ? 0.02 : 0.002);
        double sigmaMax = o.positive("sigma-max", ve ? 100 : 80);
        if (!(sigmaMin < sigmaMax)) {
            throw new UsageException("--sigma-min must be < --sigma-max, got " + sigmaMin + " and " + sigmaMax);
        }
        Discretization d = switch (kind) {
            case "edm" -> Discretization.edm(sigmaMin, sigmaMax, o.positive("rho", 7));
            case "vp" -> Discretization.vp(o.positive("beta-d", 19.9), o.positive("beta-min", 0.1),
                    o.positive("eps-s", 1e-3));
            case "ve" -> Discretization.ve(sigmaMin, sigmaMax);
            case "iddpm" -> Discretization.iddpm(new IddpmSigmas(), o.integer("j0", IddpmSteps.J0_DEFAULT, 0));
            case "uniform" -> Discretization.uniform(sigmaMin, sigmaMax);
            default -> Discretization.logUniform(sigmaMin, sigmaMax);
        };
        for (double s : d.sigmas(n)) {
            out.println(Double.toString(s));
        }
        return 0;
    }
}
