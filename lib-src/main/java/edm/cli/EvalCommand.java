package edm.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.Npy;
import edm.metric.FeatureClassifier;
import edm.metric.ImageMetrics;
import edm.sample.Sampler;
import edm.zoo.Generation;
import edm.zoo.ModelFile;
import edm.zoo.RunSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code eval}: FD and KID on the data set's classifier features (a classifier trained in this project: these
 * are not FID/KID on Inception features) against the test set, for several sampling seeds, beside the floor
 * (n real training images against the same test set, several draws) and the fraction of samples the
 * classifier assigns a class with probability >= 0.9.
 */
@Command(name = "eval", description = "score a model or a samples .npy: FD/KID on classifier features, floor, seed spread")
final class EvalCommand implements PicoCommand.Body {
    static final double CONFIDENT = 0.9;

    @Option(names = "--model", required = true, paramLabel = "NAME|FILE|RUN_DIR|SAMPLES.npy", description = "what to score")
    String model;
    @Option(names = "--data", description = "the data set of a samples .npy (digits, mnist, fashion-mnist)")
    String data;
    @Option(names = "--n", description = "images per score (default 1000)")
    int n = 1000;
    @Option(names = "--sampling-seeds", description = "sampling seeds 0..K-1 for the spread (default 3)")
    int samplingSeeds = 3;
    @Option(names = "--floor-draws", description = "draws of n training images for the floor (default 3)")
    int floorDraws = 3;
    @Option(names = "--out", paramLabel = "TABLE.csv", description = "also write the table as CSV")
    Path out;
    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;
    @Mixin
    SolverOptions solver = new SolverOptions();

    private PrintStream print;

    @Override
    public void out(PrintStream o) {
        this.print = o;
    }

    @Override
    public Integer call() throws Exception {
        range("--n", n, 2, 60_000);
        range("--sampling-seeds", samplingSeeds, 1, 100);
        range("--floor-draws", floorDraws, 1, 100);
        boolean npy = model.endsWith(".npy");
        if (npy && (data == null || !FeatureClassifier.DATASETS.contains(data))) {
            throw new UsageException("--data must be one of " + FeatureClassifier.DATASETS + " with a samples .npy, got "
                    + (data == null ? "none" : "'" + data + "'"));
        }
        if (!npy && data != null) {
            throw new UsageException("--data applies to a samples .npy only (a model knows its data set)");
        }
        Sampler sampler = npy ? null : solver.sampler();
        if (out != null) {
            if (!out.getFileName().toString().endsWith(".csv")) {
                throw new UsageException("--out must end in .csv, got " + out);
            }
            OutputGuard.check("--out", out, force, Files.exists(Path.of(model)) ? List.of(Path.of(model)) : List.of());
        }
        Table t = Table.create("eval", StringColumn.create("what"), IntColumn.create("n"), DoubleColumn.create("FD"),
                DoubleColumn.create("KID"), DoubleColumn.create("confident"));
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> sets = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            String dataset;
            if (npy) {
                Npy.Array a = Npy.read(Path.of(model));
                Shape want = RunSpec.sampleShape(data);
                if (a.shape().length != 4 || a.shape()[1] != want.get(0) || a.shape()[2] != want.get(1)
                        || a.shape()[3] != want.get(2)) {
                    throw new UsageException("--model " + model + " has shape " + java.util.Arrays.toString(a.shape())
                            + ", --data " + data + " needs (N, " + want + ")");
                }
                range("number of samples in " + model, a.rows(), 2, 1_000_000);
                sets.add(m.create(a.values(), new Shape(a.shape())).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
                labels.add("samples " + Path.of(model).getFileName());
                dataset = data;
            } else {
                ModelFile mf = GenerateCommand.loadModel(model);
                dataset = mf.spec().data();
                var d = mf.denoiser();
                for (int s = 0; s < samplingSeeds; s++) {
                    long t0 = System.nanoTime();
                    sets.add(Generation.sample(sampler, d, m, RunSpec.sampleShape(dataset), Generation.ids(0, n), s)
                            .clip(-1, 1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
                    labels.add(String.format(Locale.ROOT, "%s, seed %d", sampler.name(), s));
                    System.err.printf(Locale.ROOT, "sampled %d images (seed %d) in %.0f s%n", n, s,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            FeatureClassifier classifier = FeatureClassifier.forDataset(dataset);
            ImageMetrics metrics = ImageMetrics.againstTestSet(classifier);
            double[] fds = new double[sets.size()];
            for (int i = 0; i < sets.size(); i++) {
                NDArray x = sets.get(i);
                ImageMetrics.Scores sc = metrics.score(x, i);
                fds[i] = sc.fd();
                add(t, labels.get(i), (int) x.getShape().get(0), sc.fd(), sc.kid(), confident(classifier, x));
            }
            if (sets.size() > 1) {
                add(t, "samples: mean", n, mean(fds), Double.NaN, Double.NaN);
                add(t, "samples: sd over seeds", n, sd(fds), Double.NaN, Double.NaN);
            }
            int nFloor = (int) sets.get(0).getShape().get(0);
            double[] floors = new double[floorDraws];
            for (int k = 0; k < floorDraws; k++) {
                ImageMetrics.Scores f = metrics.trainingFloor(nFloor, 1000 + k);
                floors[k] = f.fd();
                add(t, "floor: training images, draw " + k, nFloor, f.fd(), f.kid(), Double.NaN);
            }
            add(t, "floor: mean", nFloor, mean(floors), Double.NaN, Double.NaN);
            add(t, "floor: sd over draws", nFloor, sd(floors), Double.NaN, Double.NaN);
            add(t, "FD / floor (means)", nFloor, mean(fds) / mean(floors), Double.NaN, Double.NaN);
            print.println(classifier.metricName() + " and KID against the " + metrics.referenceSize()
                    + " test images (a classifier trained in this project, not Inception: not FID)");
            print.println(t.printAll());
        }
        if (out != null) {
            t.write().csv(out.toFile());
            print.println("wrote " + out);
        }
        return 0;
    }

    private static void add(Table t, String what, int n, double fd, double kid, double confident) {
        t.stringColumn(0).append(what);
        t.intColumn(1).append(n);
        t.doubleColumn(2).append(fd);
        t.doubleColumn(3).append(kid);
        t.doubleColumn(4).append(confident);
    }

    /** The fraction of images whose most likely class has probability >= 0.9. */
    static double confident(FeatureClassifier c, NDArray images) {
        double[][] p = c.probabilities(images);
        int k = 0;
        for (double[] row : p) {
            double max = 0;
            for (double v : row) max = Math.max(max, v);
            if (max >= CONFIDENT) k++;
        }
        return (double) k / p.length;
    }

    private static void range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new UsageException(name + " must be in " + lo + ".." + hi + ", got " + v);
        }
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) return Double.NaN;
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
