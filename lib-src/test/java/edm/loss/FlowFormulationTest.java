package edm.loss;

import static org.junit.jupiter.api.Assertions.*;

import edm.sample.Discretization;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowFormulationTest {
    @Test
    void effectiveWeightIsOne() {
        DenoisingLoss loss = Formulation.flow().loss();
        for (double s : new double[] {1e-3, 0.1, 1, 10, 1e3}) {
            assertEquals(1, loss.effectiveWeight(s), 1e-12, "sigma " + s);
        }
    }

    @Test
    void edmFormLossIsTheFlowMatchingLoss() {
        // For any velocity v: lambda ||D - y||^2 = ||v - (eps - y)||^2 (means over coordinates), and the
        // F-space target is eps - y.
        DenoisingLoss loss = Formulation.flow().loss();
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < 20; k++) {
            double t = r.nextDouble(0.01, 0.99);
            double sigma = t / (1 - t);
            double[] y = {r.nextGaussian(), r.nextGaussian()};
            double[] eps = {r.nextGaussian(), r.nextGaussian()};
            double[] n = {sigma * eps[0], sigma * eps[1]};
            double[] v = {r.nextGaussian(), r.nextGaussian()};
            double fm = 0;
            for (int j = 0; j < 2; j++) {
                fm += (v[j] - (eps[j] - y[j])) * (v[j] - (eps[j] - y[j])) / 2;
            }
            double edm = loss.loss(y, n, sigma, (in, c) -> v);
            assertEquals(fm, edm, 1e-9 * (1 + fm), "t " + t);
            double[] target = loss.target(y, n, sigma);
            assertEquals(eps[0] - y[0], target[0], 1e-9);
            assertEquals(eps[1] - y[1], target[1], 1e-9);
        }
    }

    @Test
    void pTrainIsUniformInTime() {
        NoiseDistribution p = NoiseDistribution.flow();
        SplittableRandom r = new SplittableRandom(1);
        int n = 200000;
        int below = 0;
        for (int i = 0; i < n; i++) {
            double s = p.sample(r);
            if (s / (1 + s) < 0.25) {
                below++;
            }
        }
        // P(t < 0.25) = (0.25 - 1e-4)/(1 - 2e-4); binomial standard error ~ 0.001
        assertEquals((0.25 - 1e-4) / (1 - 2e-4), below / (double) n, 0.005);
        assertEquals(1 / ((1 - 2e-4) * 4.0), p.density(1.0), 1e-12);
    }

    @Test
    void flowStepsAreUniformInTime() {
        double[] s = Discretization.flow(1e-3).sigmas(4);
        assertEquals(5, s.length);
        assertEquals(0, s[4]);
        for (int i = 0; i < 4; i++) {
            assertEquals((1 - 1e-3) * (4 - i) / 4.0, s[i] / (1 + s[i]), 1e-12);
        }
    }
}
