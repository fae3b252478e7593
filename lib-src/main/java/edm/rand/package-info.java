/**
 * Reproducible random numbers for samplers and data: one independent stream per sample index
 * (and per step), so that sample k's noise never depends on the batch it happens to be computed in;
 * {@link edm.rand.NoiseSource} is the interface samplers draw through, so a caller can supply its own.
 */
package edm.rand;
