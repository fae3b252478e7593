package edm.train;

import edm.Check;

/**
 * Training hyper-parameters.
 *
 * @param batchSize   samples per step B
 * @param steps       optimizer steps of {@link TrainLoop#run()}
 * @param lr          peak Adam learning rate
 * @param warmupSteps linear ramp-up: lr_k = lr min(1, (k + 1)/warmupSteps) at step k (0 = none)
 * @param emaHalflife EMA half-life in samples (EDM's ema_halflife_kimg x 1000): beta = 0.5^(B/halflife)
 * @param emaRampup   EDM's ema_rampup_ratio: the half-life is min(halflife, rampup x samples seen); 0 = off
 * @param clipNorm    maximum global gradient norm (0 = no clipping)
 * @param seed        seed of the weights, the data order, sigma and the noise
 * @param logInterval steps per row of the loss history
 * @param sigmaBins   number of ln sigma buckets of the history (on [ln 0.002, ln 80])
 */
public record TrainConfig(int batchSize, int steps, double lr, int warmupSteps, double emaHalflife, double emaRampup,
        double clipNorm, long seed, int logInterval, int sigmaBins) {

    /** Validates the arguments. */
    public TrainConfig {
        Check.atLeast("batchSize", batchSize, 1);
        Check.atLeast("steps", steps, 0);
        Check.positive("lr", lr);
        Check.atLeast("warmupSteps", warmupSteps, 0);
        Check.positive("emaHalflife", emaHalflife);
        Check.nonNegative("emaRampup", emaRampup);
        Check.nonNegative("clipNorm", clipNorm);
        Check.atLeast("logInterval", logInterval, 1);
        Check.atLeast("sigmaBins", sigmaBins, 1);
    }

    /**
     * Small-run defaults: B = 256, 2000 steps, lr = 1e-3 with 100 warm-up steps, EMA half-life 10^4
     * samples with EDM's ramp-up 0.05, clip at norm 10, seed 0, a row every 50 steps, 8 sigma buckets.
     */
    public static TrainConfig defaults() {
        return new TrainConfig(256, 2000, 1e-3, 100, 1e4, 0.05, 10, 0, 50, 8);
    }

    /** With another batch size. */
    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(b, steps, lr, warmupSteps, emaHalflife, emaRampup, clipNorm, seed, logInterval, sigmaBins);
    }

    /** With another number of steps. */
    public TrainConfig withSteps(int n) {
        return new TrainConfig(batchSize, n, lr, warmupSteps, emaHalflife, emaRampup, clipNorm, seed, logInterval, sigmaBins);
    }

    /** With another learning rate and warm-up. */
    public TrainConfig withLr(double rate, int warmup) {
        return new TrainConfig(batchSize, steps, rate, warmup, emaHalflife, emaRampup, clipNorm, seed, logInterval, sigmaBins);
    }

    /** With another EMA half-life (samples) and ramp-up ratio. */
    public TrainConfig withEma(double halflife, double rampup) {
        return new TrainConfig(batchSize, steps, lr, warmupSteps, halflife, rampup, clipNorm, seed, logInterval, sigmaBins);
    }

    /** With another clipping norm (0 = off). */
    public TrainConfig withClipNorm(double c) {
        return new TrainConfig(batchSize, steps, lr, warmupSteps, emaHalflife, emaRampup, c, seed, logInterval, sigmaBins);
    }

    /** With another seed. */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(batchSize, steps, lr, warmupSteps, emaHalflife, emaRampup, clipNorm, s, logInterval, sigmaBins);
    }

    /** With another log interval. */
    public TrainConfig withLogInterval(int n) {
        return new TrainConfig(batchSize, steps, lr, warmupSteps, emaHalflife, emaRampup, clipNorm, seed, n, sigmaBins);
    }

    /** The learning rate at step k (0-based): lr min(1, (k + 1)/warmupSteps). */
    public double lrAt(long k) {
        return warmupSteps == 0 ? lr : lr * Math.min(1.0, (k + 1) / (double) warmupSteps);
    }
}
