package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.features.FeatureSet;

/**
 * What a fitted ensemble remembers about its members so that prediction can refuse other ones.
 *
 * @param backbones the members' backbone names, in order
 * @param numClasses the class count c
 * @param featureSizes the image feature size d of each member
 */
record MemberSignature(List<String> backbones, int numClasses, int[] featureSizes) {

    /** The signature of aligned members. */
    static MemberSignature of(List<FeatureSet> members) {
        List<String> names = new ArrayList<>();
        int[] dims = new int[members.size()];
        for (int m = 0; m < members.size(); m++) {
            FeatureSet set = members.get(m);
            names.add(set.backbone());
            dims[m] = set.size() == 0 ? 0 : set.imageFeatures()[0].length;
        }
        return new MemberSignature(List.copyOf(names), members.get(0).numClasses(), dims);
    }

    /** Checks that members are aligned and match this signature, naming what differs. */
    void check(List<FeatureSet> members, String method) {
        Members.checkAligned(members, method + " input");
        if (members.size() != backbones.size()) {
            throw new IllegalArgumentException(
                    method
                            + ": members expected "
                            + backbones.size()
                            + " "
                            + backbones
                            + ", got "
                            + members.size());
        }
        for (int m = 0; m < members.size(); m++) {
            FeatureSet set = members.get(m);
            if (!set.backbone().equals(backbones.get(m))) {
                throw new IllegalArgumentException(
                        method
                                + ": member "
                                + m
                                + " backbone expected "
                                + backbones.get(m)
                                + ", got "
                                + set.backbone());
            }
            if (set.numClasses() != numClasses) {
                throw new IllegalArgumentException(
                        method
                                + ": member "
                                + set.backbone()
                                + " class count expected "
                                + numClasses
                                + ", got "
                                + set.numClasses());
            }
            int d = set.imageFeatures()[0].length;
            if (d != featureSizes[m]) {
                throw new IllegalArgumentException(
                        method
                                + ": member "
                                + set.backbone()
                                + " image_features columns expected "
                                + featureSizes[m]
                                + ", got "
                                + d);
            }
        }
    }

    /** The total feature size, sum of d over members. */
    int totalFeatureSize() {
        int total = 0;
        for (int d : featureSizes) {
            total += d;
        }
        return total;
    }
}
