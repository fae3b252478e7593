package edm.sample;

import ai.djl.ndarray.NDArray;

/** Sample moments of a (B, d) float64 batch, per coordinate, and mode weights of 2D toys. */
final class Moments {
    final double[] mean;
    final double[] var;
    final int n;

    private Moments(double[] mean, double[] var, int n) {
        this.mean = mean;
        this.var = var;
        this.n = n;
    }

    static Moments of(NDArray x) {
        int n = (int) x.getShape().get(0);
        int d = (int) (x.getShape().size() / n);
        double[] v = x.toDoubleArray();
        double[] mean = new double[d];
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = v[i * d + j] - mean[j];
                var[j] += e * e / (n - 1);
            }
        }
        return new Moments(mean, var, n);
    }

    /** Fraction of samples with x_1 + x_2 < 0 (the (-5, -5) mode of the NCSN toy). */
    static double lowerModeWeight(NDArray x) {
        double[] v = x.toDoubleArray();
        int n = v.length / 2;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (v[2 * i] + v[2 * i + 1] < 0) count++;
        }
        return count / (double) n;
    }

    static double maxAbsDiff(NDArray a, NDArray b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        if (x.length != y.length) throw new AssertionError("lengths differ: " + x.length + " vs " + y.length);
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }
}
