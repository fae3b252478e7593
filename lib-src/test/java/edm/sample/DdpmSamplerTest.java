package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.GaussianData;
import edm.process.DiscreteDdpm;
import org.junit.jupiter.api.Test;

/** DDPM ancestral sampling: the eps and posterior-mean forms agree; exact D reproduces Gaussian data. */
class DdpmSamplerTest {
    static final GaussianData DATA = new GaussianData(new double[] {0.5, -1.0}, new double[] {0.3, 2.0});

    @Test
    void epsAndPosteriorMeanFormsAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (DdpmVariance v : DdpmVariance.values()) {
                NDArray a = new DdpmSampler(new DiscreteDdpm(), v, DdpmSampler.Form.EPS)
                        .sample(DATA, SampleRun.of(m, 8, new Shape(2)).seed(7).build());
                NDArray b = new DdpmSampler(new DiscreteDdpm(), v, DdpmSampler.Form.POSTERIOR_MEAN)
                        .sample(DATA, SampleRun.of(m, 8, new Shape(2)).seed(7).build());
                assertEquals(0, Moments.maxAbsDiff(a, b), 1e-12, v.toString());
            }
        }
    }

    /**
     * Monte Carlo tolerance: with n independent samples of a coordinate of variance c^2, the sample
     * mean has standard error c/sqrt(n) and the sample variance c^2 sqrt(2/(n-1)) (Gaussian data).
     * We allow 4 standard errors plus a bias allowance: DDPM's reverse kernel with fixed variance is
     * only approximately the true reverse of the chain, an O(beta_t) error per step; 2% of c (mean)
     * and 3% of c^2 (variance) cover it (measured: mean within 0.04 c, variance within 7% of c^2 at
     * n = 2000, i.e. within about 2 SE).
     */
    @Test
    void exactDenoiserReproducesDataMoments() {
        int n = 2000;
        try (NDManager m = NDManager.newBaseManager()) {
            for (DdpmVariance v : DdpmVariance.values()) {
                NDArray x = new DdpmSampler(new DiscreteDdpm(), v, DdpmSampler.Form.EPS)
                        .sample(DATA, SampleRun.of(m, n, new Shape(2)).seed(1).build());
                Moments mo = Moments.of(x);
                double[] mu = DATA.mean();
                double[] c = DATA.std();
                for (int j = 0; j < 2; j++) {
                    double c2 = c[j] * c[j];
                    double tolMean = 4 * c[j] / Math.sqrt(n) + 0.02 * c[j];
                    double tolVar = 4 * c2 * Math.sqrt(2.0 / (n - 1)) + 0.03 * c2;
                    System.out.printf("DDPM %s coord %d: mean %.4f (%.4f), var %.4f (%.4f)%n", v, j, mo.mean[j],
                            mu[j], mo.var[j], c2);
                    assertEquals(mu[j], mo.mean[j], tolMean, v + " mean " + j);
                    assertEquals(c2, mo.var[j], tolVar, v + " var " + j);
                }
            }
        }
    }

    @Test
    void rejectsNull() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DdpmSampler(new DiscreteDdpm(), null, DdpmSampler.Form.EPS));
        assertTrue(e.getMessage().contains("variance"));
    }
}
