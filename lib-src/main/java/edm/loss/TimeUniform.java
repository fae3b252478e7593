package edm.loss;

import edm.Check;
import edm.process.NoiseSchedule;
import java.util.SplittableRandom;

/**
 * t ~ U(t0, t1) pushed through a schedule: sigma = sigma(t). Density by change of variables:
 * p(sigma) = 1/((t1 - t0) sigma'(sigma^-1(sigma))) on [sigma(t0), sigma(t1)].
 * VP (t ~ U(eps_t, 1)) and VE (log-uniform sigma = geometric schedule with t ~ U(0, 1)) are instances.
 */
public final class TimeUniform implements NoiseDistribution {
    private final String name;
    private final NoiseSchedule schedule;
    private final double t0;
    private final double t1;

    /**
     * @param name     label
     * @param schedule an increasing schedule
     * @param t0       lower end of t
     * @param t1       upper end of t, > t0
     */
    public TimeUniform(String name, NoiseSchedule schedule, double t0, double t1) {
        this.name = Check.notNull("name", name);
        this.schedule = Check.notNull("schedule", schedule);
        Check.finite("t0", t0);
        Check.finite("t1", t1);
        Check.ordered("t0", t0, "t1", t1);
        this.t0 = t0;
        this.t1 = t1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double sample(SplittableRandom rng) {
        return schedule.sigma(rng.nextDouble(t0, t1));
    }

    @Override
    public double density(double sigma) {
        if (!(sigma >= schedule.sigma(t0) && sigma <= schedule.sigma(t1))) {
            return 0;
        }
        return 1 / ((t1 - t0) * schedule.sigmaDeriv(schedule.sigmaInv(sigma)));
    }
}
