package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.List;

/**
 * Every ensemble method of the comparison by its short name, so that a notebook parameter (a list
 * of names) picks the methods to run. Each name is the {@link Ensemble#name()} of the method it
 * builds, with the package's default settings.
 */
public final class EnsembleMethods {

    /** The best single member, chosen by holdout accuracy. */
    public static final String BEST_SINGLE = "best-single";

    /** Tip-Adapter on every member, then the best single adapted member. */
    public static final String TIP_ADAPTER = "tip-adapter+best-single";

    /** The Neural Logit Controller. */
    public static final String CONTROLLER = "controller";

    /** The controller over Tip-Adapter logits. */
    public static final String TIP_ADAPTER_CONTROLLER = "tip-adapter+controller";

    /** Every method, static baselines first, in the order of the study's tables. */
    public static final List<String> ALL =
            List.of(
                    BEST_SINGLE,
                    "mean-logits",
                    "mean-probs",
                    "majority-vote",
                    "most-confident",
                    "lowest-entropy",
                    "calibrated-probs",
                    "stacking",
                    "router",
                    "mixture-of-experts",
                    TIP_ADAPTER,
                    CONTROLLER,
                    TIP_ADAPTER_CONTROLLER);

    private EnsembleMethods() {}

    /**
     * The method with a given name, default settings and a seed (methods without randomness ignore
     * it; {@link FewShotExperiment} re-seeds every method per draw anyway).
     *
     * @param name one of {@link #ALL}
     * @param seed the seed of stochastic methods
     * @return the method
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static Ensemble byName(String name, long seed) {
        return switch (name) {
            case BEST_SINGLE -> StaticEnsembles.bestSingle();
            case "mean-logits" -> StaticEnsembles.meanOfLogits();
            case "mean-probs" -> StaticEnsembles.meanOfProbabilities();
            case "majority-vote" -> StaticEnsembles.majorityVote();
            case "most-confident" -> StaticEnsembles.mostConfident();
            case "lowest-entropy" -> StaticEnsembles.lowestEntropy();
            case "calibrated-probs" -> new CalibratedAveraging();
            case "stacking" -> new Stacking(Stacking.Settings.defaults(seed));
            case "router" -> new Router(Router.Settings.defaults(seed));
            case "mixture-of-experts" ->
                    new MixtureOfExperts(MixtureOfExperts.Settings.defaults(seed));
            case TIP_ADAPTER ->
                    new TipAdaptedEnsemble(
                            StaticEnsembles.bestSingle(), TipAdapter.Settings.defaults());
            case CONTROLLER -> NeuralLogitController.withDefaults(seed);
            case TIP_ADAPTER_CONTROLLER ->
                    new TipAdaptedEnsemble(
                            NeuralLogitController.withDefaults(seed),
                            TipAdapter.Settings.defaults());
            default ->
                    throw new IllegalArgumentException(
                            "ensemble method: name expected one of "
                                    + ALL
                                    + ", got '"
                                    + name
                                    + "'");
        };
    }

    /**
     * The methods with the given names, in the given order.
     *
     * @param names names from {@link #ALL}, no repeats
     * @param seed the seed of stochastic methods
     * @return the methods
     * @throws IllegalArgumentException for an unknown or repeated name
     */
    public static List<Ensemble> of(List<String> names, long seed) {
        List<Ensemble> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.subList(0, i).contains(names.get(i))) {
                throw new IllegalArgumentException(
                        "ensemble methods: name '" + names.get(i) + "' given twice in " + names);
            }
            out.add(byName(names.get(i), seed));
        }
        return out;
    }
}
