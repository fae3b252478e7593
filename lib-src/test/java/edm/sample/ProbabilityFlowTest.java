package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import edm.process.NoiseProcess;
import org.junit.jupiter.api.Test;

class ProbabilityFlowTest {
    static final double C = 0.5;

    /** Ideal denoiser of Gaussian data N(0, c^2): D(x; sigma) = c^2/(c^2 + sigma^2) x. */
    static double[] gaussian(double[] x, double sigma) {
        double k = C * C / (C * C + sigma * sigma);
        return new double[] {k * x[0]};
    }

    @Test
    void edmGaussianClosedForm() {
        // dx/dsigma = (x - D)/sigma = sigma x/(c^2 + sigma^2), so x(sigma) = x(sigma0) sqrt((c^2 + sigma^2)/(c^2 + sigma0^2)).
        var ode = new ProbabilityFlow(NoiseProcess.edm(), ProbabilityFlowTest::gaussian);
        double x0 = 40;
        // Geometric time grid (RK4 steps proportional to sigma), where the uniform grid would be coarse near 0.
        double[] times = new double[41];
        for (int k = 0; k <= 40; k++) {
            times[k] = 80 * Math.pow(0.01 / 80, k / 40.0);
        }
        double[][] tr = ode.trajectory(new double[] {x0}, times, 50);
        for (int k = 0; k <= 40; k++) {
            double want = x0 * Math.sqrt((C * C + times[k] * times[k]) / (C * C + 6400));
            assertEquals(want, tr[k][0], 1e-12 * Math.abs(x0), "sigma = " + times[k]);
        }
    }

    @Test
    void vpGaussianClosedForm() {
        // x_t = s(t) x_hat with x_hat on the sigma-ODE above: x(t) = s(t) sqrt(c^2 + sigma(t)^2) * const.
        NoiseProcess vp = NoiseProcess.vp();
        var ode = new ProbabilityFlow(vp, ProbabilityFlowTest::gaussian);
        double t0 = 1;
        double t1 = 0.01;
        double x0 = 0.8;
        double[] x = ode.solve(new double[] {x0}, t0, t1, 4000);
        double k = x0 / (vp.s(t0) * Math.sqrt(C * C + Math.pow(vp.sigma(t0), 2)));
        assertEquals(k * vp.s(t1) * Math.sqrt(C * C + Math.pow(vp.sigma(t1), 2)), x[0], 1e-9);
    }

    @Test
    void edmTangentPointsAtDenoiser() {
        // With sigma = t, s = 1 the tangent is (x - D)/sigma: following it for a time sigma lands on D.
        var ode = new ProbabilityFlow(NoiseProcess.edm(), ProbabilityFlowTest::gaussian);
        double sigma = 3;
        double[] x = {2};
        double v = ode.velocity(x, sigma)[0];
        assertEquals(gaussian(x, sigma)[0], x[0] - sigma * v, 1e-14);
    }

    @Test
    void trajectoryRowsAreConsistent() {
        var ode = new ProbabilityFlow(NoiseProcess.edm(), ProbabilityFlowTest::gaussian);
        double[][] tr = ode.trajectory(new double[] {1}, new double[] {10, 5, 1}, 200);
        assertEquals(3, tr.length);
        assertEquals(ode.solve(new double[] {1}, 10, 5, 200)[0], tr[1][0], 1e-15);
    }
}
