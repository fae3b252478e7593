package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import edm.denoise.GaussianData;
import edm.loss.DenoisingLoss;
import edm.loss.Formulation;
import edm.nn.Mlp;
import edm.nn.NetworkDenoiser;
import edm.nn.NoiseEmbedding;
import edm.nn.UNet;
import edm.process.DiscreteDdpm;
import edm.rand.SampleRng;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TrainLoopTest {
    static final TrainConfig SMALL = TrainConfig.defaults().withBatchSize(64).withLogInterval(5);

    static Mlp mlp(int dim, int width) {
        return new Mlp(Mlp.Config.of(new Shape(dim)).withSize(width, 2));
    }

    static NDArray normalData(NDManager m, int n, int d, double mu, double sd, long seed) {
        SampleRng r = new SampleRng(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = mu + sd * r.nextGaussian();
        }
        return m.create(v, new Shape(n, d));
    }

    @Test
    void edmLossOfAZeroNetworkIsOneInExpectation() {
        // F = 0 gives per-sample loss mean_j (y_j - c_skip x_j)^2 / c_out^2, whose expectation is exactly 1
        // for data with std sigma_data = 0.5 at every sigma. 4096 samples x 64 dims: the std of the batch
        // mean is about sqrt(2/64/4096) = 0.003, so 0.02 is > 6 standard deviations.
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp net = mlp(64, 16);
            try (TrainLoop loop = new TrainLoop(net, Formulation.edm(), normalData(m, 4096, 64, 0, 0.5, 1),
                    TrainConfig.defaults().withBatchSize(4096))) {
                for (Pair<String, Parameter> p : net.getParameters()) {
                    p.getValue().getArray().muli(0);
                }
                assertEquals(1.0, loop.step(), 0.02);
            }
        }
    }

    @Test
    void aCouplingReplacesTheFreshNoise() {
        // Flow matching with F = 0 (kept there by a learning rate of 1e-30): c_skip = 1/(1+sigma), c_out = sigma/(1+sigma) and weight 1 make the
        // per-sample loss mean_j (y_j - z_j)^2 exactly, whatever sigma is drawn. Coupled with z = y + 0.3
        // the batch loss is 0.09 (to float32 rounding); with fresh noise it is E[(y - eps)^2] = 1.25 on
        // data of std 0.5, and rebinding the coupling to z = y gives 0.
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp net = mlp(8, 16);
            NDArray data = normalData(m, 256, 8, 0, 0.5, 3);
            try (TrainLoop loop = new TrainLoop(net, Formulation.flow(), data, SMALL.withLr(1e-30, 0))) {
                for (Pair<String, Parameter> p : net.getParameters()) {
                    p.getValue().getArray().muli(0);
                }
                assertEquals(1.25, loop.step(), 0.15, "fresh noise");
                assertEquals(0.09, loop.coupled(data.add(0.3)).step(), 1e-5, "coupled to y + 0.3");
                assertEquals(0.0, loop.coupled(data).step(), 1e-6, "coupled to y");
            }
        }
    }

    @Test
    void aCouplingMustHaveTheDataShape() {
        try (NDManager m = NDManager.newBaseManager();
                TrainLoop loop = new TrainLoop(mlp(2, 8), Formulation.flow(), normalData(m, 16, 2, 0, 1, 1), SMALL)) {
            NDArray wrong = normalData(m, 15, 2, 0, 1, 2);
            var e = assertThrows(IllegalArgumentException.class, () -> loop.coupled(wrong));
            assertTrue(e.getMessage().contains("noise") && e.getMessage().contains("(15, 2)"), e.getMessage());
        }
    }

    @Test
    void tinyMlpLearnsTheExactDenoiserOfA2dGaussian() {
        // 300 steps of batch 128 on N(mu, diag(c^2)); the trained D is compared with the exact
        // D = mu + c^2/(c^2 + sigma^2)(x - mu) on 512 noisy points per sigma. Tolerance: RMS error < 0.05
        // (a tenth of the larger data std) and at most half of the error at initialization.
        double[] mu = {0.4, -0.3};
        double[] c = {0.5, 0.25};
        double[] sigmas = {0.1, 0.5, 2.0};
        GaussianData g = new GaussianData(mu, c);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = g.sample(m, 4096, 11);
            TrainConfig cfg = TrainConfig.defaults().withBatchSize(128).withLr(1e-2, 20).withLogInterval(50);
            try (TrainLoop loop = new TrainLoop(mlp(2, 32), Formulation.edm(), data, cfg)) {
                double[] before = new double[sigmas.length];
                for (int i = 0; i < sigmas.length; i++) {
                    before[i] = rmsError(loop.denoiser(), g, m, sigmas[i]);
                }
                Table h = loop.run(300);
                double first = h.doubleColumn("loss").get(0);
                double last = h.doubleColumn("loss").get(h.rowCount() - 1);
                assertTrue(last < first, "loss " + first + " -> " + last);
                for (int i = 0; i < sigmas.length; i++) {
                    double after = rmsError(loop.denoiser(), g, m, sigmas[i]);
                    System.out.printf("sigma %.1f: rms |D - D_exact| %.4f -> %.4f%n", sigmas[i], before[i], after);
                    assertTrue(after < 0.05 && after < 0.5 * before[i],
                            "sigma " + sigmas[i] + ": rms |D - D_exact| " + before[i] + " -> " + after);
                }
            }
        }
    }

    private static double rmsError(NetworkDenoiser d, GaussianData g, NDManager m, double sigma) {
        NDArray x = g.sample(m, 512, 99).add(normalData(m, 512, 2, 0, sigma, 98));
        return Math.sqrt(d.denoise(x, sigma).sub(g.denoise(x, sigma)).square().mean().getDouble());
    }

    @Test
    void everyFormulationTrainsWithFiniteLossAndFillsTheHistory() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = normalData(m, 256, 2, 0, 0.5, 2);
            List<DenoisingLoss> losses = List.of(Formulation.vp().loss(), Formulation.ve().loss(),
                    Formulation.iddpm().loss(), Formulation.edm().loss(), DenoisingLoss.lSimple(new DiscreteDdpm()));
            for (DenoisingLoss l : losses) {
                try (TrainLoop loop = new TrainLoop(mlp(2, 16), l, data, SMALL)) {
                    Table t = loop.run(5);
                    assertEquals(1, t.rowCount(), l.precond().name());
                    assertEquals(5 + 8, t.columnCount());
                    assertTrue(Double.isFinite(t.doubleColumn("loss").get(0)), l.precond().name());
                }
            }
        }
    }

    @Test
    void unetTrainsOn8x8ImagesThroughTheLoop() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = normalData(m, 32, 64, 0, 0.5, 12).reshape(32, 1, 8, 8);
            UNet net = new UNet(new UNet.Config(new Shape(1, 8, 8), new int[] {8, 16}, true, 4,
                    NoiseEmbedding.positional(16)));
            try (TrainLoop loop = new TrainLoop(net, Formulation.edm(), data, SMALL.withBatchSize(4))) {
                double l0 = loop.step();
                double l1 = loop.step();
                assertTrue(Double.isFinite(l0) && Double.isFinite(l1));
                assertTrue(loop.lastGradNorm() > 0);
                NDArray d = loop.emaDenoiser().denoise(data.get("0:2").toType(ai.djl.ndarray.types.DataType.FLOAT64,
                        false), 0.3);
                assertEquals(new Shape(2, 1, 8, 8), d.getShape());
            }
        }
    }

    @Test
    void mlpThenUnetInOneJvmNeverGivesNanGradients() {
        // Regression for the U-Net NaN gradients: they appeared on the U-Net's first step when another network
        // had trained before (garbage collection then freed a scalar autograd still needed; see edm.nn.Scalar).
        // Each round trains an Mlp, collects garbage, then takes U-Net steps; any NaN throws
        // TrainingDivergedException naming the step and parameter.
        for (int round = 0; round < 4; round++) {
            try (NDManager m = NDManager.newBaseManager()) {
                try (TrainLoop loop = new TrainLoop(mlp(2, 16), Formulation.edm(),
                        normalData(m, 256, 2, 0, 0.5, 20 + round), SMALL)) {
                    loop.run(5);
                }
                System.gc();
                NDArray data = normalData(m, 16, 64, 0, 0.5, 30 + round).reshape(16, 1, 8, 8);
                UNet net = new UNet(new UNet.Config(new Shape(1, 8, 8), new int[] {8, 16}, true, 4,
                        NoiseEmbedding.positional(16)));
                try (TrainLoop loop = new TrainLoop(net, Formulation.edm(), data, SMALL.withBatchSize(4))) {
                    for (int k = 0; k < 2; k++) {
                        assertTrue(Double.isFinite(loop.step()), "round " + round + " step " + k);
                        assertTrue(Double.isFinite(loop.lastGradNorm()) && loop.lastGradNorm() > 0,
                                "round " + round + " step " + k + ": grad norm " + loop.lastGradNorm());
                    }
                }
            }
        }
    }

    @Test
    void nanInTheDataStopsAtTheStepWhereItAppears() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = normalData(m, 64, 2, 0, 0.5, 3);
            data.set(new ai.djl.ndarray.index.NDIndex("40, 1"), Double.NaN);
            try (TrainLoop loop = new TrainLoop(mlp(2, 16), Formulation.edm(), data, SMALL.withBatchSize(8))) {
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.run(20));
                assertTrue(e.getMessage().contains("step " + e.step()), e.getMessage());
                assertEquals(loop.stepCount(), e.step(), "steps before the failing one all completed");
                assertTrue(e.step() < 8, "row 40 is in the first epoch of 8 steps");
            }
        }
    }

    @Test
    void hugeLearningRateDivergesWithTheStepNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = normalData(m, 256, 2, 0, 0.5, 4);
            TrainConfig cfg = SMALL.withLr(1e6, 0).withClipNorm(0);
            try (TrainLoop loop = new TrainLoop(mlp(2, 16), Formulation.edm(), data, cfg)) {
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.run(200));
                assertTrue(e.getMessage().matches("training diverged at step \\d+: .*"), e.getMessage());
                assertEquals(loop.stepCount(), e.step());
            }
        }
    }

    @Test
    void configRejectsBadValuesByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withBatchSize(0));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withLr(-1, 0));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        assertEquals(0.5e-3, TrainConfig.defaults().lrAt(49), 1e-15);
        assertEquals(1e-3, TrainConfig.defaults().lrAt(500), 1e-15);
    }
}
