package edm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edm.cli.MainTest.Result;
import edm.data.Npy;
import edm.data.Split;
import edm.metric.FeatureClassifier;
import edm.train.Checkpoint;
import edm.zoo.TrainRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, generate and eval through the command line, on tiny models of the 8x8 digits. */
class ZooCommandsTest {
    private static final String[] TINY = {"--config", "edm", "--data", "digits", "--channels", "8,16",
        "--no-attention", "--batch", "16", "--snap-kimg", "0.064", "--warmup-kimg", "0.032"};

    static Result train(Path dir, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--run-dir", dir.toString()));
        a.addAll(List.of(TINY));
        a.addAll(List.of(more));
        return MainTest.run(a.toArray(String[]::new));
    }

    @Test
    void cliResumeEqualsStraightRun(@TempDir Path tmp) throws IOException {
        Result r = train(tmp.resolve("a"), "--steps", "8");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, train(tmp.resolve("b"), "--steps", "4").code());
        r = MainTest.run("train", "--resume", tmp.resolve("b").toString(), "--steps", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming at step 4"), r.out());
        Checkpoint a = Checkpoint.load(tmp.resolve("a").resolve(TrainRun.STATE));
        Checkpoint b = Checkpoint.load(tmp.resolve("b").resolve(TrainRun.STATE));
        assertEquals(8, b.step());
        for (int i = 0; i < a.weights().size(); i++) {
            assertArrayEquals(a.weights().get(i).values(), b.weights().get(i).values());
            assertArrayEquals(a.ema().get(i).values(), b.ema().get(i).values());
        }
    }

    @Test
    void generateSeedsAreIndependentOfTheBatch(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--steps", "4").code());
        Path few = tmp.resolve("few.npy");
        Path many = tmp.resolve("many.npy");
        Result r = MainTest.run("generate", "--model", run.toString(), "--seeds", "0-7", "--steps", "3", "--out", few.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 NFE per image"), r.out());
        assertEquals(0, MainTest.run("generate", "--model", run.toString(), "--seeds", "0-63", "--steps", "3",
                "--out", many.toString()).code());
        Npy.Array a = Npy.read(few);
        Npy.Array b = Npy.read(many);
        assertArrayEquals(new long[] {8, 1, 8, 8}, a.shape());
        assertArrayEquals(a.values(), Arrays.copyOf(b.values(), a.values().length));
        // the same images at other positions of a request: seeds 3-10 are rows 3-10 of 0-63
        Path mid = tmp.resolve("mid.npy");
        assertEquals(0, MainTest.run("generate", "--model", run.toString(), "--seeds", "3-10", "--steps", "3",
                "--out", mid.toString()).code());
        int row = a.values().length / 8;
        assertArrayEquals(Arrays.copyOfRange(b.values(), 3 * row, 11 * row), Npy.read(mid).values());
        Path png = tmp.resolve("grid.png");
        assertEquals(0, MainTest.run("generate", "--model", run.toString(), "--seeds", "0-15", "--steps", "2",
                "--out", png.toString()).code());
        assertTrue(Files.size(png) > 100);
    }

    @Test
    void evalPutsRealImagesNearTheFloorAndNoiseFarAbove(@TempDir Path tmp) throws IOException {
        var test = FeatureClassifier.data("digits", Split.TEST);
        double[] real = new double[test.size() * test.dim()];
        double[] noise = new double[real.length];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < test.size(); i++) {
            float[] img = test.image(i);
            for (int j = 0; j < img.length; j++) {
                real[i * img.length + j] = img[j];
                noise[i * img.length + j] = Math.max(-1, Math.min(1, rng.nextGaussian() * 0.5));
            }
        }
        long[] shape = {test.size(), 1, 8, 8};
        Path realFile = tmp.resolve("real.npy");
        Path noiseFile = tmp.resolve("noise.npy");
        Npy.write(realFile, shape, real);
        Npy.write(noiseFile, shape, noise);
        Path csv = tmp.resolve("t.csv");
        Result r = MainTest.run("eval", "--model", realFile.toString(), "--data", "digits", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        double realRatio = ratio(Files.readAllLines(csv));
        Result n = MainTest.run("eval", "--model", noiseFile.toString(), "--data", "digits");
        assertEquals(0, n.code(), n.err());
        double noiseRatio = Double.parseDouble(n.out().lines().filter(l -> l.contains("FD / floor")).findFirst()
                .orElseThrow().split("\\|")[2].trim());
        // held-out digits are as far from the test set as training digits are (they are the test set: below 1)
        assertTrue(realRatio < 1.5, "real/floor = " + realRatio);
        assertTrue(noiseRatio > 10, "noise/floor = " + noiseRatio);
        // the floor rows carry the classifier's confident fraction on real training digits; held-out digits
        // scored as samples get nearly the same (binomial sd at n = test size is about 0.02; 0.1 is 5 sd)
        List<String> lines = Files.readAllLines(csv);
        double sampleConfident = Double.parseDouble(lines.get(1).split(",")[4]);
        double floorConfident = lines.stream().filter(l -> l.startsWith("floor: mean")).findFirst()
                .map(l -> Double.parseDouble(l.split(",")[4])).orElseThrow();
        assertTrue(floorConfident > 0.8 && floorConfident <= 1, "floor confident = " + floorConfident);
        assertEquals(floorConfident, sampleConfident, 0.1, "held-out vs training digits, confident fraction");
    }

    private static double ratio(List<String> csv) {
        for (String l : csv) {
            if (l.startsWith("FD / floor")) {
                return Double.parseDouble(l.split(",")[2]);
            }
        }
        throw new AssertionError("no ratio row in " + csv);
    }

    @Test
    void badInputIsOneErrorLineAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--steps", "4").code());
        Path model = TrainRun.latestModel(run);
        byte[] modelBytes = Files.readAllBytes(model);
        Path corrupt = tmp.resolve("corrupt.edm");
        byte[] bad = modelBytes.clone();
        bad[bad.length / 3] ^= 4;
        Files.write(corrupt, bad);
        Path bogusNpy = tmp.resolve("mnist-shaped.npy");
        Npy.write(bogusNpy, new long[] {2, 1, 28, 28}, new double[2 * 784]);
        String[][] cases = {
            {"train", "--config", "nope", "--run-dir", tmp.resolve("x1").toString()},
            {"train", "--config", "edm", "--data", "cifar", "--run-dir", tmp.resolve("x2").toString()},
            {"train", "--config", "edm", "--kimg", "0", "--run-dir", tmp.resolve("x3").toString()},
            {"train", "--config", "edm", "--data", "digits", "--run-dir", run.toString()},
            {"train", "--resume", run.toString(), "--lr", "1"},
            {"generate", "--model", "no-such-model", "--out", tmp.resolve("g.png").toString()},
            {"generate", "--model", corrupt.toString(), "--out", tmp.resolve("g2.png").toString()},
            {"generate", "--model", run.toString(), "--out", model.toString()},
            {"generate", "--model", run.toString(), "--out", tmp.resolve("g.txt").toString()},
            {"generate", "--model", run.toString(), "--seeds", "5-1", "--out", tmp.resolve("g3.png").toString()},
            {"generate", "--model", run.toString(), "--churn", "5", "--out", tmp.resolve("g4.png").toString()},
            {"eval", "--model", bogusNpy.toString(), "--data", "digits"},
            {"eval", "--model", run.toString(), "--n", "0"},
        };
        for (String[] c : cases) {
            Result r = MainTest.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1,
                    String.join(" ", c) + " -> " + r.err());
        }
        assertArrayEquals(modelBytes, Files.readAllBytes(model));
        for (String f : new String[] {"x1", "x2", "x3", "g.png", "g2.png", "g.txt", "g3.png", "g4.png"}) {
            assertTrue(!Files.exists(tmp.resolve(f)), f + " was written");
        }
    }

    @Test
    void shipWritesModelChecksumGridAndCard(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--steps", "4").code());
        Path zoo = tmp.resolve("zoo");
        Files.createDirectories(zoo);
        Result r = MainTest.run("ship", "--run", run.toString(), "--name", "tiny-digits", "--zoo", zoo.toString(),
                "--n", "40", "--sampling-seeds", "2", "--floor-draws", "2");
        assertEquals(0, r.code(), r.err());
        String card = Files.readString(zoo.resolve("tiny-digits.md"));
        assertTrue(card.contains("./workbench train --run-dir") && card.contains("FD / floor"), card);
        assertTrue(card.contains("real training images (the ceiling)"), card);
        assertTrue(Files.readString(zoo.resolve("tiny-digits.edm.sha256"))
                .startsWith(edm.train.SealedFile.sha256Hex(zoo.resolve("tiny-digits.edm"))));
        assertTrue(Files.size(zoo.resolve("tiny-digits.png")) > 100);
        edm.zoo.ModelFile.load(zoo.resolve("tiny-digits.edm")).denoiser();
        Result again = MainTest.run("ship", "--run", run.toString(), "--name", "tiny-digits", "--zoo", zoo.toString());
        assertEquals(2, again.code(), "an existing entry is not replaced without --force");
        assertTrue(again.err().contains("--force"), again.err());
    }

    @Test
    void sigtermLeavesALoadableCheckpoint(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "edm.cli.Main", "train",
                "--run-dir", run.toString(), "--steps", "100000"));
        cmd.addAll(List.of(TINY).subList(0, 9)); // without --snap-kimg: no snapshot before the signal
        cmd.addAll(List.of("--snap-kimg", "1000"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        Path log = tmp.resolve("log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !(Files.exists(log) && Files.readString(log).contains("kimg  loss"))) {
            Thread.sleep(200);
        }
        Thread.sleep(500);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process ended");
        String out = Files.readString(log);
        assertTrue(out.contains("state saved"), out);
        Checkpoint c = Checkpoint.load(run.resolve(TrainRun.STATE));
        assertTrue(c.step() > 0, "step " + c.step());
        assertTrue(Files.readString(run.resolve(TrainRun.STATUS)).contains("\"stopped\""));
    }
}
