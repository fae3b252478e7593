package edm.loss;

import edm.Check;
import java.util.SplittableRandom;

/**
 * Uniform over a finite table of levels: sigma = levels[j], j ~ U{0..K-1} (iDDPM's u_j, DDPM's sigma_t).
 * {@link #density} is the probability mass of a level (its multiplicity / K), 0 off the table.
 */
public final class DiscreteUniform implements NoiseDistribution {
    private final String name;
    private final double[] levels;

    /**
     * @param name   label
     * @param levels positive finite levels, at least one
     */
    public DiscreteUniform(String name, double[] levels) {
        this.name = Check.notNull("name", name);
        Check.notNull("levels", levels);
        Check.atLeast("levels.length", levels.length, 1);
        for (int j = 0; j < levels.length; j++) {
            Check.positive("levels[" + j + "]", levels[j]);
        }
        this.levels = levels.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double sample(SplittableRandom rng) {
        return levels[rng.nextInt(levels.length)];
    }

    @Override
    public double density(double sigma) {
        int count = 0;
        for (double l : levels) {
            if (l == sigma) {
                count++;
            }
        }
        return (double) count / levels.length;
    }

    /** A copy of the levels. */
    public double[] levels() {
        return levels.clone();
    }
}
