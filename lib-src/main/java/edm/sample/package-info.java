/**
 * Sampling: time discretizations sigma_0 > ... > sigma_N = 0 (EDM Table 1, "steps") and, later,
 * the solvers that integrate the PF-ODE or SDE along them.
 */
package edm.sample;
