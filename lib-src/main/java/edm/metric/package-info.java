/**
 * Metrics that compare samples with data: distances between feature distributions and the
 * likelihood bound of discrete-time models.
 *
 * <ul>
 *   <li>{@link edm.metric.GaussianFit} and {@link edm.metric.FrechetDistance}: the Frechet
 *       (2-Wasserstein) distance between Gaussians fitted to two feature sets,
 *       FD = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1^{1/2} S2 S1^{1/2})^{1/2}).</li>
 *   <li>{@link edm.metric.KernelDistance}: KID of Binkowski et al. (2018), the unbiased MMD^2
 *       with the cubic polynomial kernel, averaged over random subsets.</li>
 *   <li>{@link edm.metric.GaussianMmd}: the unbiased MMD^2 with a Gaussian (RBF) kernel.</li>
 *   <li>{@link edm.metric.SlicedWasserstein}: the sliced 1-Wasserstein distance with seeded
 *       directions, exact in each 1D projection.</li>
 *   <li>{@link edm.metric.FeatureClassifier} and {@link edm.metric.ImageMetrics}: a small
 *       classifier per image data set whose penultimate layer supplies the features, cached on
 *       disk; FD and KID of generated images against the test set. These are "FD on
 *       MNIST-classifier features", not FID: no Inception network is involved.</li>
 *   <li>{@link edm.metric.DiscretizedGaussian}: the discretized Gaussian decoder of Ho et al.
 *       (2020) and the conversion of nats per image to bits per dimension.</li>
 * </ul>
 */
package edm.metric;
