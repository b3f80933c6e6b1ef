package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A confidence cascade: members run from the cheapest to the most expensive (GFLOPs per image from
 * their backbone cards) and stop, per image, once the running ensemble's top probability reaches a
 * threshold. The running ensemble is the mean of the temperature-calibrated (Guo et al. 2017)
 * softmax probabilities of the members run so far; temperatures are fitted on the holdout.
 *
 * <p>The cost of an image is the sum of the GFLOPs of the members it ran. {@link #sweep} gives
 * accuracy against mean GFLOPs per image over thresholds; {@link #controllerPrefixes} the
 * controller trained on each prefix of the cheapest members.
 */
public final class Cascade implements Ensemble {

    private static final Logger LOG = LoggerFactory.getLogger(Cascade.class);

    private final Map<String, Double> gflops;
    private final double threshold;

    /**
     * A cascade.
     *
     * @param gflops GFLOPs per image of each backbone, by backbone name (from the cards)
     * @param threshold the top probability in (0, 1] at which an image stops
     */
    public Cascade(Map<String, Double> gflops, double threshold) {
        this.gflops = Map.copyOf(gflops);
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "cascade: threshold expected in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "cascade@" + threshold;
    }

    @Override
    public Fitted fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        int[] order = costOrder(holdout, gflops);
        double[] temperatures = CalibratedAveraging.temperatures(holdout);
        double[] cost = new double[order.length];
        for (int j = 0; j < order.length; j++) {
            cost[j] = gflops.get(holdout.get(order[j]).backbone());
        }
        return new Fitted(MemberSignature.of(holdout), order, temperatures, cost, threshold);
    }

    /**
     * Member numbers ordered by GFLOPs, cheapest first (ties by name).
     *
     * @param members the members
     * @param gflops GFLOPs per image by backbone name
     * @return member numbers, cheapest first
     */
    public static int[] costOrder(List<FeatureSet> members, Map<String, Double> gflops) {
        for (FeatureSet m : members) {
            Double g = gflops.get(m.backbone());
            if (g == null || !(g >= 0)) {
                throw new IllegalArgumentException(
                        "cascade: gflops of member "
                                + m.backbone()
                                + " expected a number >= 0, got "
                                + g
                                + " (known: "
                                + gflops.keySet()
                                + ")");
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            order.add(m);
        }
        order.sort(
                Comparator.<Integer>comparingDouble(m -> gflops.get(members.get(m).backbone()))
                        .thenComparing(m -> members.get(m).backbone()));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Accuracy against mean GFLOPs per image for each threshold.
     *
     * @param fitted a fitted cascade (its own threshold is ignored)
     * @param test aligned test members
     * @param thresholds top-probability thresholds in (0, 1]
     * @return tidy table: threshold, accuracy, mean_gflops, mean_members (one row per threshold)
     */
    public static Table sweep(Fitted fitted, List<FeatureSet> test, double[] thresholds) {
        Trace trace = fitted.trace(test);
        DoubleColumn thresholdColumn = DoubleColumn.create("threshold");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn cost = DoubleColumn.create("mean_gflops");
        DoubleColumn used = DoubleColumn.create("mean_members");
        for (double t : thresholds) {
            double right = 0;
            double flops = 0;
            double count = 0;
            for (int i = 0; i < trace.top.length; i++) {
                int stop = trace.stop(i, t);
                right += trace.correct[i][stop] ? 1 : 0;
                flops += trace.cumulativeCost[stop];
                count += stop + 1;
            }
            int n = trace.top.length;
            thresholdColumn.append(t);
            accuracy.append(right / n);
            cost.append(flops / n);
            used.append(count / n);
        }
        return Table.create("cascade", thresholdColumn, accuracy, cost, used);
    }

    /**
     * The controller trained on each prefix of the cheapest members.
     *
     * @param holdout aligned holdout members
     * @param test aligned test members, same order
     * @param gflops GFLOPs per image by backbone name
     * @param settings the controller's settings
     * @return tidy table: prefix (member count), members (names, cheapest first), gflops (per
     *     image), accuracy
     */
    public static Table controllerPrefixes(
            List<FeatureSet> holdout,
            List<FeatureSet> test,
            Map<String, Double> gflops,
            ControllerSettings settings) {
        Members.checkHoldout(holdout);
        int[] order = costOrder(holdout, gflops);
        IntColumn prefix = IntColumn.create("prefix");
        StringColumn names = StringColumn.create("members");
        DoubleColumn cost = DoubleColumn.create("gflops");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        List<FeatureSet> h = new ArrayList<>();
        List<FeatureSet> t = new ArrayList<>();
        double flops = 0;
        for (int j = 0; j < order.length; j++) {
            h.add(holdout.get(order[j]));
            t.add(test.get(order[j]));
            flops += gflops.get(holdout.get(order[j]).backbone());
            float[][] logits = new NeuralLogitController(settings).fit(h).predict(t);
            prefix.append(j + 1);
            names.append(String.join("+", h.stream().map(FeatureSet::backbone).toList()));
            cost.append(flops);
            accuracy.append(Members.accuracy(logits, t.get(0).labels()));
            LOG.info("controller on the {} cheapest members: accuracy {}", j + 1, accuracy.get(j));
        }
        return Table.create("controller-prefixes", prefix, names, cost, accuracy);
    }

    /** Per image and prefix length: top probability, correctness and cumulative cost. */
    private record Trace(
            double[][] top, boolean[][] correct, int[][] predicted, double[] cumulativeCost) {

        /** The prefix index (0-based) at which image i stops under threshold t. */
        int stop(int i, double t) {
            for (int j = 0; j < top[i].length; j++) {
                if (top[i][j] >= t) {
                    return j;
                }
            }
            return top[i].length - 1;
        }
    }

    /** A fitted cascade. */
    public static final class Fitted implements FittedEnsemble {
        private final MemberSignature signature;
        private final int[] order;
        private final double[] temperatures;
        private final double[] cost;
        private final double threshold;

        Fitted(
                MemberSignature signature,
                int[] order,
                double[] temperatures,
                double[] cost,
                double threshold) {
            this.signature = signature;
            this.order = order;
            this.temperatures = temperatures;
            this.cost = cost;
            this.threshold = threshold;
        }

        @Override
        public String name() {
            return "cascade@" + threshold;
        }

        /** Member numbers in the order they run, cheapest first. */
        public int[] order() {
            return order.clone();
        }

        @Override
        public float[][] predict(List<FeatureSet> members) {
            signature.check(members, name());
            int n = members.get(0).size();
            int c = signature.numClasses();
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                double[] mean = new double[c];
                for (int j = 0; j < order.length; j++) {
                    add(mean, members, i, j);
                    double[] p = scaled(mean, j + 1);
                    if (p[Members.argmax(p)] >= threshold || j == order.length - 1) {
                        out[i] = Members.logOf(p);
                        break;
                    }
                }
            }
            return out;
        }

        Trace trace(List<FeatureSet> members) {
            signature.check(members, name());
            int n = members.get(0).size();
            int c = signature.numClasses();
            int size = order.length;
            double[][] top = new double[n][size];
            boolean[][] correct = new boolean[n][size];
            int[][] predicted = new int[n][size];
            for (int i = 0; i < n; i++) {
                double[] sum = new double[c];
                for (int j = 0; j < size; j++) {
                    add(sum, members, i, j);
                    double[] p = scaled(sum, j + 1);
                    predicted[i][j] = Members.argmax(p);
                    top[i][j] = p[predicted[i][j]];
                    correct[i][j] = predicted[i][j] == members.get(0).labels()[i];
                }
            }
            double[] cumulative = new double[size];
            for (int j = 0; j < size; j++) {
                cumulative[j] = cost[j] + (j > 0 ? cumulative[j - 1] : 0);
            }
            return new Trace(top, correct, predicted, cumulative);
        }

        private void add(double[] sum, List<FeatureSet> members, int i, int j) {
            int m = order[j];
            double[] p = Members.softmax(members.get(m).logits()[i], temperatures[m]);
            for (int k = 0; k < p.length; k++) {
                sum[k] += p[k];
            }
        }

        private static double[] scaled(double[] sum, int count) {
            double[] p = new double[sum.length];
            for (int k = 0; k < p.length; k++) {
                p[k] = sum[k] / count;
            }
            return p;
        }
    }

    @Override
    public String toString() {
        return name() + " over " + Objects.toString(gflops);
    }
}
