/**
 * The project's own mini zoo: small CLIP-style dual encoders of different architecture families,
 * trained with DJL on the same image-caption pairs with the same contrastive objective, so that
 * only the architecture differs. They are the offline default backbones of the whole study.
 *
 * <h2>Members</h2>
 *
 * <p>{@link org.clipsynergy.backbone.mini.ZooRecipe#standard()} defines seven image towers of six
 * families, each paired with the same two-layer causal text transformer (width 64, 4 heads) and
 * projected with it into a shared 64-d embedding:
 *
 * <ul>
 *   <li>{@code mini-convnet-s} and {@code mini-convnet-m}: one ConvNet design at widths 32 and 64
 *       (as RN50 and RN50x4 differ in width): 3x3 convolutions with batch norm and ReLU, two of
 *       them with stride 2 so the image is downsampled early (28, 14, 7), global average pooling;
 *   <li>{@code mini-vit}: a vision transformer, patch 7 (16 tokens and a class token), width 64, 4
 *       pre-norm layers with attention written from DJL operations (DJL's {@code
 *       TransformerEncoderBlock} is not a standard transformer layer);
 *   <li>{@code mini-mixer}: an MLP-mixer, patch 4 (49 tokens), width 64, 4 layers;
 *   <li>{@code mini-mlp}: a perceptron over the pixels, two hidden layers of 512;
 *   <li>{@code mini-convmixer}: a ConvMixer (Trockman and Kolter 2022), patch 4, width 64, 4 layers
 *       of a 5x5 depthwise and a pointwise convolution;
 *   <li>{@code mini-lstm}: an LSTM (state 128) that reads the image row by row, top to bottom.
 * </ul>
 *
 * <h2>Training</h2>
 *
 * <p>{@link org.clipsynergy.backbone.mini.MiniTrainer} minimises CLIP's symmetric cross-entropy
 * over the batch's image-text similarities scaled by a learned temperature (initial 1/0.07, the
 * scale clamped at 100), with Adam, linear warm-up, cosine decay and gradients clipped to a global
 * L2 norm (a ViT trained three epochs at learning rate 1e-3 without clipping diverged to NaN). The
 * pairs come from the training splits of MNIST and Fashion-MNIST in the data catalog (the standard
 * recipe takes the first 25,000 images of each: see {@link
 * org.clipsynergy.backbone.mini.ZooRecipe#standard()} for why), each image captioned by one of its
 * dataset's prompt templates filled with its class name, the template drawn from the seed. The last
 * 1,000 images of each training split are held out: the per-epoch log reports zero-shot top-1 on
 * them; the final numbers ({@code clip-synergy train-zoo}) are on the test splits. Images pass
 * through {@link org.clipsynergy.image.ClipPreprocessor#forCard} of the member's card in training
 * and at inference alike (at input size 28 on 28 x 28 images that is the identity and CLIP's
 * normalisation; grayscale is replicated to three channels). Captions are tokenized by the real
 * CLIP tokenizer; the text tower has embedding rows only for the token ids the captions use, plus
 * one shared row for any other id ({@link org.clipsynergy.backbone.mini.TokenVocabulary}), which
 * saves 20-26 ms per step over a 49,408-row table.
 *
 * <p>The data order, the captions and the initial weights depend on the seed alone, never on the
 * architecture. With one engine thread per process (the default: members train in parallel child
 * JVMs, see {@link org.clipsynergy.backbone.mini.MiniZoo}) CPU training is deterministic: the same
 * seed gives bitwise the same weights. With more threads, reductions may be reordered and results
 * differ in the last bits.
 *
 * <h2>On disk</h2>
 *
 * <p>Each member is a folder under the project's backbones folder with {@code card.json} (the
 * {@link org.clipsynergy.backbone.BackboneCard}, GFLOPs counted per layer by {@code
 * ImageTowers.multiplyAdds}: one multiply-add is one FLOP, as in open_clip's tables; parameters of
 * the image tower), {@code architecture.json}, {@code vocabulary.json}, {@code weights.params}
 * (DJL) and {@code recipe.json} (the recipe hash and the training log). {@link
 * org.clipsynergy.backbone.Backbones#open} loads it as a {@link
 * org.clipsynergy.backbone.mini.MiniBackbone}, like any exported CLIP model. A member whose recipe
 * hash (format version, datasets and their fingerprints, training settings, architecture) matches
 * and whose files are intact (the card parses, the weights have the card's {@code weightsSha256},
 * architecture and vocabulary files parse) is reused; any change of the recipe rebuilds it, with a
 * WARN line naming what differs, and a broken member is trained again with a WARN line naming the
 * file. A build holds the lock file {@code .train-zoo.lock} in the backbones folder, so a second
 * build into the same folder waits for the first and then reuses what it built; temporary files of
 * interrupted builds ({@code .zoo-recipe-*.json}, {@code .<member>.partial}) are removed on the way
 * out where the JVM can, else by the next build.
 *
 * <p>Limitation: text outside the training captions' vocabulary maps to one unknown embedding, so
 * prompts in other words than the two datasets' templates and class names are poorly encoded.
 */
package org.clipsynergy.backbone.mini;
