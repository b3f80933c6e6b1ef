/**
 * CLIP image preprocessing, equal to open_clip's evaluation transform down to the byte.
 *
 * <p>{@link org.clipsynergy.image.ClipPreprocessor#forCard} reads a backbone card (input size,
 * interpolation, resize mode, mean, std) and turns a decoded image into 3 x s x s normalised
 * floats: resize (shortest side to s then centre crop, or squash), RGB, {@code (v / 255 - mean) /
 * std}. {@link org.clipsynergy.image.PillowResize} reproduces Pillow's {@code Image.resize}:
 * antialiased separable convolution with the filter widened by the downscale factor, 22-bit
 * fixed-point weights, 8-bit rounding between the passes, Pillow 13's choice of which pass runs
 * first, premultiplied alpha for RGBA and nearest neighbour for palette images. Only the cropped
 * window is computed, with weights cached per (sizes, window, filter).
 *
 * <p>Parity is tested against open_clip 3.3.0 with Pillow 13.0.0 on the sample photographs of
 * scikit-image and scikit-learn (RGB, grey, RGBA, palette, upscales from 8 x 8 and 28 x 28, tall,
 * wide and odd sizes, bicubic and bilinear, shortest and squash): every pixel value is identical.
 *
 * <p>Limitation: the comparison starts from decoded pixels; JPEG decoders may differ by a step or
 * two, and 16-bit, CMYK or non-sRGB images go through Java's colour conversion rather than Pillow's
 * mode conversions (see {@link org.clipsynergy.image.ClipPreprocessor}).
 */
package org.clipsynergy.image;
