package edm.linalg;

import edm.Check;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigendecomposition of a real symmetric matrix, A = V diag(lambda) V^T, through ND4J's LAPACK
 * (dsyev). Eigenvalues come in ascending order; column j of V is the unit eigenvector of lambda_j.
 * Used for Frechet distances (matrix square roots of covariances) and covariance spectra.
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    /** Decomposes a symmetric n x n matrix given as rows; the input is not modified. */
    public static SymmetricEigen of(double[][] a) {
        int n = Check.notNull("a", a).length;
        Check.atLeast("a.length", n, 1);
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("a must be square, row " + i + " has length "
                        + a[i].length + " but there are " + n + " rows");
            }
            for (int j = 0; j < i; j++) {
                double tol = 1e-10 * (Math.abs(a[i][j]) + Math.abs(a[j][i]) + 1);
                if (Math.abs(a[i][j] - a[j][i]) > tol) {
                    throw new IllegalArgumentException("a must be symmetric, a[" + i + "][" + j + "] = "
                            + a[i][j] + " but a[" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        INDArray m = Nd4j.create(a).castTo(DataType.DOUBLE).dup('f');
        INDArray lambda = Eigen.symmetricGeneralizedEigenvalues(m, true); // m becomes V
        return new SymmetricEigen(lambda.toDoubleVector(), m.toDoubleMatrix());
    }

    /** Reassembles V diag(f(lambda)) V^T, e.g. f = sqrt for the principal square root. */
    public double[][] apply(java.util.function.DoubleUnaryOperator f) {
        int n = values.length;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double fk = f.applyAsDouble(values[k]);
            for (int i = 0; i < n; i++) {
                double vik = vectors[i][k] * fk;
                for (int j = 0; j < n; j++) out[i][j] += vik * vectors[j][k];
            }
        }
        return out;
    }
}
