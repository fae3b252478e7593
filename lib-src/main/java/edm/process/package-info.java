/**
 * The forward process of the unified EDM view: a noise schedule sigma(t) and a scaling s(t) define
 * the perturbation kernel p(x_t | x_0) = N(s(t) x_0, s(t)^2 sigma(t)^2 I).
 */
package edm.process;
