package edm.metric;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.Workbench;
import edm.data.ImageSet;
import edm.data.Split;
import java.util.SplittableRandom;

/**
 * FD and KID between generated images and a reference set (by default the test split) in the
 * feature space phi of a {@link FeatureClassifier}:
 * <pre>
 *   FD  = ||mu_g - mu_r||^2 + Tr(S_g + S_r - 2 (S_g^{1/2} S_r S_g^{1/2})^{1/2})   on phi(x),
 *   KID = mean over subsets of MMD_u^2 with k(a, b) = (a . b / d + 1)^3          on phi(x).
 * </pre>
 * The reference features and their Gaussian fit are computed once, at construction.
 *
 * <p>FD is biased upward at finite sample size: even n images drawn from the data distribution
 * itself score above 0. {@link #trainingFloor} measures that floor (n training images against the
 * same reference), the score a perfect generator of n samples would get; show it beside model
 * scores. KID is unbiased, so its floor is 0 up to noise.
 */
public final class ImageMetrics {
    private final FeatureClassifier classifier;
    private final String referenceName;
    private final double[][] reference;
    private final GaussianFit referenceFit;

    /**
     * The scores of one set of images.
     *
     * @param fdName e.g. "FD on MNIST-classifier features"
     * @param fd the Frechet distance
     * @param kidName e.g. "KID on MNIST-classifier features"
     * @param kid the KID estimate (mean over subsets)
     * @param kidSd the standard deviation of the subset estimates
     * @param samples n, the number of scored images
     * @param referenceName the reference set, e.g. "mnist-test"
     * @param referenceSize its number of images
     */
    public record Scores(String fdName, double fd, String kidName, double kid, double kidSd,
            int samples, String referenceName, int referenceSize) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s = %.4g, %s = %.4g +- %.2g (n = %d vs %s, %d)",
                    fdName, fd, kidName, kid, kidSd, samples, referenceName, referenceSize);
        }
    }

    private ImageMetrics(FeatureClassifier classifier, ImageSet referenceSet) {
        this.classifier = classifier;
        this.referenceName = referenceSet.name();
        this.reference = classifier.features(referenceSet);
        this.referenceFit = GaussianFit.of(reference);
    }

    /** Metrics against {@code reference} (at least 2 images) in the features of {@code classifier}. */
    public static ImageMetrics against(FeatureClassifier classifier, ImageSet reference) {
        Check.notNull("classifier", classifier);
        Check.notNull("reference", reference);
        Check.atLeast("reference.size()", reference.size(), 2);
        return new ImageMetrics(classifier, reference);
    }

    /** Metrics against the test split of the classifier's data set (see {@link FeatureClassifier#data}). */
    public static ImageMetrics againstTestSet(FeatureClassifier classifier) {
        Check.notNull("classifier", classifier);
        return against(classifier, FeatureClassifier.data(classifier.dataset(), Split.TEST));
    }

    /** Scores of N generated images, N x C x H x W in [-1, 1]; {@code seed} draws KID's subsets. */
    public Scores score(NDArray images, long seed) {
        return scoreFeatures(classifier.features(images), seed);
    }

    /** Scores of the images of {@code set}. */
    public Scores score(ImageSet set, long seed) {
        Check.notNull("set", set);
        return scoreFeatures(classifier.features(set), seed);
    }

    /**
     * Scores of features phi(x) already computed (n >= 2 rows of {@link FeatureClassifier#featureDim}).
     * KID uses min(1000, n, reference size) rows per subset and 100 subsets (10 in quick mode).
     */
    public Scores scoreFeatures(double[][] features, long seed) {
        Features.sameDim("features", features, "reference", reference, 2);
        double fd = FrechetDistance.between(GaussianFit.of(features), referenceFit);
        int size = Math.min(KernelDistance.DEFAULT_SUBSET_SIZE,
                Math.min(features.length, reference.length));
        KernelDistance.Estimate kid = KernelDistance.of(features, reference,
                Workbench.pick(KernelDistance.DEFAULT_SUBSETS, 10), size, seed);
        return new Scores(classifier.metricName(), fd, classifier.kernelMetricName(), kid.mean(),
                kid.sd(), features.length, referenceName, reference.length);
    }

    /**
     * The floor: the scores of {@code n} training images (drawn without replacement with
     * {@code SplittableRandom(seed)}) against the reference, what a generator that reproduces the
     * data distribution would reach with n samples.
     *
     * @param n 2 <= n <= the training set's size
     */
    public Scores trainingFloor(int n, long seed) {
        return score(trainingSample(n, seed), seed);
    }

    /**
     * The n training images that {@link #trainingFloor}(n, seed) scores: a uniform draw without
     * replacement, seeded.
     */
    public ImageSet trainingSample(int n, long seed) {
        ImageSet train = FeatureClassifier.data(classifier.dataset(), Split.TRAIN);
        Check.closed("n", n, 2, train.size());
        int[] pick = Subsets.draw(new SplittableRandom(seed), train.size(), n);
        int dim = train.dim();
        float[] pixels = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(train.image(pick[i]), 0, pixels, i * dim, dim);
            labels[i] = train.label(pick[i]);
        }
        return ImageSet.of(train.name() + "-sample", pixels, labels, train.channels(), train.height(), train.width());
    }

    /** The classifier whose features these metrics use. */
    public FeatureClassifier classifier() {
        return classifier;
    }

    /** The number of reference images. */
    public int referenceSize() {
        return reference.length;
    }
}
