/**
 * Data for the notebooks: 2D toy distributions by formula, and small image sets from verified files.
 *
 * <ul>
 *   <li>{@link edm.data.Toy2d}: swiss roll, two moons, 8 Gaussians, checkerboard, pinwheel, two
 *       spirals, circles (FFJORD / scikit-learn definitions), from (n, seed).</li>
 *   <li>{@link edm.data.Digits}: scikit-learn's 1,797 8 x 8 digits, shipped in {@code data/digits}.</li>
 *   <li>{@link edm.data.Mnist}, {@link edm.data.FashionMnist}: 28 x 28 images read by
 *       {@link edm.data.Idx} from {@code data/cache}, filled by {@code ./workbench fetch-data}.</li>
 * </ul>
 *
 * <p>Images come as an {@link edm.data.ImageSet}: Java arrays scaled to [-1, 1], turned into DJL
 * arrays in a manager the caller owns. Every file is checked against {@code data/checksums.sha256}
 * before use; a missing or corrupt file raises a {@link edm.data.DataFileException} that names the
 * file, its expected SHA-256 and the command that restores it. {@link edm.data.DataPaths} finds the
 * workbench root.
 */
package edm.data;
