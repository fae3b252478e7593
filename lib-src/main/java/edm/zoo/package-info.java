/**
 * Trained models as files: named training recipes, the specification of a run, run directories that
 * checkpoint, log and resume exactly, and shipped models (EMA weights with their specification) that
 * load back into denoisers. The command line's {@code train}, {@code generate} and {@code eval} are
 * thin layers over this package.
 */
package edm.zoo;
