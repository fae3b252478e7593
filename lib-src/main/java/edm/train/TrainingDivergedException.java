package edm.train;

/** Thrown when the loss or the gradient becomes NaN or infinite; names the step where it appeared. */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final long step;

    /**
     * @param step the 0-based step
     * @param what what was not finite, e.g. "loss = NaN"
     */
    public TrainingDivergedException(long step, String what) {
        super("training diverged at step " + step + ": " + what);
        this.step = step;
    }

    /** The 0-based step where the non-finite value appeared. */
    public long step() {
        return step;
    }
}
