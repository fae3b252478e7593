package edm.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.data.Npy;
import edm.metric.FeatureClassifier;
import edm.sample.Sampler;
import edm.zoo.ModelEval;
import edm.zoo.ModelFile;
import edm.zoo.RunSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval}: FD and KID on the data set's classifier features (a classifier trained in this project: these
 * are not FID/KID on Inception features) against the test set, for several sampling seeds, beside the floor
 * (n real training images against the same test set, several draws) and the fraction of samples the
 * classifier assigns a class with probability >= 0.9.
 */
@Command(name = "eval", description = "score a model or a samples .npy: FD/KID on classifier features, floor, seed spread")
final class EvalCommand implements PicoCommand.Body {
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
        Args.intRange("--n", n, 2, 60_000);
        Args.intRange("--sampling-seeds", samplingSeeds, 1, 100);
        Args.intRange("--floor-draws", floorDraws, 1, 100);
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
            Outputs.check(java.util.Map.of("--out", out), GenerateCommand.modelInputs(model), force);
        }
        ModelEval eval;
        int nFloor = n;
        if (npy) {
            Npy.Array a = Npy.read(Path.of(model));
            Shape want = RunSpec.sampleShape(data);
            if (a.shape().length != 4 || a.shape()[1] != want.get(0) || a.shape()[2] != want.get(1)
                    || a.shape()[3] != want.get(2)) {
                throw new UsageException("--model " + model + " has shape " + java.util.Arrays.toString(a.shape())
                        + ", --data " + data + " needs (N, " + want + ")");
            }
            Args.intRange("number of samples in " + model, a.rows(), 2, 1_000_000);
            nFloor = a.rows();
            eval = new ModelEval(data);
            try (NDManager m = NDManager.newBaseManager()) {
                eval.scoreSamples("samples " + Path.of(model).getFileName(), m.create(a.values(), new Shape(a.shape()))
                        .toType(DataType.FLOAT32, false), 0);
            }
        } else {
            ModelFile mf = GenerateCommand.loadModel(model);
            eval = new ModelEval(mf.spec().data()).scoreModel(sampler, mf.denoiser(), mf.spec(), n, samplingSeeds);
        }
        eval.floor(nFloor, floorDraws);
        print.println(eval.metricName() + " and KID against the " + eval.referenceSize()
                + " test images (a classifier trained in this project, not Inception: not FID)");
        print.println(eval.table().printAll());
        if (out != null) {
            eval.table().write().csv(out.toFile());
            print.println("wrote " + out);
        }
        return 0;
    }
}
