package edm.metric;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.Device;
import edm.Check;
import edm.Workbench;
import edm.data.DataPaths;
import edm.data.Digits;
import edm.data.FashionMnist;
import edm.data.ImageSet;
import edm.data.Mnist;
import edm.data.Split;
import edm.nn.Conv;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A small image classifier per data set whose penultimate layer phi(x) supplies the features for
 * FD and KID, trained once, deterministically, and cached.
 *
 * <p>Networks (ReLU after every hidden layer; softmax cross-entropy, Adam):
 * <ul>
 *   <li>"digits" (8 x 8): x -> flatten -> Linear 128 -> Linear 64 = phi(x) -> Linear 10; 60
 *       epochs, batch 64, learning rate 1e-3, on 1,497 digits; tested on the other 300 (see
 *       {@link #data}).</li>
 *   <li>"mnist", "fashion-mnist" (28 x 28): Conv 3x3 16 -> max-pool 2 -> Conv 3x3 32 -> max-pool 2
 *       -> flatten -> Linear 128 = phi(x) -> Linear 10; 2 epochs, batch 128, learning rate 1e-3 on
 *       the 60,000 training images (quick mode: 1 epoch on the first 10,000, cached separately).</li>
 * </ul>
 * Training runs on the CPU with seed 2022 for the initial weights and seeded data orders, so the
 * same machine reproduces the same parameters. They are written to
 * {@code data/cache/classifiers/<dataset>[-quick]-v2.params} in DJL's own parameter format
 * ({@code Block.saveParameters}), atomically, with a SHA-256 sidecar that is checked on every
 * load; a missing or corrupt file is retrained and rewritten.
 *
 * <p>The features are not Inception features, so distances computed on them are named after the
 * classifier ({@link #metricName()}, e.g. "FD on MNIST-classifier features") and are not
 * comparable with published FIDs. The object owns native memory: close it, or let a notebook's
 * JVM end.
 */
public final class FeatureClassifier implements AutoCloseable {
    /** The data sets with a classifier. */
    public static final List<String> DATASETS = List.of("digits", "mnist", "fashion-mnist");
    /** Seed of the initial weights, the data orders and the digits hold-out permutation. */
    public static final int SEED = 2022;
    /** Digits held out for testing (the last 300 of a seeded permutation of the 1,797). */
    public static final int DIGITS_TEST_SIZE = 300;
    private static final String VERSION = "v2"; // v2: edm.nn.Conv blocks (v1: DJL Conv2d)
    private static final int BATCH = 1000;

    private final String dataset;
    private final NDManager manager;
    private final SequentialBlock trunk;
    private final SequentialBlock net;
    private final ParameterStore store;
    private final Shape imageShape;
    private final int featureDim;

    private FeatureClassifier(String dataset, NDManager manager, SequentialBlock trunk,
            SequentialBlock net, Shape imageShape, int featureDim) {
        this.dataset = dataset;
        this.manager = manager;
        this.trunk = trunk;
        this.net = net;
        this.store = new ParameterStore(manager, false);
        this.imageShape = imageShape;
        this.featureDim = featureDim;
    }

    /**
     * The classifier of {@code dataset} ("digits", "mnist" or "fashion-mnist"): loaded from the
     * cache when its SHA-256 checks out, else trained and cached. Measured on an idle 2-core CPU
     * with libtorch's convolution kernel: MNIST 2 epochs in 32 s (98.33% test accuracy when measured
     * with the v1 network); digits 7.5 s on a shared CPU (98.0% held-out accuracy). Quick mode trains
     * 1 epoch on 10,000 images, cached as "-quick".
     */
    public static FeatureClassifier forDataset(String dataset) {
        checkDataset(dataset);
        Path file = cacheFile(dataset);
        Optional<byte[]> cached = VerifiedFile.readIfValid(file);
        byte[] params;
        if (cached.isPresent()) {
            params = cached.get();
        } else {
            params = ClassifierTraining.train(network(dataset)[1], trainingSet(dataset),
                    settings(dataset));
            try {
                VerifiedFile.write(file, params);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the classifier cache " + file, e);
            }
        }
        return load(dataset, params);
    }

    /** The cache file {@code data/cache/classifiers/<dataset>[-quick]-v2.params}. */
    public static Path cacheFile(String dataset) {
        checkDataset(dataset);
        String quick = Workbench.quick() && !dataset.equals("digits") ? "-quick" : "";
        return DataPaths.cache().resolve("classifiers")
                .resolve(dataset + quick + "-" + VERSION + ".params");
    }

    /**
     * A split of {@code dataset}: MNIST and Fashion-MNIST as published; for the 8x8 digits, which
     * have no official split, a permutation of the 1,797 images drawn from
     * {@code SplittableRandom(2022)} whose last 300 form TEST and the other 1,497 TRAIN.
     */
    public static ImageSet data(String dataset, Split split) {
        checkDataset(dataset);
        Check.notNull("split", split);
        switch (dataset) {
            case "mnist":
                return Mnist.load(split);
            case "fashion-mnist":
                return FashionMnist.load(split);
            default:
                ImageSet all = Digits.load();
                int[] perm = Subsets.draw(new SplittableRandom(SEED), all.size(), all.size());
                int trainSize = all.size() - DIGITS_TEST_SIZE;
                int from = split == Split.TRAIN ? 0 : trainSize;
                int to = split == Split.TRAIN ? trainSize : all.size();
                return subset(all, perm, from, to,
                        "digits-" + split.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The data set this classifier was trained on. */
    public String dataset() {
        return dataset;
    }

    /** The name of the FD these features give, e.g. "FD on MNIST-classifier features". */
    public String metricName() {
        return "FD on " + label() + "-classifier features";
    }

    /** The name of the KID these features give, e.g. "KID on MNIST-classifier features". */
    public String kernelMetricName() {
        return "KID on " + label() + "-classifier features";
    }

    /** The dimension of phi(x): 64 for digits, 128 for MNIST and Fashion-MNIST. */
    public int featureDim() {
        return featureDim;
    }

    /** The features phi(x) of N images (N x C x H x W in [-1, 1], any device) as N rows. */
    public double[][] features(NDArray images) {
        return run(trunk, images, featureDim);
    }

    /** The features phi(x) of every image of {@code set}. */
    public double[][] features(ImageSet set) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            return features(set.images(m));
        }
    }

    /** The class argmax_c logits_c(x) of each of N images. */
    public int[] predict(NDArray images) {
        double[][] logits = run(net, images, 10);
        int[] out = new int[logits.length];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (logits[i][c] > logits[i][best]) best = c;
            }
            out[i] = best;
        }
        return out;
    }

    /** The class probabilities softmax(logits(x)) of each of N images, N rows of 10. */
    public double[][] probabilities(NDArray images) {
        double[][] p = run(net, images, 10);
        for (double[] row : p) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row) max = Math.max(max, v);
            double sum = 0;
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.exp(row[c] - max);
                sum += row[c];
            }
            for (int c = 0; c < row.length; c++) row[c] /= sum;
        }
        return p;
    }

    /** The fraction of {@code test} images whose predicted class equals the label. */
    public double accuracy(ImageSet test) {
        Check.notNull("test", test);
        int[] predicted;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            predicted = predict(test.images(m));
        }
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == test.label(i)) correct++;
        }
        return (double) correct / predicted.length;
    }

    @Override
    public void close() {
        manager.close();
    }

    private double[][] run(SequentialBlock block, NDArray images, int width) {
        Check.notNull("images", images);
        Shape s = images.getShape();
        if (s.dimension() != 4 || !s.slice(1).equals(imageShape)) {
            throw new IllegalArgumentException("images must be N x " + imageShape.get(0) + " x "
                    + imageShape.get(1) + " x " + imageShape.get(2) + " for " + dataset
                    + ", got " + s);
        }
        int n = (int) s.get(0);
        int dim = (int) imageShape.size();
        float[] pixels = images.toType(DataType.FLOAT32, false).toFloatArray();
        double[][] out = new double[n][];
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            try (NDManager m = manager.newSubManager()) {
                float[] xb = java.util.Arrays.copyOfRange(pixels, start * dim, (start + b) * dim);
                NDArray x = m.create(xb, new Shape(b).addAll(imageShape));
                float[] y = block.forward(store, new NDList(x), false).singletonOrThrow()
                        .toFloatArray();
                for (int i = 0; i < b; i++) {
                    double[] row = new double[width];
                    for (int j = 0; j < width; j++) row[j] = y[i * width + j];
                    out[start + i] = row;
                }
            }
        }
        return out;
    }

    private static FeatureClassifier load(String dataset, byte[] params) {
        SequentialBlock[] blocks = network(dataset);
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        Shape image = imageShape(dataset);
        try {
            blocks[1].initialize(manager, DataType.FLOAT32, new Shape(1).addAll(image));
            blocks[1].loadParameters(manager,
                    new DataInputStream(new ByteArrayInputStream(params)));
        } catch (IOException | MalformedModelException e) {
            manager.close();
            throw new IllegalStateException("the cached classifier " + cacheFile(dataset)
                    + " passed its SHA-256 check but does not fit the network; delete it to"
                    + " retrain", e);
        }
        return new FeatureClassifier(dataset, manager, blocks[0], blocks[1], image,
                dataset.equals("digits") ? 64 : 128);
    }

    /** {trunk, full network}: the trunk maps images to phi(x), the full network adds the head. */
    private static SequentialBlock[] network(String dataset) {
        SequentialBlock trunk = new SequentialBlock();
        if (dataset.equals("digits")) {
            trunk.add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock());
        } else {
            trunk.add(conv(16)).add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                    .add(conv(32)).add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock());
        }
        SequentialBlock net = new SequentialBlock().add(trunk)
                .add(Linear.builder().setUnits(10).build());
        return new SequentialBlock[] {trunk, net};
    }

    /** 3x3, padding 1: the project's convolution, so the kernel checked on this machine (see ConvKernel). */
    private static Conv conv(int filters) {
        return new Conv(filters, 3, 1);
    }

    private static ClassifierTraining.Settings settings(String dataset) {
        if (dataset.equals("digits")) return new ClassifierTraining.Settings(60, 64, 1e-3f, SEED);
        return new ClassifierTraining.Settings(Workbench.pick(2, 1), 128, 1e-3f, SEED);
    }

    private static ImageSet trainingSet(String dataset) {
        ImageSet train = data(dataset, Split.TRAIN);
        return dataset.equals("digits") || !Workbench.quick() ? train : train.head(10_000);
    }

    private static Shape imageShape(String dataset) {
        return dataset.equals("digits") ? new Shape(1, 8, 8) : new Shape(1, 28, 28);
    }

    private String label() {
        switch (dataset) {
            case "mnist":
                return "MNIST";
            case "fashion-mnist":
                return "Fashion-MNIST";
            default:
                return "digits";
        }
    }

    private static ImageSet subset(ImageSet all, int[] perm, int from, int to, String name) {
        int dim = all.dim();
        float[] pixels = new float[(to - from) * dim];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(all.image(perm[i]), 0, pixels, (i - from) * dim, dim);
            labels[i - from] = all.label(perm[i]);
        }
        return ImageSet.of(name, pixels, labels, all.channels(), all.height(), all.width());
    }

    private static void checkDataset(String dataset) {
        Check.notNull("dataset", dataset);
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("dataset must be one of " + DATASETS + ", got "
                    + dataset);
        }
    }
}
