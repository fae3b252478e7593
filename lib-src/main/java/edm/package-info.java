/** The EDM workbench: the unified view of diffusion models as compiled, tested Java. */
package edm;
