/**
 * Sampling: time discretizations sigma_0 > ... > sigma_N = 0 (EDM Table 1, "steps") and the
 * samplers that turn a denoiser D(x; sigma) into samples: the PF-ODE ({@link edm.sample.OdeSampler}),
 * the discrete-time chains ({@link edm.sample.DdpmSampler}, {@link edm.sample.DdimSampler}), the
 * reverse SDE with optional Langevin correction ({@link edm.sample.ReverseSdeSampler}) and NCSN's
 * annealed Langevin dynamics ({@link edm.sample.AnnealedLangevin}).
 */
package edm.sample;
