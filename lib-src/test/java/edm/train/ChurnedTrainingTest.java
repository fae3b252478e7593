package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.GaussianMixture;
import edm.loss.Formulation;
import edm.nn.Mlp;
import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every training step must compute the same numbers whatever the garbage collector does meanwhile: each
 * run below is repeated under {@link HeapChurn} and must match the calm run bit for bit. Before the
 * constants of the score-matching and reverse-chain objectives were engine-owned, ISM stopped with a NaN
 * gradient within a few steps under churn (and once in CI without it).
 */
class ChurnedTrainingTest {
    static final GaussianMixture MIX = GaussianMixture.isotropic(new double[] {0.5, 0.5},
            new double[][] {{-1, 0}, {1, 0}}, new double[] {0.4, 0.4});

    static double[] calmThenChurned(Supplier<double[]> run) throws InterruptedException {
        double[] calm = run.get();
        try (HeapChurn churn = HeapChurn.start()) {
            assertArrayEquals(calm, run.get(), "losses under heap churn");
        }
        return calm;
    }

    static double[] scoreMatching(ScoreMatching.Objective o, NDArray data) {
        Mlp net = new Mlp(Mlp.Config.of(new Shape(2)).withSize(32, 2));
        var cfg = ScoreMatching.Config.of(o, 0.2).withSteps(40).withBatchSize(64).withLr(5e-3).withSeed(3);
        try (var sm = new ScoreMatching(net, cfg, data, x -> MIX.score(x, 1e-6))) {
            return sm.run().doubleColumn("loss").asDoubleArray();
        }
    }

    @Test
    void scoreMatchingObjectives() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = MIX.sample(m, 1000, 1);
            for (var o : ScoreMatching.Objective.values()) {
                double[] losses = calmThenChurned(() -> scoreMatching(o, data));
                assertTrue(Double.isFinite(losses[losses.length - 1]), o + " finite");
            }
        }
    }

    @Test
    void reverseChainBound() throws InterruptedException {
        SplittableRandom r = new SplittableRandom(1);
        double[][] data = new double[256][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {r.nextGaussian(), 0.5 * r.nextGaussian()};
        }
        double[] betas = new double[20];
        for (int t = 0; t < betas.length; t++) {
            betas[t] = 0.01 + 0.2 * t / (betas.length - 1);
        }
        DiscreteDdpm chain = DiscreteDdpm.ofBetas(betas);
        calmThenChurned(() -> {
            try (var model = new GaussianReverseChain(chain, 2, 16, 2, 7)) {
                return model.train(data, 30, 64, 3e-3);
            }
        });
    }

    @Test
    void denoiserTrainingLoop() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = MIX.sample(m, 1000, 2).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            for (Formulation f : new Formulation[] {Formulation.vp(), Formulation.edm(), Formulation.flow()}) {
                calmThenChurned(() -> {
                    try (TrainLoop loop = new TrainLoop(new Mlp(Mlp.Config.of(new Shape(2)).withSize(32, 2)), f, data,
                            TrainConfig.defaults().withBatchSize(64))) {
                        double[] l = new double[30];
                        for (int i = 0; i < l.length; i++) {
                            l[i] = loop.step();
                        }
                        return l;
                    }
                });
            }
        }
    }
}
