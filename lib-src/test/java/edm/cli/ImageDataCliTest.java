package edm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edm.cli.MainTest.Result;
import edm.data.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample and sweep on MNIST's exact denoiser, the ablation grid by name, and caller-supplied latents. */
class ImageDataCliTest {
    @Test
    void heunOnMnistPutsEverySampleOnATrainingImage(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("s.npy");
        Result r = MainTest.run("sample", "--data", "mnist:300", "--solver", "heun", "--steps", "18", "--n", "12",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String row = r.out().lines().filter(l -> l.contains("heun")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        assertEquals(1.0, Double.parseDouble(cells[cells.length - 1].strip()), 0, row);
        assertArrayEquals(new long[] {12, 784}, Npy.read(out).shape());
        Path png = tmp.resolve("s.png");
        assertEquals(0, MainTest.run("sample", "--data", "mnist:300", "--steps", "4", "--n", "4", "--out", png.toString()).code());
        assertTrue(Files.size(png) > 100);
    }

    @Test
    void sameLatentsInSameSamplesOut(@TempDir Path tmp) throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        double[] z = new double[6 * 2];
        for (int i = 0; i < z.length; i++) z[i] = rng.nextGaussian();
        Path lat = tmp.resolve("z.npy");
        Npy.write(lat, new long[] {6, 2}, z);
        Path a = tmp.resolve("a.npy");
        Path b = tmp.resolve("b.npy");
        assertEquals(0, MainTest.run("sample", "--data", "gaussian", "--latents", lat.toString(), "--seed", "1", "--out", a.toString()).code());
        assertEquals(0, MainTest.run("sample", "--data", "gaussian", "--latents", lat.toString(), "--seed", "99", "--out", b.toString()).code());
        assertArrayEquals(Npy.read(a).values(), Npy.read(b).values(), "the latents, not the seed, fix a deterministic run");
        Path c = tmp.resolve("c.npy");
        assertEquals(0, MainTest.run("sample", "--data", "gaussian", "--seed", "99", "--n", "6", "--out", c.toString()).code());
        assertTrue(!java.util.Arrays.equals(Npy.read(a).values(), Npy.read(c).values()));
        Result bad = MainTest.run("sample", "--data", "mnist:10", "--latents", lat.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--latents") && bad.err().contains("784"), bad.err());
    }

    @Test
    void sweepRunsAllTwentyFourCombinationsWithBothSolvers(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("t.csv");
        Result r = MainTest.run("sweep", "--data", "mnist:60", "--solver", "euler,heun", "--discretization", "vp,ve,iddpm,edm",
                "--schedule", "vp,ve,linear", "--scaling", "vp,none", "--steps", "6", "--n", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + 48, lines.size());
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            assertTrue(Double.isFinite(Double.parseDouble(c[11])), "finite sw1: " + l);
        }
    }

    @Test
    void imageDataAndGridOptionsAreChecked() {
        for (String[] c : new String[][] {
            {"sample", "--data", "mnist:0"},
            {"sample", "--data", "mnist:x"},
            {"sample", "--data", "mnist:10", "--schedule", "cosine"},
            {"sample", "--data", "mnist:10", "--solver", "dpm2m", "--schedule", "vp"},
            {"sample", "--data", "moons", "--out", "x.png"},
        }) {
            Result r = MainTest.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, r.err());
        }
    }
}
