package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import edm.loss.Formulation;
import edm.nn.Mlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static List<float[]> weights(Mlp net) {
        List<float[]> w = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            w.add(p.getValue().getArray().toFloatArray());
        }
        return w;
    }

    @Test
    void roundTripRestoresEverything() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = TrainLoopTest.normalData(m, 128, 2, 0, 0.5, 5);
            Path file = dir.resolve("run.ckpt");
            Checkpoint saved;
            try (TrainLoop a = new TrainLoop(TrainLoopTest.mlp(2, 16), Formulation.edm(), data, TrainLoopTest.SMALL)) {
                a.run(3);
                a.save(file);
                saved = a.checkpoint();
            }
            Checkpoint c = Checkpoint.load(file);
            assertEquals(3, c.step());
            assertEquals(3, c.adamT());
            assertEquals(saved.architecture(), c.architecture());
            for (int i = 0; i < saved.weights().size(); i++) {
                assertArrayEquals(saved.weights().get(i).values(), c.weights().get(i).values());
                assertArrayEquals(saved.ema().get(i).values(), c.ema().get(i).values());
                assertArrayEquals(saved.adamM().get(i).values(), c.adamM().get(i).values());
                assertArrayEquals(saved.adamV().get(i).values(), c.adamV().get(i).values());
            }
            Mlp fresh = TrainLoopTest.mlp(2, 16);
            try (TrainLoop b = new TrainLoop(fresh, Formulation.edm(), data, TrainLoopTest.SMALL)) {
                b.restore(file);
                assertEquals(3, b.stepCount());
                List<float[]> w = weights(fresh);
                for (int i = 0; i < w.size(); i++) {
                    assertArrayEquals(saved.weights().get(i).values(), w.get(i));
                }
            }
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "no temporary file left behind");
            }
        }
    }

    @Test
    void corruptionAndMismatchesAreReported() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = TrainLoopTest.normalData(m, 128, 2, 0, 0.5, 6);
            Path file = dir.resolve("a.ckpt");
            try (TrainLoop a = new TrainLoop(TrainLoopTest.mlp(2, 16), Formulation.edm(), data, TrainLoopTest.SMALL)) {
                a.run(1);
                a.save(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Path bad = dir.resolve("bad.ckpt");
            Files.write(bad, bytes);
            IOException io = assertThrows(IOException.class, () -> Checkpoint.load(bad));
            assertTrue(io.getMessage().contains("bad.ckpt") && io.getMessage().contains("SHA-256 mismatch"),
                    io.getMessage());

            try (TrainLoop wider = new TrainLoop(TrainLoopTest.mlp(2, 32), Formulation.edm(), data,
                    TrainLoopTest.SMALL)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> wider.restore(file));
                assertTrue(e.getMessage().contains("a.ckpt") && e.getMessage().contains("architecture"),
                        e.getMessage());
            }
            try (TrainLoop otherSeed = new TrainLoop(TrainLoopTest.mlp(2, 16), Formulation.edm(), data,
                    TrainLoopTest.SMALL.withSeed(9))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> otherSeed.restore(file));
                assertTrue(e.getMessage().contains("seed"), e.getMessage());
            }
        }
    }

    @Test
    void resumingRepeatsTheStraightRunExactly() throws IOException {
        int n = 10;
        int k = 4;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = TrainLoopTest.normalData(m, 100, 2, 0.2, 0.5, 7);
            double[] straight = new double[n];
            Mlp a = TrainLoopTest.mlp(2, 16);
            try (TrainLoop loop = new TrainLoop(a, Formulation.edm(), data, TrainLoopTest.SMALL)) {
                for (int i = 0; i < n; i++) {
                    straight[i] = loop.step();
                }
            }
            Path file = dir.resolve("k.ckpt");
            double[] resumed = new double[n];
            try (TrainLoop first = new TrainLoop(TrainLoopTest.mlp(2, 16), Formulation.edm(), data,
                    TrainLoopTest.SMALL)) {
                for (int i = 0; i < k; i++) {
                    resumed[i] = first.step();
                }
                first.save(file);
            }
            Mlp c = TrainLoopTest.mlp(2, 16);
            try (TrainLoop second = new TrainLoop(c, Formulation.edm(), data, TrainLoopTest.SMALL)) {
                second.restore(file);
                for (int i = k; i < n; i++) {
                    resumed[i] = second.step();
                }
            }
            assertArrayEquals(straight, resumed, 0.0, "bit-identical losses");
            List<float[]> wa = weights(a);
            List<float[]> wc = weights(c);
            for (int i = 0; i < wa.size(); i++) {
                assertArrayEquals(wa.get(i), wc.get(i), 0f);
            }
        }
    }
}
