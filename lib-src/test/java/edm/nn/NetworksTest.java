package edm.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import edm.precond.Preconditioning;
import org.junit.jupiter.api.Test;

class NetworksTest {

    private static NDArray forward(DenoiserNet net, NDManager m, NDArray x, float cNoise) {
        long b = x.getShape().get(0);
        NDArray c = m.full(new Shape(b), cNoise);
        return net.forward(new ParameterStore(m, false), new NDList(x, c), false).singletonOrThrow();
    }

    @Test
    void mlpKeepsTheSampleShapeAndSeededInitRepeats() {
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp.Config cfg = Mlp.Config.of(new Shape(1, 8, 8)).withSize(32, 2);
            Mlp a = Init.seeded(new Mlp(cfg), m, 7);
            Mlp b = Init.seeded(new Mlp(cfg), m, 7);
            NDArray x = m.randomNormal(new Shape(5, 1, 8, 8));
            NDArray fa = forward(a, m, x, 0.3f);
            assertEquals(new Shape(5, 1, 8, 8), fa.getShape());
            assertArrayEquals(fa.toFloatArray(), forward(b, m, x, 0.3f).toFloatArray());
            Mlp c = Init.seeded(new Mlp(cfg), m, 8);
            assertFalse(java.util.Arrays.equals(fa.toFloatArray(), forward(c, m, x, 0.3f).toFloatArray()));
        }
    }

    @Test
    void unetKeepsTheImageShapeAt8And28() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet small = Init.seeded(new UNet(new UNet.Config(new Shape(1, 8, 8), new int[] {8, 16}, true, 4,
                    NoiseEmbedding.fourier(16, 16))), m, 1);
            assertEquals(new Shape(3, 1, 8, 8), forward(small, m, m.randomNormal(new Shape(3, 1, 8, 8)), 0.1f).getShape());
            UNet mnist = Init.seeded(new UNet(new UNet.Config(new Shape(1, 28, 28), new int[] {8, 16, 16}, true, 4,
                    NoiseEmbedding.positional(16))), m, 1);
            NDArray f = forward(mnist, m, m.randomNormal(new Shape(2, 1, 28, 28)), -0.5f);
            assertEquals(new Shape(2, 1, 28, 28), f.getShape());
            assertTrue(Float.isFinite(f.sum().getFloat()));
        }
    }

    @Test
    void unetConfigRejectsBadSizes() {
        Shape s = new Shape(1, 28, 28);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new UNet.Config(s, new int[] {8, 16, 16, 16}, false, 4, NoiseEmbedding.positional(16)));
        assertTrue(e.getMessage().contains("divisible by 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new UNet.Config(s, new int[] {8, 12}, false, 8, NoiseEmbedding.positional(16)));
        assertTrue(e.getMessage().contains("channels[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseEmbedding.positional(7));
        assertTrue(e.getMessage().contains("dim"), e.getMessage());
    }

    @Test
    void networkDenoiserIsCskipXPlusCoutFInTheInputType() {
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp net = Init.seeded(new Mlp(Mlp.Config.of(new Shape(2)).withSize(16, 1)), m, 3);
            Preconditioning p = Preconditioning.edm();
            NetworkDenoiser d = new NetworkDenoiser(net, p);
            double sigma = 0.7;
            NDArray x = m.create(new double[][] {{0.3, -1.2}, {2.0, 0.1}});
            NDArray out = d.denoise(x, sigma);
            assertEquals(DataType.FLOAT64, out.getDataType());
            assertEquals(x.getShape(), out.getShape());
            NDArray f = forward(net, m, x.mul(p.cIn(sigma)).toType(DataType.FLOAT32, false), (float) p.cNoise(sigma));
            double[] expect = x.mul(p.cSkip(sigma)).add(f.toType(DataType.FLOAT64, false).mul(p.cOut(sigma)))
                    .toDoubleArray();
            assertArrayEquals(expect, out.toDoubleArray(), 1e-12);
            assertThrows(IllegalArgumentException.class, () -> d.denoise(x, 0));
            assertThrows(IllegalArgumentException.class, () -> d.denoise(m.zeros(new Shape(2, 3)), 1));
        }
    }

    /**
     * A denoiser call and a training step free everything they made: the parameters' manager holds as many
     * arrays afterwards as before. (Ops attach results to their first operand's manager; a reshaped parameter
     * first once kept every U-Net step's activations and autograd graph, about 2 GB a step on 28x28.)
     */
    @Test
    void unetCallsAndTrainingStepsLeaveNothingInTheParameterManager() {
        try (NDManager pm = NDManager.newBaseManager(); NDManager m = NDManager.newBaseManager()) {
            UNet net = Init.seeded(new UNet(new UNet.Config(new Shape(1, 8, 8), new int[] {8, 16}, true, 4,
                    NoiseEmbedding.positional(16))), pm, 5);
            ai.djl.ndarray.BaseNDManager owner = (ai.djl.ndarray.BaseNDManager) net.getParameters().get(0).getValue()
                    .getArray().getManager();
            NetworkDenoiser d = new NetworkDenoiser(net, Preconditioning.edm());
            NDArray x = m.randomNormal(new Shape(3, 1, 8, 8)).toType(DataType.FLOAT64, false);
            d.denoise(x, 1.0).close();
            int before = owner.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                d.denoise(x, 0.5 + i).close();
            }
            assertEquals(before, owner.getManagedArrays().size(), "arrays left by denoiser calls");
            for (ConvKernel k : ConvKernel.values()) { // both kernels, whichever is active
                NDArray w = pm.randomNormal(new Shape(4, 2, 3, 3));
                NDArray bias = pm.zeros(new Shape(4));
                int held = ((ai.djl.ndarray.BaseNDManager) pm).getManagedArrays().size();
                try (NDManager step = m.newSubManager()) {
                    k.apply(step.randomNormal(new Shape(2, 2, 5, 5)), w, bias, 1).sum();
                }
                assertEquals(held, ((ai.djl.ndarray.BaseNDManager) pm).getManagedArrays().size(), "arrays left by " + k);
            }
            NDArray data = m.randomNormal(new Shape(16, 1, 8, 8));
            try (edm.train.TrainLoop loop = new edm.train.TrainLoop(net, edm.loss.Formulation.edm(), data,
                    edm.train.TrainConfig.defaults().withBatchSize(4))) {
                loop.step();
                int afterOne = owner.getManagedArrays().size();
                loop.step();
                loop.step();
                assertEquals(afterOne, owner.getManagedArrays().size(), "arrays left by training steps");
            }
        }
    }
}
