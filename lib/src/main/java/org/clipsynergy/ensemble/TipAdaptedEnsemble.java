package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.clipsynergy.features.FeatureSet;

/**
 * An ensemble over Tip-Adapter logits: each member gets its own {@link TipAdapter} cache built from
 * the holdout, and the inner ensemble is fitted on the holdout's adapted logits (each holdout image
 * left out of its own cache, so the inner ensemble never sees a cache that contains the image it
 * scores). With {@link StaticEnsembles#bestSingle()} inside this is Tip-Adapter on the best
 * backbone; with the {@link NeuralLogitController} inside, the controller over Tip-Adapter logits.
 */
public final class TipAdaptedEnsemble implements Ensemble {

    private final Ensemble inner;
    private final TipAdapter.Settings settings;

    /**
     * Tip-Adapter per member, then {@code inner}.
     *
     * @param inner the ensemble over the adapted members
     * @param settings Tip-Adapter's search grids
     */
    public TipAdaptedEnsemble(Ensemble inner, TipAdapter.Settings settings) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "tip-adapter+" + inner.name();
    }

    @Override
    public Ensemble withSeed(long seed) {
        return new TipAdaptedEnsemble(inner.withSeed(seed), settings);
    }

    @Override
    public FittedEnsemble fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        List<TipAdapter> adapters = new ArrayList<>();
        List<FeatureSet> adapted = new ArrayList<>();
        for (FeatureSet member : holdout) {
            TipAdapter adapter = TipAdapter.fit(member, settings);
            adapters.add(adapter);
            adapted.add(Members.withLogits(member, adapter.adaptLeavingOut(member)));
        }
        FittedEnsemble fitted = inner.fit(adapted);
        String name = name();
        return new FittedEnsemble() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public float[][] predict(List<FeatureSet> members) {
                if (members.size() != adapters.size()) {
                    throw new IllegalArgumentException(
                            name
                                    + ": members expected "
                                    + adapters.size()
                                    + ", got "
                                    + members.size());
                }
                List<FeatureSet> out = new ArrayList<>();
                for (int m = 0; m < members.size(); m++) {
                    out.add(
                            Members.withLogits(
                                    members.get(m), adapters.get(m).adapt(members.get(m))));
                }
                return fitted.predict(out);
            }
        };
    }
}
