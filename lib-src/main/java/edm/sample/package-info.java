/**
 * Sampling: time discretizations sigma_0 > ... > sigma_N = 0 (EDM Table 1, "steps") and the
 * samplers that turn a denoiser D(x; sigma) into samples: the PF-ODE ({@link edm.sample.OdeSampler}),
 * the discrete-time chains ({@link edm.sample.DdpmSampler}, {@link edm.sample.DdimSampler}), the
 * reverse SDE with optional Langevin correction ({@link edm.sample.ReverseSdeSampler}) and NCSN's
 * annealed Langevin dynamics ({@link edm.sample.AnnealedLangevin}). EDM's whole ablation grid
 * (discretization x schedule x scaling x solver, with churn) is built by name through
 * {@link edm.sample.Ablation}. A {@link edm.sample.SampleRun} carries the noise source and optional
 * caller-supplied latents; {@link edm.sample.Sampler} states the batch contract.
 */
package edm.sample;
