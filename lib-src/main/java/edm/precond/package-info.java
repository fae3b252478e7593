/**
 * Preconditioning (EDM Table 1): D(x; sigma) = c_skip x + c_out F(c_in x; c_noise), and adapters
 * that turn eps, x0, v, score, flow-velocity and discrete-t models into a denoiser D.
 */
package edm.precond;
