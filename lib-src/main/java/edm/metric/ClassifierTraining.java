package edm.metric;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import edm.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Trains a classifier network with softmax cross-entropy and Adam on the CPU, deterministically:
 * the engine's random seed fixes the initial weights (Xavier), and epoch e visits the training
 * images in the order of a Fisher-Yates permutation drawn from {@code SplittableRandom(seed + e)}.
 * Returns the trained parameters in DJL's own binary format ({@link Block#saveParameters}).
 */
final class ClassifierTraining {
    private ClassifierTraining() {}

    /** Training settings: epochs, batch size, Adam's learning rate and the seed. */
    record Settings(int epochs, int batchSize, float learningRate, int seed) {}

    static byte[] train(Block net, ImageSet train, Settings s) {
        Engine.getInstance().setRandomSeed(s.seed());
        int n = train.size();
        int dim = train.dim();
        Shape image = new Shape(train.channels(), train.height(), train.width());
        float[] pixels = new float[n * dim];
        for (int i = 0; i < n; i++) System.arraycopy(train.image(i), 0, pixels, i * dim, dim);
        int[] labels = train.labels();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(s.learningRate()))
                        .build())
                .optDevices(new Device[] {Device.cpu()});
        try (Model model = Model.newInstance("feature-classifier", Device.cpu())) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(s.batchSize()).addAll(image));
                for (int epoch = 0; epoch < s.epochs(); epoch++) {
                    int[] order = Subsets.draw(new SplittableRandom(s.seed() + epoch), n, n);
                    for (int start = 0; start < n; start += s.batchSize()) {
                        int b = Math.min(s.batchSize(), n - start);
                        float[] xb = new float[b * dim];
                        float[] yb = new float[b];
                        for (int i = 0; i < b; i++) {
                            int k = order[start + i];
                            System.arraycopy(pixels, k * dim, xb, i * dim, dim);
                            yb[i] = labels[k];
                        }
                        step(trainer, xb, yb, new Shape(b).addAll(image));
                    }
                }
            }
            return save(net);
        }
    }

    private static void step(Trainer trainer, float[] xb, float[] yb, Shape shape) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = m.create(xb, shape);
            NDArray y = m.create(yb);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                gc.backward(loss);
            }
            trainer.step();
        }
    }

    static byte[] save(Block net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the classifier's parameters", e);
        }
        return bytes.toByteArray();
    }
}
