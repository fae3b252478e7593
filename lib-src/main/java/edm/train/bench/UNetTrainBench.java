package edm.train.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.Digits;
import edm.data.ImageSet;
import edm.data.Mnist;
import edm.data.Split;
import edm.loss.Formulation;
import edm.nn.NoiseEmbedding;
import edm.nn.UNet;
import edm.train.TrainConfig;
import edm.train.TrainLoop;
import java.util.Arrays;
import java.util.Locale;

/**
 * A short EDM training run of a small {@link UNet} through {@link TrainLoop} on the 8x8 digits or an MNIST
 * subset: prints the mean loss of every 10 steps and the steps per second (after 3 warm-up steps, which are
 * in the loss curve but not in the timing). Not a test; run with OMP_NUM_THREADS=2.
 *
 * <p>Arguments: digits|mnist [steps (200)] [batch (64)] [images (2000)] [channels, e.g. 32,64 (32,64)].
 */
public final class UNetTrainBench {
    private UNetTrainBench() {}

    /** Entry point. */
    public static void main(String[] args) {
        String set = args.length > 0 ? args[0] : "digits";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int[] ch = Arrays.stream((args.length > 4 ? args[4] : "32,64").split(",")).mapToInt(Integer::parseInt).toArray();
        ImageSet images = set.equals("mnist") ? Mnist.load(Split.TRAIN) : Digits.load();
        images = images.head(Math.min(n, images.size()));
        Shape sample = new Shape(images.channels(), images.height(), images.width());
        UNet net = new UNet(new UNet.Config(sample, ch, true, 8, NoiseEmbedding.positional(32)));
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(batch).withLr(1e-3, 20).withLogInterval(10);
        System.out.printf(Locale.ROOT, "%s: %d images %s, %s, batch %d, %d steps, OMP=%s%n", images.name(),
                images.size(), sample, net.architecture(), batch, steps, System.getenv("OMP_NUM_THREADS"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = images.images(m);
            try (TrainLoop loop = new TrainLoop(net, Formulation.edm(), data, cfg)) {
                double sum = 0;
                long t0 = 0;
                for (int i = 0; i < steps; i++) {
                    if (i == 3) {
                        t0 = System.nanoTime();
                    }
                    sum += loop.step();
                    if ((i + 1) % 10 == 0) {
                        System.out.printf(Locale.ROOT, "steps %4d-%4d: mean loss %.4f  grad norm %.3f%n", i - 8,
                                i + 1, sum / 10, loop.lastGradNorm());
                        sum = 0;
                    }
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%d timed steps in %.1f s = %.3f steps/s = %.0f images/s%n", steps - 3,
                        sec, (steps - 3) / sec, (steps - 3) * batch / sec);
            }
        }
    }
}
