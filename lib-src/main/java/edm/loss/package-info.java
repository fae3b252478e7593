/**
 * Training loss of EDM section 5: E_{sigma ~ p_train, y, n ~ N(0, sigma^2 I)} lambda(sigma) ||D(y + n; sigma) - y||^2.
 */
package edm.loss;
