package edm.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.sample.OdeSampler;
import edm.show.Images;
import edm.zoo.Generation;
import edm.zoo.Machine;
import edm.zoo.ModelEval;
import edm.zoo.ModelFile;
import edm.zoo.TrainRun;
import edm.zoo.Zoo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ship}: puts a run's newest model into the zoo ({@code data/models/NAME.edm}, its SHA-256, a 64-image
 * grid and a model card with the commands that trained it and its scores at EDM's 35-NFE Heun sampler).
 */
@Command(name = "ship", description = "put a run's newest model into data/models with its checksum and model card")
final class ShipCommand implements PicoCommand.Body {
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "the run directory")
    Path run;
    @Option(names = "--name", required = true, description = "the zoo name, e.g. mnist-edm")
    String name;
    @Option(names = "--n", description = "images per score (default 2000)")
    int n = 2000;
    @Option(names = "--sampling-seeds", description = "sampling seeds (default 3)")
    int seeds = 3;
    @Option(names = "--floor-draws", description = "draws of the floor (default 3)")
    int floorDraws = 3;
    @Option(names = "--note", description = "a status line at the top of the model card (e.g. interim)")
    String note;
    @Option(names = "--zoo", paramLabel = "DIR", description = "the zoo folder (default data/models)")
    Path zoo;
    @Option(names = "--force", description = "replace an existing zoo entry of that name")
    boolean force;

    private PrintStream out;

    @Override
    public void out(PrintStream o) {
        this.out = o;
    }

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new UsageException("--name must be lower-case letters, digits and '-', got '" + name + "'");
        }
        if (!Files.isRegularFile(run.resolve(TrainRun.CONFIG))) {
            throw new UsageException("--run " + run + " is not a run directory (no " + TrainRun.CONFIG + ")");
        }
        Args.intRange("--n", n, 2, 60_000);
        Args.intRange("--sampling-seeds", seeds, 1, 100);
        Args.intRange("--floor-draws", floorDraws, 1, 100);
        Path file = zooDir().resolve(name + ModelFile.EXTENSION);
        java.util.Map<String, Path> outs = new java.util.LinkedHashMap<>();
        for (String ext : List.of(ModelFile.EXTENSION, ".md", ".png", "-loss.csv")) {
            outs.put("--name " + name + " (" + name + ext + ")", zooDir().resolve(name + ext));
        }
        Outputs.check(outs, GenerateCommand.modelInputs(run.toString()), force);
        ModelFile model = GenerateCommand.loadModel(run.toString());
        OdeSampler heun = OdeSampler.edm(18);
        ModelEval eval = new ModelEval(model.spec().data()).scoreModel(heun, model.denoiser(), model.spec(), n, seeds)
                .floor(n, floorDraws);
        Files.createDirectories(zooDir());
        Zoo.ship(model, name, zooDir());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Generation.heun35(model.denoiser(), m, model.spec(), Generation.ids(0, 64), 0).clip(-1, 1);
            Files.write(zooDir().resolve(name + ".png"), Images.png(Generation.grid(x, 8)));
        }
        if (Files.exists(run.resolve(TrainRun.LOG))) {
            Files.copy(run.resolve(TrainRun.LOG), zooDir().resolve(name + "-loss.csv"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(zooDir().resolve(name + ".md"), card(model, eval, file), StandardCharsets.UTF_8);
        out.println(eval.table().printAll());
        out.println("shipped " + file + " with " + name + ".edm.sha256, " + name + ".md and " + name + ".png");
        return 0;
    }

    private Path zooDir() {
        return zoo != null ? zoo : Zoo.dir();
    }

    private String card(ModelFile model, ModelEval eval, Path file) throws java.io.IOException {
        var status = com.google.gson.JsonParser.parseString(Files.readString(run.resolve(TrainRun.STATUS)))
                .getAsJsonObject();
        String commands = Files.exists(run.resolve(TrainRun.COMMANDS)) ? Files.readString(run.resolve(TrainRun.COMMANDS))
                : "(not recorded)\n";
        long params = model.tensors().stream().mapToLong(t -> t.values().length).sum();
        String sha = edm.train.SealedFile.sha256Hex(file);
        return String.format(Locale.ROOT, """
                # %s

                %s%s, trained on %s (training split) with the `%s` recipe: %s.

                | | |
                |---|---|
                | network | %s, %,d parameters (EMA weights, float32) |
                | images seen | %.1f kimg (%d steps of %d) |
                | training time | %.1f h on %s |
                | final training loss | %s (mean of the last logged interval) |
                | file | `%s`, SHA-256 `%s` |
                | commit | %s |

                ## Scores (EDM's deterministic sampler: Heun, 18 EDM steps, 35 NFE)

                %s and KID against the %d test images. The features are those of a classifier trained in this
                project (`FeatureClassifier`), not Inception: these are not FID values. The floor is the score of
                n real training images against the same test set.

                | quantity | value |
                |---|---|
                | FD, %d samples, mean ± sd over %d sampling seeds | %.2f ± %.2f |
                | floor, %d training images, mean ± sd over %d draws | %.2f ± %.2f |
                | FD / floor | %.2f |
                | KID (mean over seeds) | %.4f |
                | samples classified with probability ≥ %.1f | %.1f %% |
                | the same for the floor's real training images (the ceiling) | %.1f %% |

                ![samples, seeds 0-63](%s.png)

                ## How it was made

                ```
                %s```

                Use it: `./workbench generate --model %s --seeds 0-63 --out grid.png`, `./workbench eval --model %s --n 2000`.
                """, name, note == null ? "" : "**Status:** " + note + "\n\n", model.spec().net().equals("unet") ? "A U-Net" : "An MLP", model.spec().data(),
                model.spec().recipe(), model.spec().recipeObject().description(), model.denoiser().net().architecture(),
                params, model.kimg(), model.step(), model.spec().batch(),
                status.has("trainSeconds") ? status.get("trainSeconds").getAsDouble() / 3600 : Double.NaN,
                status.has("machine") ? status.get("machine").getAsString() : Machine.describe(),
                status.has("lastLoss") && !status.get("lastLoss").isJsonNull() ? status.get("lastLoss").getAsString() : "n/a",
                file.getFileName(), sha, gitCommit(), eval.metricName(), eval.referenceSize(), n, seeds, eval.meanFd(),
                eval.sdFd(), n, floorDraws, eval.meanFloor(), eval.sdFloor(), eval.fdOverFloor(), eval.meanKid(),
                ModelEval.CONFIDENT, 100 * eval.meanConfident(), 100 * eval.meanFloorConfident(), name, commands, name,
                name);
    }

    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? "`" + s + "` (the checkout that shipped it)" : "unknown";
        } catch (java.io.IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
