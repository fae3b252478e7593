package edm.process;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class NoiseProcessTest {
    /** A process with the time range over which it is checked. */
    record Case(NoiseProcess p, double t0, double t1) {}

    static final List<Case> CASES = List.of(
            new Case(NoiseProcess.vp(), 1e-3, 1),
            new Case(NoiseProcess.subVp(), 1e-3, 1),
            new Case(NoiseProcess.ve(), 1e-2, 1e4),
            new Case(NoiseProcess.veGeometric(), 0, 1),
            new Case(NoiseProcess.edm(), 2e-3, 80),
            new Case(NoiseProcess.iddpm(), 2e-3, 80),
            new Case(NoiseProcess.flow(), 1e-2, 0.99));

    static double[] grid(double a, double b, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = a + (b - a) * i / (n - 1);
        }
        return t;
    }

    static double centralDiff(DoubleUnaryOperator f, double t) {
        // h ~ cbrt(machine eps) * scale balances truncation O(h^2) against rounding O(eps/h).
        double h = 1e-5 * Math.max(Math.abs(t), 1e-2);
        return (f.applyAsDouble(t + h) - f.applyAsDouble(t - h)) / (2 * h);
    }

    @Test
    void derivativesMatchCentralDifferences() {
        for (Case c : CASES) {
            NoiseSchedule sched = c.p().schedule();
            Scaling sc = c.p().scaling();
            // Stay off t0 so that t - h is inside the domain.
            for (double t : grid(c.t0() + 0.01 * (c.t1() - c.t0()), c.t1() * 0.999, 101)) {
                double fd = centralDiff(sched::sigma, t);
                assertEquals(fd, sched.sigmaDeriv(t), 1e-6 * Math.abs(fd) + 1e-12, c.p().name() + " sigma' at " + t);
                double fds = centralDiff(sc::s, t);
                assertEquals(fds, sc.sDeriv(t), 1e-6 * Math.abs(fds) + 1e-12, c.p().name() + " s' at " + t);
            }
        }
    }

    @Test
    void inverseUndoesSchedule() {
        for (Case c : CASES) {
            NoiseSchedule sched = c.p().schedule();
            for (double t : grid(c.t0(), c.t1(), 201)) {
                assertEquals(t, sched.sigmaInv(sched.sigma(t)), 1e-10 * Math.max(1, t), c.p().name() + " at " + t);
            }
        }
    }

    /** Composite Simpson rule with an even number of panels. */
    static double simpson(DoubleUnaryOperator f, double a, double b, int panels) {
        double h = (b - a) / panels;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < panels; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }

    /**
     * s(t)/s(t0) = exp(int_{t0}^t f) and sigma(t)^2 - sigma(t0)^2 = int_{t0}^t g^2/s^2. The lower end
     * t0 > 0 avoids the 0 * infinity of sigma' sigma at t = 0 for VP and sqrt(t); s(0) = 1 and
     * sigma(0) = 0 are asserted separately. Simpson's error O(h^4) is far below 1e-8 at 4000 panels.
     */
    @Test
    void driftAndDiffusionRecoverScalingAndSchedule() {
        for (Case c : CASES) {
            NoiseProcess p = c.p();
            if (p.name().equals("flow")) {
                continue; // sigma -> infinity as t -> 1; checked from t = 0 to 0.9 below
            }
            double t0 = Math.max(c.t0(), 1e-3);
            for (double t : grid(t0 + 0.1 * (c.t1() - t0), c.t1(), 5)) {
                double logS = simpson(p::drift, t0, t, 4000);
                assertEquals(p.s(t) / p.s(t0), Math.exp(logS), 1e-8 * p.s(t) / p.s(t0), p.name());
                double var = simpson(u -> Math.pow(p.diffusion(u) / p.s(u), 2), t0, t, 4000);
                double want = p.sigma(t) * p.sigma(t) - p.sigma(t0) * p.sigma(t0);
                assertEquals(want, var, 1e-8 * want, p.name() + " at " + t);
            }
        }
        NoiseProcess flow = NoiseProcess.flow();
        double var = simpson(u -> Math.pow(flow.diffusion(u) / flow.s(u), 2), 0, 0.9, 4000);
        assertEquals(Math.pow(flow.sigma(0.9), 2), var, 1e-8 * var);
    }

    @Test
    void processesStartAtCleanData() {
        for (NoiseProcess p : List.of(NoiseProcess.vp(), NoiseProcess.subVp(), NoiseProcess.ve(), NoiseProcess.edm(), NoiseProcess.flow())) {
            assertEquals(0, p.sigma(0), 1e-15, p.name());
            assertEquals(1, p.s(0), 1e-15, p.name());
        }
    }

    /** The published SDE coefficients of Score SDE: VP f = -beta/2, g^2 = beta; sub-VP g^2 = beta (1 - e^{-2B}). */
    @Test
    void vpAndSubVpMatchPublishedSdes() {
        double bmin = 0.1;
        double bmax = 20;
        DoubleUnaryOperator beta = t -> bmin + t * (bmax - bmin);
        DoubleUnaryOperator bigB = t -> bmin * t + 0.5 * (bmax - bmin) * t * t;
        for (double t : grid(1e-3, 1, 50)) {
            double b = beta.applyAsDouble(t);
            assertEquals(-b / 2, NoiseProcess.vp().drift(t), 1e-12 * b);
            assertEquals(b, Math.pow(NoiseProcess.vp().diffusion(t), 2), 1e-10 * b);
            assertEquals(-b / 2, NoiseProcess.subVp().drift(t), 1e-12 * b);
            double g2 = b * (1 - Math.exp(-2 * bigB.applyAsDouble(t)));
            assertEquals(g2, Math.pow(NoiseProcess.subVp().diffusion(t), 2), 1e-10 * b);
            // VP's scaling is 1/sqrt(sigma^2 + 1) (EDM Table 1).
            double sig = NoiseProcess.vp().sigma(t);
            assertEquals(1 / Math.sqrt(sig * sig + 1), NoiseProcess.vp().s(t), 1e-14);
        }
        // Independent of the closed forms: integrate the published sub-VP g^2/s^2 with s = e^{-B/2}.
        double t = 0.7;
        double var = simpson(u -> beta.applyAsDouble(u) * (1 - Math.exp(-2 * bigB.applyAsDouble(u)))
                * Math.exp(bigB.applyAsDouble(u)), 0, t, 4000);
        assertEquals(Math.pow(NoiseProcess.subVp().sigma(t), 2), var, 1e-8 * var);
    }

    @Test
    void kernelSnrAndRecursion() {
        NoiseProcess p = NoiseProcess.vp();
        double t = 0.3;
        double[] x0 = {1, -2, 0.5};
        double[] eps = {0.1, 0.2, -0.3};
        double[] x = p.sample(x0, eps, t);
        for (int i = 0; i < 3; i++) {
            assertEquals(p.s(t) * x0[i] + p.std(t) * eps[i], x[i], 1e-15);
        }
        assertEquals(1 / Math.pow(p.sigma(t), 2), p.snr(t), 1e-12);
        // Two recursion steps compose to the kernel: variance s_t^2 sigma_t^2 and mean s_t x0.
        NoiseProcess.Transition a = p.transition(0, 0.2);
        NoiseProcess.Transition b = p.transition(0.2, 0.5);
        assertEquals(p.s(0.5), a.decay() * b.decay(), 1e-14);
        double var = Math.pow(b.decay() * a.noise(), 2) + Math.pow(b.noise(), 2);
        assertEquals(Math.pow(p.std(0.5), 2), var, 1e-14);
        double[] y = p.step(x0, eps, 0.2, 0.5);
        assertEquals(b.decay() * x0[0] + b.noise() * eps[0], y[0], 1e-15);
        var e = assertThrows(IllegalArgumentException.class, () -> p.transition(0.5, 0.2));
        assertTrue(e.getMessage().contains("sigma(t)"));
        e = assertThrows(IllegalArgumentException.class, () -> p.sample(x0, new double[2], t));
        assertTrue(e.getMessage().contains("eps.length"));
    }

    @Test
    void badParametersNameThemselves() {
        var e = assertThrows(IllegalArgumentException.class, () -> NoiseProcess.vp(-1, 0.1));
        assertTrue(e.getMessage().startsWith("betaD"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseProcess.subVp(19.9, Double.NaN));
        assertTrue(e.getMessage().startsWith("betaMin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseProcess.veGeometric(50, 0.01));
        assertTrue(e.getMessage().contains("sigmaMin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.geometric(0, 1));
        assertTrue(e.getMessage().startsWith("sigmaMin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NoiseProcess("x", null, Scaling.one()));
        assertTrue(e.getMessage().startsWith("schedule"), e.getMessage());
    }
}
