package edm.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import edm.Check;
import edm.denoise.Denoiser;
import edm.data.ImageSet;
import edm.metric.FeatureClassifier;
import edm.metric.ImageMetrics;
import edm.sample.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The zoo's scores: FD and KID on the data set's classifier features (a classifier trained in this project,
 * not Inception: never FID) against the test set, for sample sets drawn with several sampling seeds, beside
 * the floor (n real training images against the same test set, over several draws) and the fraction of
 * samples whose most likely class has probability >= 0.9, for the real images too (the ceiling of that
 * fraction: the classifier is not confident on every real digit either).
 */
public final class ModelEval {
    /** The classifier probability that counts a sample as a confidently recognized class. */
    public static final double CONFIDENT = 0.9;

    private final FeatureClassifier classifier;
    private final ImageMetrics metrics;
    private final Table table = Table.create("eval", StringColumn.create("what"), IntColumn.create("n"),
            DoubleColumn.create("FD"), DoubleColumn.create("KID"), DoubleColumn.create("confident"));
    private final List<Double> sampleFds = new ArrayList<>();
    private final List<Double> confidents = new ArrayList<>();
    private final List<Double> floorFds = new ArrayList<>();
    private final List<Double> floorConfidents = new ArrayList<>();
    private final List<Double> kids = new ArrayList<>();

    /** Scores against the test set of {@code dataset}. */
    public ModelEval(String dataset) {
        this.classifier = FeatureClassifier.forDataset(dataset);
        this.metrics = ImageMetrics.againstTestSet(classifier);
    }

    /** Draws n images per sampling seed 0..seeds-1 (ids 0..n-1) and scores each set. */
    public ModelEval scoreModel(Sampler s, Denoiser d, RunSpec spec, int n, int seeds) {
        Check.atLeast("n", n, 2);
        Check.atLeast("seeds", seeds, 1);
        for (int k = 0; k < seeds; k++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = Generation.sample(s, d, m, RunSpec.sampleShape(spec.data()), Generation.ids(0, n), k)
                        .clip(-1, 1).toType(DataType.FLOAT32, false);
                scoreSamples(String.format(Locale.ROOT, "%s, sampling seed %d", s.name(), k), x, k);
            }
        }
        return this;
    }

    /** Scores one set of images (N, C, H, W) in [-1, 1]. */
    public ModelEval scoreSamples(String label, NDArray images, long seed) {
        ImageMetrics.Scores sc = metrics.score(images, seed);
        double conf = confident(images);
        sampleFds.add(sc.fd());
        kids.add(sc.kid());
        confidents.add(conf);
        add(label, (int) images.getShape().get(0), sc.fd(), sc.kid(), conf);
        return this;
    }

    /** Adds the floor for n images over {@code draws} draws (seeds 1000, 1001, ...) and the summary rows. */
    public ModelEval floor(int n, int draws) {
        Check.atLeast("draws", draws, 1);
        for (int k = 0; k < draws; k++) {
            ImageSet real = metrics.trainingSample(n, 1000 + k);
            ImageMetrics.Scores f = metrics.score(real, 1000 + k);
            double conf;
            try (NDManager m = NDManager.newBaseManager()) {
                conf = confident(real.images(m));
            }
            floorFds.add(f.fd());
            floorConfidents.add(conf);
            add("floor: " + n + " training images, draw " + k, n, f.fd(), f.kid(), conf);
        }
        if (sampleFds.size() > 1) {
            add("samples: mean", n, mean(sampleFds), mean(kids), mean(confidents));
            add("samples: sd over sampling seeds", n, sd(sampleFds), sd(kids), sd(confidents));
        }
        add("floor: mean", n, mean(floorFds), Double.NaN, mean(floorConfidents));
        if (floorFds.size() > 1) {
            add("floor: sd over draws", n, sd(floorFds), Double.NaN, Double.NaN);
        }
        add("FD / floor (means)", n, fdOverFloor(), Double.NaN, Double.NaN);
        return this;
    }

    /** The table: one row per sample set and floor draw, then means, spreads and the ratio. */
    public Table table() {
        return table;
    }

    /** The metric's name, e.g. "FD on MNIST-classifier features". */
    public String metricName() {
        return classifier.metricName();
    }

    /** Test images the scores compare against. */
    public int referenceSize() {
        return metrics.referenceSize();
    }

    /** Mean FD of the sample sets. */
    public double meanFd() {
        return mean(sampleFds);
    }

    /** Standard deviation of the FD over sampling seeds (NaN for one set). */
    public double sdFd() {
        return sd(sampleFds);
    }

    /** Mean floor FD. */
    public double meanFloor() {
        return mean(floorFds);
    }

    /** Standard deviation of the floor over draws (NaN for one draw). */
    public double sdFloor() {
        return sd(floorFds);
    }

    /** Mean KID of the sample sets. */
    public double meanKid() {
        return mean(kids);
    }

    /** Mean fraction of confidently classified samples. */
    public double meanConfident() {
        return mean(confidents);
    }

    /** Mean fraction of confidently classified real training images over the floor's draws. */
    public double meanFloorConfident() {
        return mean(floorConfidents);
    }

    /** Mean sample FD over mean floor FD. */
    public double fdOverFloor() {
        return mean(sampleFds) / mean(floorFds);
    }

    /** The fraction of images whose most likely class has probability >= {@link #CONFIDENT}. */
    public double confident(NDArray images) {
        double[][] p = classifier.probabilities(images);
        int k = 0;
        for (double[] row : p) {
            double max = 0;
            for (double v : row) max = Math.max(max, v);
            if (max >= CONFIDENT) k++;
        }
        return (double) k / p.length;
    }

    private void add(String what, int n, double fd, double kid, double confident) {
        table.stringColumn(0).append(what);
        table.intColumn(1).append(n);
        table.doubleColumn(2).append(round(fd, 3));
        table.doubleColumn(3).append(round(kid, 3));
        table.doubleColumn(4).append(round(confident, 4));
    }

    private static double round(double v, int digits) {
        return Double.isFinite(v) ? Math.round(v * Math.pow(10, digits)) / Math.pow(10, digits) : v;
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double sd(List<Double> v) {
        if (v.size() < 2) return Double.NaN;
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.size() - 1));
    }
}
