package edm.denoise;

import ai.djl.ndarray.types.DataType;

/**
 * Floating-point type of a computation. FLOAT64 is the default of the exact denoisers (ground truth);
 * FLOAT32 is about twice as fast on CPU and needs half the memory, at the cost of a relative error
 * near 1e-7 in each dot product, which matters at small sigma (see {@link IdealDenoiser}).
 */
public enum Precision {
    /** IEEE single precision. */
    FLOAT32(DataType.FLOAT32, 0x1p-125),
    /** IEEE double precision. */
    FLOAT64(DataType.FLOAT64, 0x1p-1021);

    private final DataType type;
    private final double floor;

    Precision(DataType type, double floor) {
        this.type = type;
        this.floor = floor;
    }

    /**
     * Twice the smallest positive normal number: 2^-125 ~ 2.35e-38 (float32), 2^-1021 ~ 4.45e-308
     * (float64), the level below which the exact denoisers drop softmax weights. Arithmetic on
     * subnormal numbers (below 2^-126, 2^-1022) is many times slower on x86; the factor 2 keeps
     * the exponential at the floor itself clear of them.
     */
    public double floor() {
        return floor;
    }

    /** ln {@link #floor()}: -86.64 (float32), -707.70 (float64). */
    public double logFloor() {
        return Math.log(floor);
    }

    /** The DJL data type. */
    public DataType dataType() {
        return type;
    }
}
