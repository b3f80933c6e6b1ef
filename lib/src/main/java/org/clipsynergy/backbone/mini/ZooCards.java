package org.clipsynergy.backbone.mini;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.clipsynergy.backbone.BackboneCard;

/** Cards of zoo members: CLIP's preprocessing constants, counted cost and size. */
final class ZooCards {

    /** OpenAI CLIP's per-channel mean (open_clip {@code OPENAI_DATASET_MEAN}). */
    static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};

    /** OpenAI CLIP's per-channel standard deviation (open_clip {@code OPENAI_DATASET_STD}). */
    static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    private ZooCards() {}

    /**
     * The card of a member.
     *
     * @param a the architecture
     * @param logitScale the learned logit scale
     * @param parameters the image tower's parameter count
     * @param weightsSha256 the weights file's SHA-256, hex
     * @param source the provenance line
     * @return the card: input 28, CLIP's mean and std, bicubic shortest-side resize, GFLOPs from
     *     {@link ImageTowers#multiplyAdds} (one multiply-add counted as one FLOP, as open_clip's
     *     reported GFLOPs do)
     */
    static BackboneCard card(
            MiniArchitecture a,
            double logitScale,
            long parameters,
            String weightsSha256,
            String source) {
        return new BackboneCard(
                a.name(),
                a.family(),
                MiniArchitecture.INPUT_SIZE,
                CLIP_MEAN,
                CLIP_STD,
                "bicubic",
                "shortest",
                a.embeddingSize(),
                a.contextLength(),
                logitScale,
                ImageTowers.multiplyAdds(a) / 1e9,
                parameters,
                weightsSha256,
                source);
    }

    /** The SHA-256 of a file, lowercase hex. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int r = in.read(buffer); r > 0; r = in.read(buffer)) {
                digest.update(buffer, 0, r);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
