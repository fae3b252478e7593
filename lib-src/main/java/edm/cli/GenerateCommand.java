package edm.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.data.Npy;
import edm.denoise.CountingDenoiser;
import edm.sample.Sampler;
import edm.show.Images;
import edm.zoo.Generation;
import edm.zoo.ModelFile;
import edm.zoo.RunSpec;
import edm.zoo.Zoo;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code generate}: images from a trained model, one noise stream per seed (EDM's {@code generate.py --seeds}):
 * image k is the same whether it is drawn alone or among others.
 */
@Command(name = "generate", description = "draw images from a trained model (zoo name, .edm file or run directory)")
final class GenerateCommand implements PicoCommand.Body {
    @Option(names = "--model", required = true, paramLabel = "NAME|FILE|RUN_DIR", description = "the model")
    String model;
    @Option(names = "--seeds", paramLabel = "LIST", description = "per-image seeds, e.g. 0-63 or 0,5,9-12 (default 0-63)")
    String seeds = "0-63";
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "grid.png (an image grid) or samples.npy (N x C x H x W, float64 in [-1, 1])")
    Path out;
    @Option(names = "--latents", paramLabel = "FILE.npy", description = "start image k from row k of these latents z"
            + " (N x C x H x W or N x C*H*W; N = the number of seeds): the sampler starts at z sigma_0")
    Path latents;
    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;
    @Mixin
    SolverOptions solver = new SolverOptions();

    private PrintStream out2;

    @Override
    public void out(PrintStream o) {
        this.out2 = o;
    }

    @Override
    public Integer call() throws Exception {
        long[] ids = parseSeeds(seeds);
        String name = out.getFileName().toString();
        if (!name.endsWith(".png") && !name.endsWith(".npy")) {
            throw new UsageException("--out must end in .png or .npy, got " + out);
        }
        Sampler sampler = solver.sampler();
        java.util.Map<String, Path> inputs = new java.util.LinkedHashMap<>(modelInputs(model));
        if (latents != null) {
            inputs.put("--latents", latents);
        }
        Outputs.check(java.util.Map.of("--out", out), inputs, force);
        ModelFile m = loadModel(model);
        ai.djl.ndarray.types.Shape imageShape = RunSpec.sampleShape(m.spec().data());
        double[] z = latents == null ? null : readLatents(latents, ids.length, imageShape.size()).values();
        CountingDenoiser d = new CountingDenoiser(m.denoiser());
        long t0 = System.nanoTime();
        try (NDManager nm = NDManager.newBaseManager()) {
            NDArray x = (z == null ? Generation.sample(sampler, d, nm, imageShape, ids, 0)
                    : sampler.sample(d, edm.sample.SampleRun.of(nm, ids, imageShape).seed(0)
                            .latents(nm.create(z, new ai.djl.ndarray.types.Shape(ids.length).addAll(imageShape))).build()))
                    .clip(-1, 1);
            double sec = (System.nanoTime() - t0) / 1e9;
            if (name.endsWith(".png")) {
                int cols = (int) Math.ceil(Math.sqrt(ids.length));
                Files.write(out, Images.png(Generation.grid(x, cols)));
            } else {
                Npy.write(out, x.getShape().getShape(), x.toDoubleArray());
            }
            out2.printf(Locale.ROOT, "%d images from %s (%s, %.0f kimg) with %s: %d NFE per image, %.1f s; wrote %s%n",
                    ids.length, model, m.spec().recipe(), m.kimg(), sampler.name(), solver.nfe(), sec, out);
        }
        return 0;
    }

    /** The files a model reference reads: the file itself, or a run directory's model and state files. */
    static java.util.Map<String, Path> modelInputs(String ref) throws java.io.IOException {
        java.util.Map<String, Path> in = new java.util.LinkedHashMap<>();
        Path p = Path.of(ref);
        if (Files.isDirectory(p)) {
            try (var files = Files.list(p)) {
                files.filter(Files::isRegularFile).forEach(f -> in.put("--model " + ref + " (" + f.getFileName() + ")", f));
            }
        } else if (Files.exists(p)) {
            in.put("--model", p);
        }
        return in;
    }

    /**
     * Reads a latents .npy (float64 or float32) and checks it before any work: {@code per} values per row, every
     * value finite, and {@code rows} rows when {@code rows} is not null.
     */
    static Npy.Array readLatents(Path file, Integer rows, long per) {
        Npy.Array a;
        try {
            a = Npy.read(file);
        } catch (java.io.IOException e) {
            throw new UsageException("--latents: " + e.getMessage());
        }
        if (a.rows() < 1 || (long) a.rows() * per != a.values().length || (rows != null && a.rows() != rows)) {
            throw new UsageException("--latents " + file + " has shape " + java.util.Arrays.toString(a.shape()) + "; need "
                    + (rows == null ? "n" : rows.toString()) + " rows of " + per + " values");
        }
        for (int i = 0; i < a.values().length; i++) {
            if (!Double.isFinite(a.values()[i])) {
                throw new UsageException("--latents " + file + ": row " + i / per + " holds " + a.values()[i]);
            }
        }
        return a;
    }

    /** Loads a model reference, turning "not found" into a usage error. */
    static ModelFile loadModel(String ref) throws java.io.IOException {
        try {
            return Zoo.load(ref);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new UsageException("--model " + ref + ": " + e.getMessage());
        }
    }

    /** Parses "0-63", "0,5,9-12": each seed >= 0, at most 1,000,000 in all, no repeats. */
    static long[] parseSeeds(String spec) {
        List<Long> ids = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            java.util.regex.Matcher r = java.util.regex.Pattern.compile("(\\d{1,18})(?:-(\\d{1,18}))?").matcher(p);
            if (!r.matches()) {
                throw new UsageException("--seeds must be a list like 0-63 or 0,5,9-12, got '" + spec + "'");
            }
            long a = Long.parseLong(r.group(1));
            long b = r.group(2) == null ? a : Long.parseLong(r.group(2));
            if (b < a) {
                throw new UsageException("--seeds range " + p + " is empty (end < start)");
            }
            if (b - a + ids.size() >= 1_000_000) {
                throw new UsageException("--seeds names more than 1,000,000 images: '" + spec + "'");
            }
            for (long s = a; s <= b; s++) {
                if (!seen.add(s)) {
                    throw new UsageException("--seeds names seed " + s + " twice");
                }
                ids.add(s);
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
