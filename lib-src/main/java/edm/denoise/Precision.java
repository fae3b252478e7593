package edm.denoise;

import ai.djl.ndarray.types.DataType;

/**
 * Floating-point type of a computation. FLOAT64 is the default of the exact denoisers (ground truth);
 * FLOAT32 is about twice as fast on CPU and needs half the memory, at the cost of a relative error
 * near 1e-7 in each dot product, which matters at small sigma (see {@link IdealDenoiser}).
 */
public enum Precision {
    /** IEEE single precision. */
    FLOAT32(DataType.FLOAT32),
    /** IEEE double precision. */
    FLOAT64(DataType.FLOAT64);

    private final DataType type;

    Precision(DataType type) {
        this.type = type;
    }

    /** The DJL data type. */
    public DataType dataType() {
        return type;
    }
}
