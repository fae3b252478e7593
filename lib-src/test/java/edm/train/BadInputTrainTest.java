package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import edm.loss.Formulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a bad data row, crafted checkpoint headers, and temporaries of killed saves. */
class BadInputTrainTest {
    private static final String MAGIC = "EDMCKPT1";

    @TempDir
    Path dir;

    @Test
    void aNanLossNamesTheSigmaAndTheDataRow() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = TrainLoopTest.normalData(m, 64, 2, 0, 0.5, 3);
            data.set(new NDIndex("40, 1"), Double.NaN);
            try (TrainLoop loop = new TrainLoop(TrainLoopTest.mlp(2, 16), Formulation.edm(), data,
                    TrainLoopTest.SMALL.withBatchSize(8))) {
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.run(20));
                assertTrue(e.getMessage().contains("1 of 8 samples of the batch not finite"), e.getMessage());
                Matcher s = Pattern.compile("sigma = ([0-9.Ee-]+) on data row 40").matcher(e.getMessage());
                assertTrue(s.find(), e.getMessage());
                assertTrue(Double.parseDouble(s.group(1)) > 0);
            }
        }
    }

    @Test
    void nonFiniteSamplesAreListedAtMostFive() {
        float[] loss = new float[8];
        java.util.Arrays.fill(loss, Float.NaN);
        loss[0] = 1;
        String s = TrainLoop.nonFiniteSamples(loss, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {10, 11, 12, 13, 14, 15, 16, 17});
        assertTrue(s.startsWith("7 of 8 samples of the batch not finite: sigma = 2.0 on data row 11;"), s);
        assertTrue(s.endsWith("; 2 more"), s);
    }

    private Path crafted(String header) throws IOException {
        Path file = dir.resolve("crafted.ckpt");
        SealedFile.write(file, MAGIC, header, List.of());
        return file;
    }

    @Test
    void craftedHeadersAreRejectedNamingFileAndField() throws IOException {
        String ok = "\"architecture\": \"mlp\", \"seed\": 0, \"batchSize\": 4, \"adamT\": 0";
        Path f = crafted("{" + ok + ", \"step\": 0, \"tensors\": null}");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("header field tensors is missing"),
                e.getMessage());
        Path g = crafted("{" + ok + ", \"step\": -5, \"tensors\": []}");
        e = assertThrows(IOException.class, () -> Checkpoint.load(g));
        assertTrue(e.getMessage().contains(g.toString()) && e.getMessage().contains("header field step is out of range: -5"),
                e.getMessage());
        Path h = crafted("{\"architecture\": \"mlp\", \"seed\": 0, \"batchSize\": 0, \"adamT\": 0, \"step\": 0, \"tensors\": []}");
        e = assertThrows(IOException.class, () -> Checkpoint.load(h));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        Path i = crafted("{" + ok + ", \"step\": 0, \"tensors\": [{\"group\": \"weights\", \"name\": \"w\", \"shape\": [-1]}]}");
        e = assertThrows(IOException.class, () -> Checkpoint.load(i));
        assertTrue(e.getMessage().contains("shape of w"), e.getMessage());
        Path j = crafted("{" + ok + ", \"step\": 0, \"tensors\": [{\"group\": \"weights\", \"name\": \"w\", \"shape\": [4]}]}");
        assertThrows(IOException.class, () -> Checkpoint.load(j)); // no payload for the 4 values
        Path k = crafted("not json");
        e = assertThrows(IOException.class, () -> Checkpoint.load(k));
        assertTrue(e.getMessage().contains("malformed header"), e.getMessage());
        Path good = crafted("{" + ok + ", \"step\": 3, \"tensors\": []}");
        assertEquals(3, Checkpoint.load(good).step());
    }

    @Test
    void staleTemporariesOfKilledSavesAreRemovedOnTheNextSave() throws IOException {
        Path file = dir.resolve("state.ckpt");
        Path stale1 = Files.writeString(dir.resolve("state.ckpt123456789.tmp"), "half a checkpoint");
        Path stale2 = Files.writeString(dir.resolve("state.ckpt42.tmp"), "another");
        Path other = Files.writeString(dir.resolve("other.ckpt42.tmp"), "not ours");
        Path notDigits = Files.writeString(dir.resolve("state.ckpt-notes.tmp"), "not a temporary of ours");
        Checkpoint c = new Checkpoint("mlp", 7, 1, 4, 0, List.of(), List.of(), List.of(), List.of(), null);
        c.save(file);
        assertFalse(Files.exists(stale1), "stale temporary removed");
        assertFalse(Files.exists(stale2), "stale temporary removed");
        assertTrue(Files.exists(other), "another file's temporary is left alone");
        assertTrue(Files.exists(notDigits), "a name that is not file + digits + .tmp is left alone");
        assertEquals(7, Checkpoint.load(file).step());
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "the checkpoint and the two files that are not ours");
        }
    }
}
