package edm.metric;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inner-product matrices G_ij = a_i . b_j through ND4J's BLAS (dgemm), for the kernel metrics. */
final class Gram {
    private Gram() {}

    /** The rows of {@code x} at {@code idx} (all rows when idx is null) as an ND4J double matrix. */
    static INDArray rows(double[][] x, int[] idx) {
        int n = idx == null ? x.length : idx.length;
        int d = x[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[idx == null ? i : idx[i]], 0, flat, i * d, d);
        }
        return Nd4j.create(flat, new long[] {n, d}, DataType.DOUBLE);
    }

    /** G = A B^T, n_a x n_b. */
    static double[][] dot(INDArray a, INDArray b) {
        INDArray g = a.mmul(b.transpose()).dup('c');
        int n = (int) g.rows();
        int m = (int) g.columns();
        double[] flat = g.data().asDouble(); // a fresh dup: the buffer is exactly n x m, row-major
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * m, (i + 1) * m);
        return out;
    }

    /** The squared norms |a_i|^2 of the rows. */
    static double[] squaredNorms(double[][] x, int[] idx) {
        int n = idx == null ? x.length : idx.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (double v : x[idx == null ? i : idx[i]]) s += v * v;
            out[i] = s;
        }
        return out;
    }
}
