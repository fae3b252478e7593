package edm.loss;

import edm.Check;
import edm.sample.Steps;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * EDM Table 1 rendered from live {@link Formulation} objects as Tablesaw tables: one column per
 * formulation, one row per design choice, every number computed by the objects themselves.
 */
public final class FormulationTable {
    /** Row labels of {@link #at}, in order. */
    public static final List<String> QUANTITIES = List.of("t = sigma^-1(sigma)", "sigma(t)", "s(t)", "c_skip",
            "c_out", "c_in", "c_noise", "lambda", "lambda c_out^2", "p_train(sigma)");

    private FormulationTable() {}

    /** The named components of each column (process, steps, preconditioning, p_train). */
    public static Table components(List<Formulation> columns) {
        Check.notNull("columns", columns);
        Table t = Table.create("EDM Table 1: components",
                StringColumn.create("component", "process", "sigma(t)", "s(t)", "steps", "preconditioning",
                        "p_train"));
        for (Formulation f : columns) {
            t.addColumns(StringColumn.create(f.name(), f.process().name(), f.process().schedule().name(),
                    f.process().scaling().name(), f.discretization().name(), f.precond().name(), f.pTrain().name()));
        }
        return t;
    }

    /**
     * Every design choice evaluated at one noise level: t = sigma^-1(sigma), then sigma(t) (a round
     * trip), s(t), c_skip, c_out, c_in, c_noise, lambda, the effective weight lambda c_out^2 and the
     * p_train density (probability mass for a discrete p_train) at sigma. Rows follow {@link #QUANTITIES}.
     */
    public static Table at(double sigma, List<Formulation> columns) {
        Check.positive("sigma", sigma);
        Check.notNull("columns", columns);
        Table t = Table.create("EDM Table 1 at sigma = " + sigma, StringColumn.create("quantity", QUANTITIES));
        for (Formulation f : columns) {
            t.addColumns(DoubleColumn.create(f.name(), values(f, sigma)));
        }
        return t;
    }

    /** The values of {@link #at} for one formulation, in the order of {@link #QUANTITIES}. */
    public static double[] values(Formulation f, double sigma) {
        double time = f.process().schedule().sigmaInv(sigma);
        var p = f.precond();
        return new double[] {time, f.process().sigma(time), f.process().s(time), p.cSkip(sigma), p.cOut(sigma),
            p.cIn(sigma), p.cNoise(sigma), f.lambda().lambda(sigma), f.loss().effectiveWeight(sigma),
            f.pTrain().density(sigma)};
    }

    /** The step sequences sigma_0 .. sigma_N of each column for N steps (row i is step i). */
    public static Table steps(int n, List<Formulation> columns) {
        Check.notNull("columns", columns);
        int[] idx = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            idx[i] = i;
        }
        Table t = Table.create("steps sigma_i, N = " + n, IntColumn.create("i", idx));
        for (Formulation f : columns) {
            Steps s = Steps.of(f.discretization(), n, f.process().schedule());
            t.addColumns(DoubleColumn.create(f.name() + " sigma_i", s.sigma()),
                    DoubleColumn.create(f.name() + " t_i", s.t()));
        }
        return t;
    }
}
