package edm.precond;

/** A raw network F(input; c_noise) on double arrays, before preconditioning. */
@FunctionalInterface
public interface RawModel {
    /**
     * @param input  c_in(sigma) x
     * @param cNoise the noise conditioning c_noise(sigma)
     * @return F's output, same length as input
     */
    double[] apply(double[] input, double cNoise);
}
