package edm.cli;

import edm.zoo.Recipe;
import edm.zoo.RunSpec;
import edm.zoo.TrainRun;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a denoiser into a run directory ({@link TrainRun}), or continues one with
 * {@code --resume}. SIGTERM and Ctrl-C save the state before the process exits.
 */
@Command(name = "train", description = "train a denoiser into a run directory (resumable: --resume RUN_DIR)")
final class TrainCommand implements PicoCommand.Body {
    @Option(names = "--config", paramLabel = "NAME|FILE",
            description = "a recipe (edm, vp, ve, edm-precond-vp-loss, iddpm, ddpm, flow) or a config.json to start from")
    String config;
    @Option(names = "--data", description = "digits, mnist or fashion-mnist (default mnist)")
    String data;
    @Option(names = "--net", description = "unet or mlp (default unet)")
    String net;
    @Option(names = "--channels", split = ",", paramLabel = "C1,C2,...", description = "U-Net channels per level (default 32,64,64; 32,64 on digits)")
    int[] channels;
    @Option(names = "--no-attention", description = "no self-attention at the lowest resolution")
    boolean noAttention;
    @Option(names = "--width", description = "MLP width (default 256)")
    Integer width;
    @Option(names = "--depth", description = "MLP hidden layers (default 4)")
    Integer depth;
    @Option(names = "--kimg", description = "training length in thousands of images (default 1000)")
    Double kimg;
    @Option(names = "--steps", description = "training length in optimizer steps (instead of --kimg)")
    Long steps;
    @Option(names = "--batch", description = "images per step (default 128)")
    Integer batch;
    @Option(names = "--lr", description = "peak Adam learning rate (default 1e-3)")
    Double lr;
    @Option(names = "--warmup-kimg", description = "learning-rate ramp-up in kimg (default 10)")
    Double warmupKimg;
    @Option(names = "--ema-kimg", description = "EMA half-life in kimg (default 500, ramped as EDM: at most 5%% of images seen)")
    Double emaKimg;
    @Option(names = "--ema-rampup", description = "EDM's ema_rampup_ratio (default 0.05; 0 = off)")
    Double emaRampup;
    @Option(names = "--clip", description = "gradient-norm clip (default 10; 0 = off)")
    Double clip;
    @Option(names = "--seed", description = "seed of weights, data order, sigma and noise (default 0)")
    Long seed;
    @Option(names = "--snap-kimg", description = "checkpoint + model + sample grid every this many kimg (default 50)")
    Double snapKimg;
    @Option(names = "--run-dir", paramLabel = "DIR", description = "the new run's directory (must not exist or be empty)")
    Path runDir;
    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue this run exactly (only --kimg/--steps may change)")
    Path resume;

    private PrintStream out;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;
    private java.util.List<String> args = java.util.List.of();

    @Override
    public void out(PrintStream o) {
        this.out = o;
    }

    @Override
    public Integer call() throws Exception {
        args = commandSpec.commandLine().getParseResult().originalArgs();
        if (kimg != null && steps != null) {
            throw new UsageException("give --kimg or --steps, not both");
        }
        if (resume != null) {
            if (runDir != null || config != null || data != null || net != null || channels != null || noAttention
                    || width != null || depth != null || batch != null || lr != null || warmupKimg != null
                    || emaKimg != null || emaRampup != null || clip != null || seed != null || snapKimg != null) {
                throw new UsageException("--resume continues a run as configured: only --kimg or --steps may be given with it");
            }
            RunSpec old = RunSpec.read(resume.resolve(TrainRun.CONFIG).toAbsolutePath());
            return train(TrainRun.resume(resume, length(old.batch())));
        }
        if (runDir == null) {
            throw new UsageException("--run-dir DIR is required for a new run (or --resume RUN_DIR)");
        }
        RunSpec spec = spec();
        if (Files.exists(runDir) && (!Files.isDirectory(runDir) || Files.list(runDir).findAny().isPresent())) {
            throw new UsageException("--run-dir " + runDir + " exists and is not empty (a run is never overwritten;"
                    + " use --resume " + runDir + " to continue it)");
        }
        return train(TrainRun.create(runDir, spec));
    }

    private Double length(int batchSize) {
        if (kimg != null) {
            positive("--kimg", kimg);
            return kimg;
        }
        if (steps != null) {
            if (steps < 1) {
                throw new UsageException("--steps must be >= 1, got " + steps);
            }
            return steps * (double) batchSize / 1000;
        }
        return null;
    }

    private RunSpec spec() throws java.io.IOException {
        RunSpec base;
        String c = config == null ? "edm" : config;
        Path file = Path.of(c);
        if (c.endsWith(".json")) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--config " + c + ": no such file");
            }
            base = RunSpec.read(file);
        } else {
            Recipe.of(c); // names the valid recipes
            base = RunSpec.defaults(c, data == null ? "mnist" : data);
        }
        String d = data == null ? base.data() : data;
        int[] ch = channels != null ? channels : d.equals(base.data()) ? base.channels() : RunSpec.defaults(c, d).channels();
        int b = batch == null ? base.batch() : batch;
        Double len = length(b);
        return new RunSpec(base.recipe(), d, net == null ? base.net() : net, ch, base.attention() && !noAttention,
                width == null ? base.width() : width, depth == null ? base.depth() : depth, b,
                lr == null ? base.lr() : lr, warmupKimg == null ? base.warmupKimg() : warmupKimg,
                emaKimg == null ? base.emaHalflifeKimg() : emaKimg, emaRampup == null ? base.emaRampup() : emaRampup,
                clip == null ? base.clip() : clip, seed == null ? base.seed() : seed, len == null ? base.kimg() : len,
                snapKimg == null ? base.snapKimg() : snapKimg);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UsageException(name + " must be a finite number > 0, got " + v);
        }
    }

    private int train(TrainRun run) throws java.io.IOException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                saved.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "save-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try (run) {
            run.recordCommand("./workbench train " + String.join(" ", args));
            out.printf(Locale.ROOT, "run %s: %s, %d steps of %d images (%s)%n", run.dir(), run.spec(), run.spec().steps(),
                    run.spec().batch(), run.loop().stepCount() > 0 ? "resuming at step " + run.loop().stepCount() : "new");
            boolean done = run.train(System.err, stop::get);
            out.printf(Locale.ROOT, "%s at step %d; latest model %s%n", done ? "finished" : "stopped",
                    run.loop().stepCount(), TrainRun.latestModel(run.dir()));
            return 0;
        } finally {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the state is saved
            }
        }
    }
}
