package edm.cli;

import static edm.cli.MainTest.assertUsageError;
import static edm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample and sweep commands in-process: good runs, files written, one-line errors. */
class SampleCommandTest {
    @TempDir
    Path dir;

    @Test
    void sampleGaussianPrintsOneRowWithError() {
        MainTest.Result r = run("sample", "--data", "gaussian", "--solver", "heun", "--steps", "18", "--n", "64");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("heun") && r.out().contains("35"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
    }

    @Test
    void sampleWritesCsvAndNpy() throws Exception {
        Path csv = dir.resolve("s.csv");
        Path npy = dir.resolve("s.npy");
        assertEquals(0, run("sample", "--data", "ncsn", "--solver", "stochastic", "--churn", "5", "--steps", "8",
                "--n", "10", "--out", csv.toString()).code());
        assertEquals(10, Files.readAllLines(csv).size());
        assertEquals(0, run("sample", "--data", "ncsn", "--solver", "stochastic", "--churn", "5", "--steps", "8",
                "--n", "10", "--out", npy.toString()).code());
        byte[] b = Files.readAllBytes(npy);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5));
        int headerLen = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLen) % 64);
        assertTrue(new String(b, 10, headerLen).contains("'shape': (10, 2)"));
        assertEquals(10 + headerLen + 10 * 2 * 8, b.length);
        String[] first = Files.readAllLines(csv).get(0).split(",");
        double x0 = ByteBuffer.wrap(b, 10 + headerLen, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        assertEquals(Double.parseDouble(first[0]), x0, 0);
    }

    @Test
    void sampleFromCsvAndToyUsesTheIdealDenoiser() throws Exception {
        Path pts = dir.resolve("pts.csv");
        Files.writeString(pts, "x,y\n0,0\n1,1\n2,0\n");
        MainTest.Result r = run("sample", "--data", pts.toString(), "--solver", "dpm2m", "--steps", "16", "--n", "20");
        assertEquals(0, r.code(), r.err());
        r = run("sample", "--data", "swissroll", "--solver", "dopri", "--tol", "1e-4", "--n", "20");
        assertEquals(0, r.code(), r.err());
        r = run("sample", "--data", "gaussian", "--solver", "euler", "--schedule", "vp", "--discretization", "vp",
                "--steps", "10", "--n", "20");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void sweepWritesTableAndChart() throws Exception {
        Path out = dir.resolve("sweep.csv");
        MainTest.Result r = run("sweep", "--data", "gaussian", "--solver", "euler,heun", "--steps", "4,8",
                "--discretization", "edm,vp", "--n", "32", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 8, Files.readAllLines(out).size());
        byte[] png = Files.readAllBytes(dir.resolve("sweep.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void badOptions() {
        assertUsageError("option --data is required", "sample", "--steps", "4");
        assertUsageError("--solver must be one of", "sample", "--data", "gaussian", "--solver", "rk4");
        assertUsageError("--data must be gaussian", "sample", "--data", "nonesuch");
        assertUsageError("--churn does not apply to --solver heun", "sample", "--data", "gaussian", "--churn", "3");
        assertUsageError("--schedule vp does not apply to --solver dpm2m", "sample", "--data", "gaussian",
                "--solver", "dpm2m", "--schedule", "vp");
        assertUsageError("--out must end in .csv or .npy", "sample", "--data", "gaussian", "--out", "x.txt");
        assertUsageError("--steps must be >= 1", "sample", "--data", "gaussian", "--steps", "0");
        assertUsageError("--s-tmax must be >= --s-tmin", "sample", "--data", "gaussian", "--solver", "stochastic",
                "--s-tmin", "5", "--s-tmax", "1");
        assertUsageError("--solver values must be in", "sweep", "--data", "gaussian", "--solver", "heun,rk4",
                "--out", "x.csv");
        assertUsageError("option --out TABLE.csv is required", "sweep", "--data", "gaussian");
        assertUsageError("--steps must be a comma-separated list", "sweep", "--data", "gaussian", "--steps", "4,x",
                "--out", "x.csv");
    }
}
