package edm.zoo;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import edm.Check;
import edm.nn.DenoiserNet;
import edm.nn.Init;
import edm.nn.NetworkDenoiser;
import edm.train.Checkpoint;
import edm.train.SealedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model as a file: the run's {@link RunSpec}, the step and images seen, and the EMA weights in
 * float32, in the {@link SealedFile} container (magic "EDMMODL1", verified by SHA-256 on load). This is what
 * the zoo ships and what {@code ./workbench generate} and {@code eval} read; the full training state (weights,
 * Adam moments) stays in the run directory's {@link Checkpoint}.
 *
 * @param spec    the run that made it
 * @param step    optimizer steps done
 * @param tensors the EMA weights, in the network's parameter order
 */
public record ModelFile(RunSpec spec, long step, List<Checkpoint.Tensor> tensors) {
    /** The magic of the format. */
    public static final String MAGIC = "EDMMODL1";
    /** The extension of model files. */
    public static final String EXTENSION = ".edm";

    /** Validates the arguments. */
    public ModelFile {
        Check.notNull("spec", spec);
        Check.notNull("tensors", tensors);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        tensors = List.copyOf(tensors);
    }

    private record Entry(String name, long[] shape) {}

    private record Header(String spec, long step, String architecture, List<Entry> tensors) {}

    /** The EMA weights of a training checkpoint, as a model of {@code spec}. */
    public static ModelFile ofCheckpoint(RunSpec spec, Checkpoint c) {
        return new ModelFile(spec, c.step(), c.ema());
    }

    /** Thousands of images seen in training. */
    public double kimg() {
        return step * (double) spec.batch() / 1000;
    }

    /** Writes the file atomically. */
    public void save(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<float[]> arrays = new ArrayList<>();
        for (Checkpoint.Tensor t : tensors) {
            entries.add(new Entry(t.name(), t.shape()));
            arrays.add(t.values());
        }
        String header = new Gson().toJson(new Header(spec.toJson(), step, spec.newNet().architecture(), entries));
        SealedFile.write(file, MAGIC, header, arrays);
    }

    /**
     * Reads and verifies a model file.
     *
     * @throws IOException naming the file and the field on any defect
     */
    public static ModelFile load(Path file) throws IOException {
        SealedFile.Contents c = SealedFile.read(file, MAGIC, "model");
        Header h;
        try {
            h = new Gson().fromJson(c.header(), Header.class);
        } catch (JsonParseException e) {
            throw new IOException("model " + file + " has a malformed header: " + e.getMessage(), e);
        }
        if (h == null || h.spec() == null || h.tensors() == null || h.step() < 0) {
            throw new IOException("model " + file + ": header field spec, tensors or step is missing or negative");
        }
        RunSpec spec;
        try {
            spec = RunSpec.fromJson(h.spec());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("model " + file + ": field spec: " + e.getMessage(), e);
        }
        List<Checkpoint.Tensor> ts = new ArrayList<>();
        for (Entry e : h.tensors()) {
            if (e == null || e.name() == null || e.shape() == null) {
                throw new IOException("model " + file + ": a tensor entry lacks its name or shape");
            }
            long n = 1;
            for (long d : e.shape()) {
                if (d < 0) {
                    throw new IOException("model " + file + ": negative dimension in " + Arrays.toString(e.shape()));
                }
                n = Math.multiplyExact(n, d);
            }
            ts.add(new Checkpoint.Tensor(e.name(), e.shape(), c.floats(n, "tensor " + e.name())));
        }
        c.requireConsumed();
        return new ModelFile(spec, h.step(), ts);
    }

    /**
     * A network holding these weights, as a preconditioned denoiser (the recipe's preconditioning).
     *
     * @throws IllegalStateException if the tensors do not fit the specification's network
     */
    public NetworkDenoiser denoiser() {
        DenoiserNet net = Init.seeded(spec.newNet(), NDManager.newBaseManager(), 0);
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            params.add(p.getValue());
        }
        if (params.size() != tensors.size()) {
            throw new IllegalStateException("model has " + tensors.size() + " tensors, its network " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            long[] want = params.get(i).getArray().getShape().getShape();
            if (!Arrays.equals(want, tensors.get(i).shape())) {
                throw new IllegalStateException("tensor " + i + " (" + tensors.get(i).name() + ") has shape "
                        + Arrays.toString(tensors.get(i).shape()) + ", the network wants " + Arrays.toString(want));
            }
            Init.copyInto(params.get(i).getArray(), tensors.get(i).values());
        }
        return new NetworkDenoiser(net, spec.recipeObject().loss().precond());
    }
}
