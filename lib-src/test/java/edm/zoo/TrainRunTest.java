package edm.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edm.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run directories: exact resume, the files a run writes, model files, the zoo resolver. */
class TrainRunTest {
    /** A tiny U-Net run on the 8x8 digits: 12 steps of 16 images, a snapshot every 4 steps. */
    static RunSpec tiny(double kimg) {
        return new RunSpec("edm", "digits", "unet", new int[] {8, 16}, false, 0, 0, 16, 1e-3, 0.032, 0.5, 0.05, 10, 7,
                kimg, 0.064);
    }

    @Test
    void resumedRunEqualsStraightRunBitForBit(@TempDir Path tmp) throws IOException {
        Path straight = tmp.resolve("straight");
        try (TrainRun r = TrainRun.create(straight, tiny(0.192))) {
            assertTrue(r.train(System.err, () -> false));
        }
        Path split = tmp.resolve("split");
        try (TrainRun r = TrainRun.create(split, tiny(0.192))) {
            int[] calls = {0};
            assertTrue(!r.train(System.err, () -> ++calls[0] > 6)); // stops after 6 steps: between snapshots
            assertEquals(6, r.loop().stepCount());
        }
        try (TrainRun r = TrainRun.resume(split, null)) {
            assertEquals(6, r.loop().stepCount());
            assertTrue(r.train(System.err, () -> false));
        }
        Checkpoint a = Checkpoint.load(straight.resolve(TrainRun.STATE));
        Checkpoint b = Checkpoint.load(split.resolve(TrainRun.STATE));
        assertEquals(12, a.step());
        assertEquals(a.step(), b.step());
        for (int i = 0; i < a.weights().size(); i++) {
            assertArrayEquals(a.weights().get(i).values(), b.weights().get(i).values(), "weights " + i);
            assertArrayEquals(a.ema().get(i).values(), b.ema().get(i).values(), "ema " + i);
            assertArrayEquals(a.adamV().get(i).values(), b.adamV().get(i).values(), "adam v " + i);
        }
        assertEquals(Files.readString(straight.resolve(TrainRun.LOG)), Files.readString(split.resolve(TrainRun.LOG)));
        for (String f : new String[] {"model-000000.064.edm", "model-000000.192.edm", "grid-000000.128.png", TrainRun.CONFIG, TrainRun.STATUS}) {
            assertTrue(Files.exists(straight.resolve(f)), f);
        }
        assertTrue(Files.readString(straight.resolve(TrainRun.STATUS)).contains("\"finished\""));
        assertEquals(tiny(0.192), RunSpec.read(straight.resolve(TrainRun.CONFIG)));
    }

    @Test
    void modelFileRoundTripAndZooResolution(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        try (TrainRun r = TrainRun.create(dir, tiny(0.064))) {
            r.train(System.err, () -> false);
        }
        ModelFile m = Zoo.load(dir.toString()); // newest model-*.edm
        ModelFile fromState = Zoo.load(dir.resolve(TrainRun.STATE).toString());
        assertEquals(m.step(), fromState.step());
        for (int i = 0; i < m.tensors().size(); i++) {
            assertArrayEquals(m.tensors().get(i).values(), fromState.tensors().get(i).values());
        }
        assertEquals(tiny(0.064), m.spec());
        m.denoiser(); // the tensors fit the specification's network
        Path copy = tmp.resolve("copy.edm");
        m.save(copy);
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy, bytes);
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(copy));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Zoo.load("no-such-model"));
        assertTrue(unknown.getMessage().contains("no-such-model"), unknown.getMessage());
    }

    @Test
    void aRunIsNeverOverwritten(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("precious.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainRun.create(dir, tiny(0.064)));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("x", Files.readString(dir.resolve("precious.txt")));
    }

    @Test
    void specRejectsBadFieldsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSpec.defaults("nope", "mnist"));
        assertTrue(e.getMessage().contains("recipe") && e.getMessage().contains("edm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunSpec.defaults("edm", "cifar"));
        assertTrue(e.getMessage().contains("data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunSpec.defaults("edm", "mnist").withKimg(0));
        assertTrue(e.getMessage().contains("kimg"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson("{\"recipe\": \"edm\""));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }
}
