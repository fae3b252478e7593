package edm.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** Builders of the 2D convolutions of the U-Net. */
final class Conv {
    private Conv() {}

    /** k x k convolution with "same" padding and the given stride. */
    static Conv2d of(int filters, int k, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(k, k))
                .optPadding(new Shape(k / 2, k / 2)).optStride(new Shape(stride, stride)).build();
    }

    /** (B, C, H, W). */
    static Shape shape(long b, long c, long h, long w) {
        return new Shape(b, c, h, w);
    }
}
