package edm.zoo;

import edm.loss.DenoisingLoss;
import edm.loss.Formulation;
import edm.process.DiscreteDdpm;
import edm.train.Configs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named training loss: preconditioning, p_train and lambda (EDM Table 1's training rows). The
 * optimizer settings are not part of a recipe; they live in the {@link RunSpec}.
 *
 * <ul>
 *   <li>{@code edm}: EDM (Table 2 row E): EDM preconditioning, ln sigma ~ N(-1.2, 1.2^2), lambda = 1/c_out^2.
 *   <li>{@code vp}: VP (DDPM++; Table 2 rows A-C): c_skip = 1, c_out = -sigma, t ~ U(1e-5, 1), lambda = 1/sigma^2.
 *   <li>{@code ve}: VE (NCSN++; Table 2 rows A-C of the VE column): c_out = sigma, ln sigma ~ U(ln 0.02, ln 100).
 *   <li>{@code edm-precond-vp-loss}: Table 2 row D: EDM preconditioning with VP's p_train and lambda.
 *   <li>{@code iddpm}: iDDPM's eps-model on the u_j table (Table 1, column 3).
 *   <li>{@code ddpm}: DDPM's L_simple on the T = 1000 linear-beta chain (Ho et al. 2020, eq. 14).
 *   <li>{@code flow}: flow matching / rectified flow as an EDM formulation (velocity target).
 * </ul>
 *
 * @param name        the recipe's name
 * @param description one line
 * @param loss        the loss
 */
public record Recipe(String name, String description, DenoisingLoss loss) {
    private static final Map<String, Recipe> ALL = new LinkedHashMap<>();

    static {
        add("edm", "EDM: EDM preconditioning and loss (Table 2 row E)", Configs.edmLoss());
        add("vp", "VP: VP preconditioning, t ~ U(1e-5, 1), lambda = 1/sigma^2 (Table 2 rows A-C)", Configs.vpLoss());
        add("ve", "VE: VE preconditioning, ln sigma ~ U(ln 0.02, ln 100), lambda = 1/sigma^2 (Table 2 VE rows A-C)",
                Configs.veLoss());
        add("edm-precond-vp-loss", "EDM preconditioning with VP's p_train and lambda (Table 2 row D)",
                Configs.edmPrecondVpLoss());
        add("iddpm", "iDDPM: eps-model on the u_j table, lambda = 1/sigma^2", Formulation.iddpm().loss());
        add("ddpm", "DDPM L_simple on the T = 1000 linear-beta chain", DenoisingLoss.lSimple(new DiscreteDdpm()));
        add("flow", "flow matching: velocity target, t ~ U(0, 1), lambda = (1 + sigma)^2/sigma^2", Formulation.flow().loss());
    }

    private static void add(String name, String description, DenoisingLoss loss) {
        ALL.put(name, new Recipe(name, description, loss));
    }

    /** All recipes by name, in a fixed order. */
    public static Map<String, Recipe> all() {
        return Map.copyOf(ALL);
    }

    /** The names, in a fixed order. */
    public static java.util.List<String> names() {
        return java.util.List.copyOf(ALL.keySet());
    }

    /**
     * The recipe called {@code name}.
     *
     * @throws IllegalArgumentException naming the value and the valid names
     */
    public static Recipe of(String name) {
        Recipe r = ALL.get(name);
        if (r == null) {
            throw new IllegalArgumentException("recipe must be one of " + String.join(", ", ALL.keySet()) + ", got '"
                    + name + "'");
        }
        return r;
    }
}
