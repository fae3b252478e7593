/**
 * Networks F(c_in x; c_noise) for EDM's preconditioned denoiser D = c_skip x + c_out F, as DJL blocks:
 * an MLP for flat data (2D toys, 8x8 digits) and a small U-Net for images. Every network takes the
 * input pair NDList(c_in x, c_noise) with c_noise one value per sample, and returns F with the shape of x.
 */
package edm.nn;
