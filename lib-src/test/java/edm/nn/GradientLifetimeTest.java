package edm.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression for the U-Net NaN gradients: every tensor that autograd saves for backward must stay valid
 * however the Java heap is collected between forward and backward. The old attention divided by
 * sqrt(C) with {@code div(Number)}, whose scalar lived in a Java direct buffer freed after the op, so
 * a garbage collection before backward made the gradients infinite or NaN (see {@link Scalar}).
 */
class GradientLifetimeTest {

    /** Collects garbage and reuses freed direct memory, as a long-running JVM eventually does. */
    static void churnJavaMemory() {
        for (int r = 0; r < 3; r++) {
            System.gc();
            List<ByteBuffer> reuse = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                reuse.add(ByteBuffer.allocateDirect(4).putFloat(0, Float.NaN));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<float[]> gradients(DenoiserNet net, NDManager m, NDArray x, NDArray c, boolean churn) {
        try (NDManager sm = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray f = net.forward(new ParameterStore(sm, false), new NDList(x, c), true).singletonOrThrow();
                if (churn) {
                    churnJavaMemory();
                }
                gc.backward(f.square().mean());
            }
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                out.add(g.toFloatArray());
                g.subi(g);
                g.close();
            }
            return out;
        }
    }

    @Test
    void unetGradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet net = Init.seeded(new UNet(new UNet.Config(new Shape(1, 8, 8), new int[] {8, 16}, true, 4,
                    NoiseEmbedding.positional(16))), m, 3);
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8));
            NDArray c = m.create(new float[] {-1f, 0f, 0.5f, 2f}).duplicate();
            List<float[]> calm = gradients(net, m, x, c, false);
            for (int rep = 0; rep < 3; rep++) {
                List<float[]> churned = gradients(net, m, x, c, true);
                for (int i = 0; i < calm.size(); i++) {
                    for (float v : churned.get(i)) {
                        assertTrue(Float.isFinite(v), "gradient of parameter " + i + " not finite: " + v);
                    }
                    assertArrayEquals(calm.get(i), churned.get(i), 1e-5f, "gradient of parameter " + i);
                }
            }
        }
    }

    @Test
    void scalarOwnsItsMemory() {
        // The same check at the smallest scale: d/dx sum(x * (1/3)) = 1/3 after the heap is churned.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(4));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = x.mul(Scalar.like(x, 1.0 / 3));
                churnJavaMemory();
                gc.backward(y.sum());
            }
            assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3, 1f / 3}, x.getGradient().toFloatArray(), 1e-7f);
        }
    }
}
