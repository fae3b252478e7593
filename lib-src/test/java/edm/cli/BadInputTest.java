package edm.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line under bad input, as a table: each argument list must give exit status 2, nothing
 * on stdout and one {@code error:} line containing the fragment, before any work. Every case runs in
 * a folder holding an input CSV and an existing output; afterwards every file in it must be
 * unchanged byte for byte and no file may have been added. {@code DIR} in an argument is that folder.
 */
class BadInputTest {
    static final String PTS = "x,y\n0,0\n1,1\n2,0\n";
    static final String OLD = "old output\n";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                // data destroyed or overwritten
                bad("is the --data input file", "sample --data DIR/pts.csv --n 10 --out DIR/pts.csv"),
                bad("is the --data input file", "sample --data DIR/pts.csv --n 10 --out DIR/pts.csv --force"),
                bad("is the --data input file", "sample --data DIR/pts.csv --n 10 --out DIR/../" + "DIRNAME/pts.csv"),
                bad("is the --data input file", "sweep --data DIR/pts.csv --n 10 --steps 4 --out DIR/pts.csv"),
                bad("is the --data input file", "sweep --data DIR/pts.csv --n 10 --steps 4 --out DIR/t.csv --chart DIR/pts.csv"),
                bad("--chart DIR/t.csv and --out DIR/t.csv are the same file", "sweep --data gaussian --n 10 --steps 4 --out DIR/t.csv --chart DIR/t.csv"),
                bad("are the same file", "sweep --data gaussian --n 10 --steps 4 --out DIR/old.csv --chart DIR/./old.csv --force"),
                bad("--chart must end in .png", "sweep --data gaussian --n 10 --steps 4 --out DIR/t.csv --chart DIR/t.jpg"),
                bad("exists; add --force", "sample --data gaussian --n 10 --out DIR/old.csv"),
                bad("exists; add --force", "sweep --data gaussian --n 10 --steps 4 --out DIR/old.csv"),
                bad("--chart (default) DIR/chartonly.png exists", "sweep --data gaussian --n 10 --steps 4 --out DIR/chartonly.csv"),
                // outputs that cannot be written, found before the work
                bad("the directory /nonexistent/dir does not exist", "sample --data gaussian --n 10 --out /nonexistent/dir/x.npy"),
                bad("is a directory", "sample --data gaussian --n 10 --out DIR/sub.npy"),
                bad("the directory /nonexistent does not exist", "sweep --data gaussian --n 10 --steps 4 --out DIR/t.csv --chart /nonexistent/c.png"),
                bad("--out must end in .csv or .npy", "sample --data gaussian --out DIR/x.txt"),
                // sizes and ranges
                bad("--n must be in [1, 100000], got 2000000000", "sample --data gaussian --n 2000000000"),
                bad("--steps must be in [1, 10000000], got 2147483647", "sigmas --steps 2147483647"),
                bad("--steps must be in [1, 100000]", "sample --data gaussian --steps 2147483647"),
                bad("--steps must be an integer", "sigmas --steps 2147483648"),
                bad("--tol must be in [1.0E-12, 1.0], got 1.0E-300", "sample --data gaussian --solver dopri --tol 1e-300"),
                bad("--tol must be in", "sample --data gaussian --solver dopri --tol NaN"),
                bad("--seed must be in [0, 9223372036854775807], got -1", "sample --data gaussian --seed -1"),
                bad("--seed must be an integer (64-bit)", "sample --data gaussian --seed 9223372036854775808"),
                bad("sigma_vp(1) = infinity", "sigmas --discretization vp --steps 4 --beta-d 1e308"),
                bad("rho = 1.0E-300", "sigmas --steps 4 --rho 1e-300"),
                bad("rho = 1.0E308", "sigmas --steps 4 --rho 1e308"),
                bad("--rho must be > 0 and finite, got Infinity", "sigmas --steps 4 --rho Infinity"),
                bad("--sigma-min must be > 0", "sigmas --steps 4 --sigma-min NaN"),
                bad("--churn must be >= 0", "sample --data gaussian --solver stochastic --churn -1"),
                bad("--n must be >= 1, got 0", "sample --data gaussian --n 0"),
                // data files
                bad("line 3 of DIR/nan.csv holds NaN", "sample --data DIR/nan.csv --n 10"),
                bad("line 2 of DIR/inf.csv holds -Infinity", "sample --data DIR/inf.csv --n 10"),
                bad("line 2 of DIR/big.csv holds 1.0E300", "sample --data DIR/big.csv --n 10"),
                bad("line 3 of DIR/ragged.csv has 3 values, expected 2", "sample --data DIR/ragged.csv --n 10"),
                bad("line 2 of DIR/text.csv is not numeric", "sample --data DIR/text.csv --n 10"),
                bad("--data: cannot read DIR/missing.csv", "sample --data DIR/missing.csv --n 10"),
                bad("holds no points", "sample --data DIR/empty.csv --n 10"),
                // options that do not apply
                bad("--churn does not apply to --solver euler", "sample --data gaussian --solver euler --churn 5"),
                bad("--s-noise does not apply to --solver heun", "sample --data gaussian --s-noise 1.1"),
                bad("--churn does not apply to --solver euler", "sweep --data gaussian --solver euler --churn 5 --out DIR/t.csv"),
                bad("--discretization does not apply to --solver dopri", "sample --data gaussian --solver dopri --discretization vp"),
                bad("--steps does not apply to --solver dopri", "sample --data gaussian --solver dopri --steps 18"),
                bad("--steps does not apply to --solver dopri", "sweep --data gaussian --solver dopri --steps 4 --out DIR/t.csv"),
                bad("--tol does not apply to --solver heun", "sample --data gaussian --tol 1e-4"),
                bad("--tol does not apply to --solver euler,heun", "sweep --data gaussian --solver euler,heun --tol 1e-4 --out DIR/t.csv"),
                bad("--schedule vp does not apply to --solver dpm2m", "sample --data gaussian --solver dpm2m --schedule vp"),
                bad("--rho does not apply to --discretization vp", "sigmas --discretization vp --steps 3 --rho 7"),
                bad("--j0 does not apply to --discretization edm", "sigmas --steps 3 --j0 2"),
                // lists
                bad("--steps must list at least one integer, got ','", "sweep --data gaussian --steps , --out DIR/t.csv"),
                bad("--solver must list at least one", "sweep --data gaussian --solver , --out DIR/t.csv"),
                bad("--steps must be >= 1, got 0", "sweep --data gaussian --steps 4,0 --out DIR/t.csv"),
                // the command line itself
                bad("unknown option --bogus", "sample --data gaussian --bogus 1"),
                bad("unexpected argument 'extra'", "sweep --data gaussian --out DIR/t.csv extra"),
                bad("option --out needs a value", "sample --data gaussian --out"),
                bad("option --data is required", "sweep --out DIR/t.csv"),
                bad("option --n given twice", "sample --data gaussian --n 3 --n 4"),
                bad("option --n must be an integer", "sample --data gaussian --n 1e3"),
                bad("unknown command 'frobnicate'", "frobnicate --steps 3"));
    }

    private static Arguments bad(String fragment, String args) {
        return Arguments.of(fragment, args);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void refusedBeforeAnyWork(String fragment, String args) throws IOException {
        Files.writeString(dir.resolve("pts.csv"), PTS);
        Files.writeString(dir.resolve("old.csv"), OLD);
        Files.writeString(dir.resolve("old.png"), OLD);
        Files.writeString(dir.resolve("chartonly.png"), OLD);
        Files.writeString(dir.resolve("nan.csv"), "x,y\n0,0\nNaN,1\n");
        Files.writeString(dir.resolve("inf.csv"), "0,0\n-Infinity,1\n");
        Files.writeString(dir.resolve("big.csv"), "0,0\n1e300,1\n");
        Files.writeString(dir.resolve("ragged.csv"), "0,0\n1,1\n1,2,3\n");
        Files.writeString(dir.resolve("text.csv"), "0,0\nx,y\n");
        Files.writeString(dir.resolve("empty.csv"), "x,y\n");
        Files.createDirectory(dir.resolve("sub.npy"));
        Map<String, byte[]> before = snapshot(dir);

        String d = dir.toString();
        String[] argv = Arrays.stream(args.split(" "))
                .map(a -> a.replace("DIRNAME", dir.getFileName().toString()).replace("DIR", d)).toArray(String[]::new);
        MainTest.Result r = MainTest.run(argv);

        assertEquals(2, r.code(), "exit status; stderr: " + r.err());
        assertEquals("", r.out(), "stdout");
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line on stderr: " + r.err());
        assertTrue(lines[0].startsWith("error: "), lines[0]);
        assertTrue(lines[0].contains(fragment.replace("DIR", d)), "'" + fragment + "' in: " + lines[0]);
        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f + " unchanged byte for byte");
        }
    }

    /** Every regular file under root (relative path -> bytes). */
    private static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(files::add);
        }
        for (Path p : files) {
            if (Files.isRegularFile(p)) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            } else if (!p.equals(root)) {
                m.put(root.relativize(p) + "/", new byte[0]);
            }
        }
        return m;
    }

    @Test
    void forceReplacesAnExistingOutputAndNothingElse() throws IOException {
        Path out = dir.resolve("s.csv");
        Files.writeString(out, OLD);
        MainTest.Result r = MainTest.run("sample", "--data", "gaussian", "--n", "5", "--steps", "4", "--out", out.toString(),
                "--force");
        assertEquals(0, r.code(), r.err());
        assertEquals(5, Files.readAllLines(out).size());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "no temporary file left beside the output");
        }
    }

    @Test
    void sweepRecordsChurnOnlyForTheStochasticSolverAndDopriItsOwnSteps() throws IOException {
        Path out = dir.resolve("t.csv");
        MainTest.Result r = MainTest.run("sweep", "--data", "gaussian", "--solver", "euler,stochastic,dopri", "--steps", "4",
                "--churn", "5", "--tol", "1e-3", "--n", "8", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("euler,edm,edm,none,4,0.0,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("stochastic,edm,edm,none,4,5.0,"), rows.get(2));
        assertTrue(rows.get(3).startsWith("dopri,-,edm,none,"), rows.get(3));
        assertFalse(rows.get(3).startsWith("dopri,-,edm,none,1,"), "dopri records its accepted steps: " + rows.get(3));
    }

    @Test
    void seedsAre64Bit() {
        MainTest.Result r = MainTest.run("sample", "--data", "gaussian", "--n", "4", "--steps", "2", "--seed", "2147483648");
        assertEquals(0, r.code(), r.err());
    }
}
