package edm.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The remaining cause of the U-Net NaN gradients, and its fix: on this CPU build (DJL 0.35.1, libtorch 2.7.1)
 * the input gradient of a 3x3 {@code Conv2d} is sometimes non-finite when the native heap holds freed NaN
 * memory, although input, weights, forward output and output gradient are all finite; 1x1 convolutions were
 * never affected. Measured (5 reps each, 2 threads): padded 3x3 2-5 bad, unpadded 3x3 5 bad, 1x1 0 bad;
 * with 1 intra-op thread padded 3x3 0 bad but unpadded 3x3 still 2-5 bad. A freshly started JVM has a clean
 * heap, which is why the U-Net passed alone and failed after another network had trained. The networks now use
 * {@link Conv} (im2col and a matrix product, no libtorch convolution kernel), checked here on the same dirty heap.
 */
class ConvBackwardTest {
    static void dirtyNativeHeap(NDManager m) {
        for (int size : new int[] {64, 256, 1024, 4096, 16384, 65536}) {
            for (int r = 0; r < 20; r++) {
                m.full(new Shape(size), Float.NaN, DataType.FLOAT32).close();
            }
        }
    }

    static int nonFiniteInputGradients(Block conv, int outHw) {
        try (NDManager m = NDManager.newBaseManager()) {
            conv.initialize(m, DataType.FLOAT32, new Shape(4, 8, 8, 8));
            NDArray x = m.randomNormal(new Shape(4, 8, 8, 8));
            x.setRequiresGradient(true);
            NDArray r = m.randomNormal(new Shape(4, 8, outHw, outHw));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = conv.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                dirtyNativeHeap(m);
                gc.backward(y.mul(r).sum());
            }
            int bad = 0;
            for (float v : x.getGradient().toFloatArray()) {
                bad += Float.isFinite(v) ? 0 : 1;
            }
            return bad;
        }
    }

    @Test
    void oneByOneConvolutionInputGradientIsFinite() {
        for (int rep = 0; rep < 3; rep++) {
            assertEquals(0, nonFiniteInputGradients(Conv.of(8, 1, 1), 8));
        }
    }

    @Test
    void threeByThreeConvolutionInputGradientIsFinite() {
        for (int rep = 0; rep < 5; rep++) {
            assertEquals(0, nonFiniteInputGradients(Conv.of(8, 3, 1), 8), "rep " + rep);
            assertEquals(0, nonFiniteInputGradients(Conv.of(8, 3, 2), 4), "stride 2, rep " + rep);
        }
    }

    @Test
    @Disabled("upstream fault kept for reference: libtorch's own 3x3 conv input gradient on a dirty heap (class doc);"
            + " run by hand to see whether a new DJL/libtorch version still has it")
    void libtorchThreeByThreeConvolutionInputGradientIsFinite() {
        for (int rep = 0; rep < 5; rep++) {
            assertEquals(0, nonFiniteInputGradients(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).build(), 8), "rep " + rep);
        }
    }
}
