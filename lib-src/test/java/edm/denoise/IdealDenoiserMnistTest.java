package edm.denoise;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.data.DataPaths;
import edm.data.ImageSet;
import edm.data.Mnist;
import edm.data.Split;
import edm.rand.NoiseStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The float32 kernel, whose weights below 2^-125 are dropped, against the float64 one on MNIST
 * (skipped when MNIST is not fetched: {@code ./workbench fetch-data mnist}).
 */
class IdealDenoiserMnistTest {

    /**
     * 300 training images, 16 queries x = y + sigma n (8 test images, 8 training images) at sigma from
     * 0.002 (all weight on one image) through 1-2 (spread over a few) to 80 (spread over all). Each
     * float32 logit carries an error near eps32 (|x| |y| + |y|^2/2) / sigma^2, which moves D by at most
     * that times the spread of the images (max |y_k - y_j| &lt;= 2 per pixel), so the bound is
     * 2 eps32 (|x| |y| + |y|^2) / sigma^2 * 2, capped at 1e-3 and floored at 16 eps32 (the rounding of
     * D itself). Measured: 0 up to sigma = 0.05, 4e-5 at sigma = 1, 4e-7 at sigma = 80.
     */
    @Test
    void float32WithTheSubnormalGuardEqualsFloat64ToFloat32Precision() {
        assumeTrue(Files.exists(DataPaths.cache().resolve(Mnist.NAME).resolve(Split.TRAIN.imagesFile())),
                "MNIST not fetched; run ./workbench fetch-data mnist");
        assumeTrue(Files.exists(DataPaths.cache().resolve(Mnist.NAME).resolve(Split.TEST.imagesFile())),
                "MNIST not fetched; run ./workbench fetch-data mnist");
        ImageSet train = Mnist.load(Split.TRAIN).head(300);
        ImageSet test = Mnist.load(Split.TEST).head(8);
        double eps32 = Math.ulp(1.0f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = train.flat(m).toType(DataType.FLOAT64, false);
            NDArray clean = test.flat(m).toType(DataType.FLOAT64, false).concat(data.get("0:8"), 0);
            double normY = Math.sqrt(data.square().sum(new int[] {1}).max().getDouble());
            try (IdealDenoiser exact = new IdealDenoiser(data, Precision.FLOAT64, 128);
                    IdealDenoiser fast = new IdealDenoiser(data, Precision.FLOAT32, 128)) {
                for (double sigma : new double[] {0.002, 0.01, 0.05, 0.2, 0.5, 1, 2, 5, 20, 80}) {
                    NDArray x = clean.add(new NoiseStream(7).normal(m, 0, 16, new Shape(784), 0).muli(sigma));
                    double normX = Math.sqrt(x.square().sum(new int[] {1}).max().getDouble());
                    double bound = Math.max(16 * eps32, Math.min(1e-3,
                            2 * eps32 * (normX * normY + normY * normY) / (sigma * sigma) * 2));
                    NDArray a = exact.denoise(x, sigma);
                    NDArray b = fast.denoise(x.toType(DataType.FLOAT32, false), sigma).toType(DataType.FLOAT64, false);
                    double err = a.sub(b).abs().max().getDouble();
                    System.out.printf("sigma %g: max |D32 - D64| = %.3g (bound %.3g)%n", sigma, err, bound);
                    assertTrue(err <= bound, "sigma " + sigma + ": max |D32 - D64| = " + err + " > " + bound);
                    assertTrue(b.isNaN().logicalNot().all().getBoolean(), "sigma " + sigma + ": NaN in float32");
                }
            }
        }
    }
}
