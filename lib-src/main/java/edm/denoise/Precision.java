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
    FLOAT64(DataType.FLOAT64, 0x1p-125);

    private final DataType type;
    private final double floor;

    Precision(DataType type, double floor) {
        this.type = type;
        this.floor = floor;
    }

    /**
     * The level at or below which the exact denoisers drop softmax weights (relative to the largest):
     * 2^-125 ~ 2.35e-38 in both precisions, twice float32's smallest normal number 2^-126. Arithmetic
     * on subnormal numbers is many times slower on x86; the factor 2 keeps the exponential at the
     * floor clear of them in float32. Float64 uses the same floor rather than its own 2^-1022, so that
     * no product of a kept weight with a data value (|y| &gt;= 2^-896) is subnormal either; the
     * weights it drops sum to at most N 2.35e-38 of the total, 10^-21 of float64's rounding.
     */
    public double floor() {
        return floor;
    }

    /** ln {@link #floor()} = -86.64. */
    public double logFloor() {
        return Math.log(floor);
    }

    /** The DJL data type. */
    public DataType dataType() {
        return type;
    }
}
