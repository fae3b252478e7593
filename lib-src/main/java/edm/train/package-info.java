/**
 * Training of networks F with EDM's denoising loss in F-space,
 * E lambda(sigma) c_out^2 ||F(c_in (y + n); c_noise) - (y - c_skip (y + n))/c_out||^2, for any
 * {@link edm.loss.DenoisingLoss} (VP, VE, iDDPM, EDM, DDPM's L_simple): Adam with a learning-rate
 * warm-up, EMA of the weights with a half-life in samples, gradient clipping, exact-resume checkpoints.
 */
package edm.train;
