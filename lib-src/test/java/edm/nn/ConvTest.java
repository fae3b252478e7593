package edm.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Conv} (im2col + matrix product) against libtorch's convolution and finite differences. */
class ConvTest {
    /** {in, out, k, stride, H, W}. */
    private static final int[][] CASES = {
        {1, 8, 3, 1, 8, 8}, {3, 5, 3, 2, 8, 8}, {8, 16, 3, 2, 7, 9}, {16, 8, 3, 1, 5, 6}, {4, 4, 1, 1, 6, 6},
        {2, 3, 5, 1, 7, 7}, {6, 4, 5, 2, 9, 8}, {5, 3, 1, 2, 7, 7},
    };

    private static NDArray djl(NDArray x, NDArray w, NDArray b, int k, int s) {
        return Conv2d.conv2d(x, w, b, new Shape(s, s), new Shape(k / 2, k / 2)).singletonOrThrow();
    }

    @Test
    void forwardEqualsDjlConv2dForStride1And2() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] c : CASES) {
                NDArray x = m.randomNormal(new Shape(3, c[0], c[4], c[5]));
                NDArray w = m.randomNormal(new Shape(c[1], c[0], c[2], c[2]));
                NDArray b = m.randomNormal(new Shape(c[1]));
                NDArray want = djl(x, w, b, c[2], c[3]);
                NDArray got = Conv.im2col(x, w, b, c[3]);
                String name = java.util.Arrays.toString(c);
                assertEquals(want.getShape(), got.getShape(), name);
                assertArrayEquals(want.toFloatArray(), got.toFloatArray(), 1e-5f * (1 + c[0] * c[2] * c[2]), name);
            }
        }
    }

    @Test
    void blockHasConv2dParameterNamesShapesAndOutputShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv conv = new Conv(6, 3, 2);
            conv.initialize(m, DataType.FLOAT32, new Shape(2, 4, 8, 8));
            Conv2d ref = Conv2d.builder().setFilters(6).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .optStride(new Shape(2, 2)).build();
            ref.initialize(m, DataType.FLOAT32, new Shape(2, 4, 8, 8));
            List<String> names = new ArrayList<>();
            List<Shape> shapes = new ArrayList<>();
            for (Pair<String, Parameter> p : ref.getParameters()) {
                names.add(p.getValue().getName());
                shapes.add(p.getValue().getArray().getShape());
            }
            int i = 0;
            for (Pair<String, Parameter> p : conv.getParameters()) {
                assertEquals(names.get(i), p.getValue().getName());
                assertEquals(shapes.get(i), p.getValue().getArray().getShape());
                i++;
            }
            assertEquals(names.size(), i);
            Shape[] in = {new Shape(2, 4, 8, 8)};
            assertEquals(ref.getOutputShapes(in)[0], conv.getOutputShapes(in)[0]);
            NDArray x = m.randomNormal(new Shape(2, 4, 8, 8));
            NDArray y = conv.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 6, 4, 4), y.getShape());
        }
    }

    /** Gradients of L = sum(r * conv(x, w, b)) with respect to x, w, b. */
    private static NDArray[] gradients(NDArray x, NDArray w, NDArray b, NDArray r, int k, int s, boolean lib) {
        NDArray[] v = {x.duplicate(), w.duplicate(), b.duplicate()};
        for (NDArray a : v) {
            a.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = lib ? Conv.libtorch(v[0], v[1], v[2], s) : Conv.im2col(v[0], v[1], v[2], s);
            gc.backward(y.mul(r).sum());
        }
        return new NDArray[] {v[0].getGradient(), v[1].getGradient(), v[2].getGradient()};
    }

    @Test
    void float64GradientsMatchCentralFiniteDifferences() {
        int k = 3;
        for (int s : new int[] {1, 2}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.randomNormal(new Shape(1, 2, 5, 6)).toType(DataType.FLOAT64, false);
                NDArray w = m.randomNormal(new Shape(2, 2, k, k)).toType(DataType.FLOAT64, false);
                NDArray b = m.randomNormal(new Shape(2)).toType(DataType.FLOAT64, false);
                NDArray r = m.randomNormal(Conv.im2col(x, w, b, s).getShape()).toType(DataType.FLOAT64, false);
                NDArray[] g = gradients(x, w, b, r, k, s, false);
                NDArray[] at = {x, w, b};
                double h = 1e-6;
                for (int which = 0; which < 3; which++) {
                    double[] base = at[which].toDoubleArray();
                    double[] analytic = g[which].toDoubleArray();
                    for (int j = 0; j < base.length; j++) {
                        double[] plus = base.clone();
                        double[] minus = base.clone();
                        plus[j] += h;
                        minus[j] -= h;
                        NDArray[] p = at.clone();
                        NDArray[] q = at.clone();
                        p[which] = m.create(plus, at[which].getShape());
                        q[which] = m.create(minus, at[which].getShape());
                        double lp = Conv.im2col(p[0], p[1], p[2], s).mul(r).sum().getDouble();
                        double lq = Conv.im2col(q[0], q[1], q[2], s).mul(r).sum().getDouble();
                        assertEquals((lp - lq) / (2 * h), analytic[j], 1e-6,
                                "stride " + s + " argument " + which + " element " + j);
                    }
                }
            }
        }
    }

    /**
     * Gradients against libtorch's float64 convolution gradients. Its float32 CPU gradients are not used as the
     * reference: on an earlier machine of this project the float32 3x3 stride-1 input gradient was wrong by up to
     * about 10 (|gradient| about 10) for e.g. 16 -> 8 channels on 5x6, while the float64 one agreed with this class
     * to 1e-14 (whether they are sound here is {@link ConvKernelCheck}'s question); the deviation is printed.
     */
    @Test
    void gradientsEqualDjlConv2dFloat64Gradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] c : CASES) {
                String name = java.util.Arrays.toString(c);
                NDArray x = m.randomNormal(new Shape(2, c[0], c[4], c[5]));
                NDArray w = m.randomNormal(new Shape(c[1], c[0], c[2], c[2]));
                NDArray b = m.randomNormal(new Shape(c[1]));
                NDArray r = m.randomNormal(Conv.im2col(x, w, b, c[3]).getShape());
                NDArray[] ours32 = gradients(x, w, b, r, c[2], c[3], false);
                NDArray[] lib32 = gradients(x, w, b, r, c[2], c[3], true);
                NDArray[] d = {x, w, b, r};
                for (int i = 0; i < d.length; i++) {
                    d[i] = d[i].toType(DataType.FLOAT64, true);
                }
                NDArray[] ours64 = gradients(d[0], d[1], d[2], d[3], c[2], c[3], false);
                NDArray[] lib64 = gradients(d[0], d[1], d[2], d[3], c[2], c[3], true);
                for (int i = 0; i < 3; i++) {
                    double[] want = lib64[i].toDoubleArray();
                    double scale = 1 + lib64[i].abs().max().getDouble();
                    assertArrayEquals(want, ours64[i].toDoubleArray(), 1e-12 * scale, name + " float64 grad " + i);
                    float[] got = ours32[i].toFloatArray();
                    for (int j = 0; j < want.length; j++) {
                        assertTrue(Float.isFinite(got[j]), name + " grad " + i + " [" + j + "]");
                        assertEquals(want[j], got[j], 1e-5 * scale, name + " float32 grad " + i + " [" + j + "]");
                    }
                    System.out.printf("conv %s grad %d: max |ours32 - lib64| %.1e, max |libtorch32 - lib64| %.1e%n",
                            name, i, ours32[i].toType(DataType.FLOAT64, false).sub(lib64[i]).abs().max().getDouble(),
                            lib32[i].toType(DataType.FLOAT64, false).sub(lib64[i]).abs().max().getDouble());
                }
            }
        }
    }
}
