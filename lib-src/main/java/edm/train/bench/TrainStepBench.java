package edm.train.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.loss.Formulation;
import edm.nn.Mlp;
import edm.nn.NoiseEmbedding;
import edm.rand.SampleRng;
import edm.train.TrainConfig;
import edm.train.TrainLoop;
import java.util.Locale;

/**
 * Training steps per second of the MLP denoiser (2D input, width 256, 4 hidden layers, positional
 * embedding of 32 features, batch 4096, EDM loss, Adam) through {@link TrainLoop}. Compare with
 * bench/torch_train_step.py. Not a test; run with OMP_NUM_THREADS=2 MKL_NUM_THREADS=2.
 *
 * <p>Arguments: [timed steps (default 50)] [warm-up steps (default 5)].
 */
public final class TrainStepBench {
    private TrainStepBench() {}

    /** Entry point. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = 4096;
        try (NDManager m = NDManager.newBaseManager()) {
            SampleRng r = new SampleRng(1);
            double[] v = new double[65536 * 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.5 * r.nextGaussian();
            }
            NDArray data = m.create(v, new Shape(65536, 2));
            Mlp net = new Mlp(new Mlp.Config(new Shape(2), 256, 4, NoiseEmbedding.positional(32)));
            TrainConfig cfg = TrainConfig.defaults().withBatchSize(batch).withLr(1e-3, 0).withClipNorm(0);
            try (TrainLoop loop = new TrainLoop(net, Formulation.edm(), data, cfg)) {
                for (int i = 0; i < warm; i++) {
                    loop.step();
                }
                long t0 = System.nanoTime();
                double l = 0;
                for (int i = 0; i < steps; i++) {
                    l = loop.step();
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "djl-edm TrainLoop: %d steps of batch %d in %.3f s = %.2f steps/s"
                        + " (last loss %.4f, threads OMP=%s)%n", steps, batch, sec, steps / sec, l,
                        System.getenv("OMP_NUM_THREADS"));
            }
        }
    }
}
