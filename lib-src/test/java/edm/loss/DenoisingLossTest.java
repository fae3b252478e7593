package edm.loss;

import static org.junit.jupiter.api.Assertions.*;

import edm.precond.Preconditioning;
import edm.process.DiscreteDdpm;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class DenoisingLossTest {
    static final double SD = 0.5;

    /**
     * Tolerance for a sample variance of N Gaussian values with true variance 1: its standard error is
     * sqrt(2/(N-1)) (Var(s^2) = 2 sigma^4/(N-1) for normal data), and we allow 5 standard errors,
     * so a correct formula fails with probability below 1e-6 (and the seed is fixed anyway).
     */
    static double varianceTolerance(int n) {
        return 5 * Math.sqrt(2.0 / (n - 1));
    }

    static double sampleVariance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (v.length - 1);
    }

    @Test
    void edmInputsAndTargetsHaveUnitVariance() {
        int n = 100_000;
        SplittableRandom rng = new SplittableRandom(42);
        DenoisingLoss loss = Formulation.edm().loss();
        Preconditioning p = loss.precond();
        for (double sigma : new double[] {0.002, 0.05, 0.5, 2, 80}) {
            double[] y = new double[n];
            double[] noise = new double[n];
            double[] input = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = SD * rng.nextGaussian();
                noise[i] = sigma * rng.nextGaussian();
                input[i] = p.cIn(sigma) * (y[i] + noise[i]);
            }
            double tol = varianceTolerance(n);
            assertEquals(1, sampleVariance(input), tol, "Var(c_in (y + n)) at sigma " + sigma);
            assertEquals(1, sampleVariance(loss.target(y, noise, sigma)), tol, "Var(target) at sigma " + sigma);
        }
    }

    /**
     * With F = 0, D = c_skip x and each element's weighted error is lambda c_out^2 z^2 with z ~ N(0, 1)
     * (unit-variance target), whatever sigma is drawn: mean 1, variance 2. Over K draws of d elements the
     * mean has standard error sqrt(2/(K d)); we allow 5 of them.
     */
    @Test
    void edmLossOfZeroNetworkIsOne() {
        int draws = 20_000;
        int dim = 16;
        SplittableRandom rng = new SplittableRandom(7);
        DenoisingLoss loss = Formulation.edm().loss();
        double sum = 0;
        for (int k = 0; k < draws; k++) {
            double[] y = new double[dim];
            for (int i = 0; i < dim; i++) {
                y[i] = SD * rng.nextGaussian();
            }
            sum += loss.sample(y, rng, (in, c) -> new double[in.length]).loss();
        }
        assertEquals(1, sum / draws, 5 * Math.sqrt(2.0 / (draws * dim)));
    }

    @Test
    void effectiveWeightIsOneForTable1() {
        for (Formulation f : List.of(Formulation.vp(), Formulation.ve(), Formulation.iddpm(), Formulation.edm())) {
            for (double sigma : new double[] {0.01, 0.3, 1, 7, 90}) {
                assertEquals(1, f.loss().effectiveWeight(sigma), 1e-12, f.name() + " " + sigma);
            }
        }
    }

    @Test
    void lossInDAndFSpaceAgree() {
        for (Formulation f : List.of(Formulation.vp(), Formulation.ve(), Formulation.iddpm(), Formulation.edm())) {
            DenoisingLoss loss = f.loss();
            double sigma = 1.7;
            double[] y = {0.3, -0.2, 0.9};
            double[] n = {0.5, 1.1, -2.0};
            double[] fixed = {0.2, -0.7, 0.1};
            double viaD = loss.loss(y, n, sigma, (in, c) -> fixed.clone());
            double viaF = loss.lossF(y, n, sigma, fixed);
            assertEquals(viaD, viaF, 1e-12 * viaD, f.name());
        }
    }

    @Test
    void lSimpleIsEpsError() {
        DiscreteDdpm chain = new DiscreteDdpm();
        DenoisingLoss l = DenoisingLoss.lSimple(chain);
        int t = 300;
        double sigma = chain.sigma(t);
        double[] y = {0.4, -0.9};
        double[] eps = {1.2, -0.3};
        double[] epsTheta = {0.7, 0.1};
        double[] n = {sigma * eps[0], sigma * eps[1]};
        double got = l.loss(y, n, sigma, (xt, c) -> {
            assertEquals(t - 1, c);
            // The model sees x_t = sqrt(alpha_bar) x0 + sqrt(1 - alpha_bar) eps.
            assertEquals(chain.s(t) * y[0] + Math.sqrt(1 - chain.alphaBar(t)) * eps[0], xt[0], 1e-12);
            return epsTheta.clone();
        });
        double want = (Math.pow(eps[0] - epsTheta[0], 2) + Math.pow(eps[1] - epsTheta[1], 2)) / 2;
        assertEquals(want, got, 1e-12);
    }

    static double integrate(DoubleUnaryOperator f, double a, double b, int panels) {
        double h = (b - a) / panels;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < panels; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }

    /** Densities integrate to 1 (in ln sigma, p(sigma) sigma d ln sigma, to resolve the wide ranges). */
    @Test
    void densitiesAreNormalized() {
        for (NoiseDistribution d : List.of(NoiseDistribution.vp(), NoiseDistribution.ve(), NoiseDistribution.edm())) {
            double mass = integrate(u -> d.density(Math.exp(u)) * Math.exp(u), Math.log(1e-8), Math.log(1e4), 200_000);
            assertEquals(1, mass, 1e-3, d.name()); // the VP/VE densities jump at the ends: Simpson is O(h) there
        }
        assertEquals(1.0 / (0.5 * Math.log(100 / 0.02)), NoiseDistribution.ve().density(0.5), 1e-12);
        assertEquals(1.0 / 1000, NoiseDistribution.iddpm().density(new edm.process.IddpmSigmas().u(17)));
        assertEquals(0.0, NoiseDistribution.iddpm().density(0.0));
    }

    /** Sampling agrees with the density: fraction below a point vs the integrated density. */
    @Test
    void samplesFollowDensity() {
        int n = 100_000;
        for (NoiseDistribution d : List.of(NoiseDistribution.vp(), NoiseDistribution.ve(), NoiseDistribution.edm())) {
            SplittableRandom rng = new SplittableRandom(11);
            double q = 0.5;
            int below = 0;
            for (int i = 0; i < n; i++) {
                if (d.sample(rng) < q) {
                    below++;
                }
            }
            double cdf = integrate(u -> d.density(Math.exp(u)) * Math.exp(u), Math.log(1e-8), Math.log(q), 100_000);
            // Binomial standard error sqrt(p(1-p)/n) <= 0.5/sqrt(n); 5 of them, plus the quadrature's 1e-3.
            assertEquals(cdf, (double) below / n, 2.5 / Math.sqrt(n) + 1e-3, d.name());
        }
    }

    @Test
    void seededDrawsRepeat() {
        DenoisingLoss l = Formulation.edm().loss();
        double[] y = {0.1, 0.2};
        var a = l.sample(y, new SplittableRandom(5), (in, c) -> in.clone());
        var b = l.sample(y, new SplittableRandom(5), (in, c) -> in.clone());
        assertEquals(a, b);
    }

    @Test
    void badParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> NoiseDistribution.edm(-1.2, 0));
        assertTrue(e.getMessage().startsWith("pStd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseDistribution.ve(100, 0.02));
        assertTrue(e.getMessage().startsWith("sigmaMin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NoiseDistribution.vp(edm.process.NoiseSchedule.vp(), 0));
        assertTrue(e.getMessage().startsWith("epsT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Weighting.edm(Double.NaN));
        assertTrue(e.getMessage().startsWith("sigmaData"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteUniform("x", new double[] {1, -1}));
        assertTrue(e.getMessage().startsWith("levels[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Formulation.edm().loss().target(new double[2], new double[3], 1));
        assertTrue(e.getMessage().startsWith("n.length"), e.getMessage());
    }
}
