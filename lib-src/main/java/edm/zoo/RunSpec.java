package edm.zoo;

import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import edm.Check;
import edm.metric.FeatureClassifier;
import edm.nn.DenoiserNet;
import edm.nn.Mlp;
import edm.nn.NoiseEmbedding;
import edm.nn.UNet;
import edm.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Everything that determines a training run, and so the file {@code config.json} of its run directory.
 * Two runs with equal specifications produce bit-identical weights on the same machine.
 *
 * @param recipe          a {@link Recipe} name (the loss)
 * @param data            "digits", "mnist" or "fashion-mnist" (the training split)
 * @param net             "unet" or "mlp"
 * @param channels        U-Net channels per level (net = unet)
 * @param attention       U-Net self-attention at the lowest resolution
 * @param width           MLP width (net = mlp)
 * @param depth           MLP hidden layers (net = mlp)
 * @param batch           images per step
 * @param lr              peak Adam learning rate
 * @param warmupKimg      linear learning-rate ramp over this many thousand images (EDM's lr_rampup_kimg)
 * @param emaHalflifeKimg EMA half-life in thousands of images (EDM's ema_halflife_kimg)
 * @param emaRampup       EDM's ema_rampup_ratio: half-life at most this fraction of the images seen (0 = off)
 * @param clip            global gradient-norm clip (0 = off)
 * @param seed            seed of the weights, data order, sigma and noise
 * @param kimg            training length in thousands of images
 * @param snapKimg        checkpoint, model snapshot and sample grid every this many thousand images
 */
public record RunSpec(String recipe, String data, String net, int[] channels, boolean attention, int width, int depth,
        int batch, double lr, double warmupKimg, double emaHalflifeKimg, double emaRampup, double clip, long seed,
        double kimg, double snapKimg) {
    /** The networks {@link #newNet()} builds. */
    public static final java.util.List<String> NETS = java.util.List.of("unet", "mlp");

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** Validates every field, naming it. */
    public RunSpec {
        Recipe.of(Check.notNull("recipe", recipe));
        Check.notNull("data", data);
        if (!FeatureClassifier.DATASETS.contains(data)) {
            throw new IllegalArgumentException("data must be one of " + FeatureClassifier.DATASETS + ", got '" + data + "'");
        }
        Check.notNull("net", net);
        if (!NETS.contains(net)) {
            throw new IllegalArgumentException("net must be one of " + NETS + ", got '" + net + "'");
        }
        Check.notNull("channels", channels);
        channels = channels.clone();
        Check.atLeast("batch", batch, 1);
        Check.positive("lr", lr);
        Check.nonNegative("warmupKimg", warmupKimg);
        Check.positive("emaHalflifeKimg", emaHalflifeKimg);
        Check.nonNegative("emaRampup", emaRampup);
        Check.nonNegative("clip", clip);
        Check.positive("kimg", kimg);
        Check.positive("snapKimg", snapKimg);
        if (net.equals("unet")) {
            unetConfig(sampleShape(data), channels, attention); // validates channels against the image size
        } else {
            Check.atLeast("width", width, 1);
            Check.atLeast("depth", depth, 1);
        }
        if (steps(kimg, batch) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kimg = " + kimg + " at batch = " + batch + " needs more than "
                    + Integer.MAX_VALUE + " steps");
        }
    }

    /**
     * The zoo's defaults for a recipe and a data set: a U-Net with channels 32/64/64 and attention at 7x7
     * (16/32 for the 8x8 digits), batch 128, lr 1e-3 with a 10 kimg ramp, EMA half-life 500 kimg with EDM's
     * ramp-up 0.05 (so the half-life is 5 % of the images seen until 10 Mimg), clipping at 10, seed 0,
     * 1,000 kimg, a snapshot every 50 kimg.
     */
    public static RunSpec defaults(String recipe, String data) {
        int[] ch = "digits".equals(data) ? new int[] {32, 64} : new int[] {32, 64, 64};
        return new RunSpec(recipe, data, "unet", ch, true, 256, 4, 128, 1e-3, 10, 500, 0.05, 10, 0, 1000, 50);
    }

    /** The shape of one image of a data set: (1, 8, 8) for the digits, (1, 28, 28) for MNIST and Fashion-MNIST. */
    public static Shape sampleShape(String data) {
        return "digits".equals(data) ? new Shape(1, 8, 8) : new Shape(1, 28, 28);
    }

    private static UNet.Config unetConfig(Shape shape, int[] channels, boolean attention) {
        return new UNet.Config(shape, channels, attention, 8, NoiseEmbedding.positional(32));
    }

    /** A new, uninitialized network of this specification. */
    public DenoiserNet newNet() {
        Shape shape = sampleShape(data);
        if (net.equals("unet")) {
            return new UNet(unetConfig(shape, channels, attention));
        }
        return new Mlp(Mlp.Config.of(shape).withSize(width, depth));
    }

    /** The loss of the recipe. */
    public Recipe recipeObject() {
        return Recipe.of(recipe);
    }

    /** Optimizer steps for the whole run: ceil(1000 kimg / batch). */
    public int steps() {
        return (int) steps(kimg, batch);
    }

    private static long steps(double kimg, int batch) {
        return (long) Math.ceil(kimg * 1000 / batch);
    }

    /** Steps between snapshots (at least 1). */
    public int snapSteps() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(snapKimg * 1000 / batch)));
    }

    /** Steps per loss-log row: the largest divisor of snapSteps at most snapSteps/10 (so rows align with snapshots). */
    public int logSteps() {
        int s = snapSteps();
        for (int d = Math.max(1, s / 10); d > 1; d--) {
            if (s % d == 0) {
                return d;
            }
        }
        return 1;
    }

    /** The {@link TrainConfig} of the loop: one loss-log row every {@link #logSteps()} steps. */
    public TrainConfig trainConfig() {
        int warmup = (int) Math.round(warmupKimg * 1000 / batch);
        return TrainConfig.defaults().withBatchSize(batch).withSteps(steps()).withLr(lr, warmup)
                .withEma(emaHalflifeKimg * 1000, emaRampup).withClipNorm(clip).withSeed(seed)
                .withLogInterval(logSteps());
    }

    /** This specification with another length (a resumed run may be extended). */
    public RunSpec withKimg(double newKimg) {
        return new RunSpec(recipe, data, net, channels, attention, width, depth, batch, lr, warmupKimg, emaHalflifeKimg,
                emaRampup, clip, seed, newKimg, snapKimg);
    }

    /** This specification with another batch size, learning-rate ramp, length and snapshot interval. */
    public RunSpec withSchedule(int newBatch, double newWarmupKimg, double newKimg, double newSnapKimg) {
        return new RunSpec(recipe, data, net, channels, attention, width, depth, newBatch, lr, newWarmupKimg,
                emaHalflifeKimg, emaRampup, clip, seed, newKimg, newSnapKimg);
    }

    /** Whether {@code other} trains the same weights step for step (everything but kimg equal). */
    public boolean sameTraining(RunSpec other) {
        return withKimg(1).equals(other.withKimg(1));
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Parses and validates JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException for malformed JSON or a field out of range, naming it
     */
    public static RunSpec fromJson(String json) {
        RunSpec s;
        try {
            s = GSON.fromJson(json, RunSpec.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("malformed run specification: " + e.getMessage(), e);
        }
        if (s == null) {
            throw new IllegalArgumentException("empty run specification");
        }
        return s;
    }

    /** Reads a JSON file; IOException names the file, IllegalArgumentException the file and the field. */
    public static RunSpec read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(json);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec r && toJson().equals(r.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public String toString() {
        return "RunSpec[" + recipe + " on " + data + ", " + net + (net.equals("unet") ? " " + Arrays.toString(channels)
                : " " + width + "x" + depth) + ", batch " + batch + ", lr " + lr + ", " + kimg + " kimg, seed " + seed + "]";
    }
}
