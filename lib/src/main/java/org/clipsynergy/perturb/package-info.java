/**
 * Image corruptions of the ImageNet-C benchmark (Hendrycks and Dietterich, "Benchmarking Neural
 * Network Robustness to Common Corruptions and Perturbations", ICLR 2019), for measuring how a
 * backbone's accuracy falls as images degrade.
 *
 * <p>{@link org.clipsynergy.perturb.Corruptions#byName(String, int, long)} returns a {@link
 * org.clipsynergy.perturb.Perturbation} for one corruption at severity 1-5 with a seed. The
 * parameters per severity and the algorithms are those of the {@code imagecorruptions} package
 * 1.1.2 (Michaelis et al. 2019), the benchmark's code generalised to any image size, mirrored on
 * double-precision planes: the same filters (scipy's Gaussian with skimage's defaults, OpenCV's
 * disk kernel and reflect-101 border, scipy's linear zoom and map_coordinates, skimage's HSV,
 * Pillow's box and nearest resizes to the integer), the same clipping to [0, 1], scaling by 255 and
 * truncation to 8 bits. Where that package departs from the original benchmark code these classes
 * follow the package: fog's fractal is sized to the image (the original drew a 256 x 256 map for
 * 224-pixel crops), motion blur is the package's own shifted-copy kernel (the original called
 * ImageMagick through Wand), and zoom blur keeps the top-left part of each zoomed copy.
 *
 * <p><b>Where corruptions apply.</b> To the decoded image at its own size, before the backbone's
 * preprocessing (resize, centre crop, normalisation), as the benchmark corrupts images before any
 * model sees them. The feature extractor applies a perturbation to each decoded sample and then
 * hands the result to the backbone's preprocessor, so the same corrupted image reaches every
 * backbone whatever its input size. Grey images (MNIST) are corrupted as three equal channels and
 * come back as RGB. Images smaller than 32 pixels, which the reference package refuses, are
 * corrupted by the same formulas (fog's fractal is sized to the next power of two of the longer
 * side, motion blur stops when a shift leaves the image).
 *
 * <p><b>Randomness.</b> Each image's noise comes from a stream seeded by (seed, image index) alone,
 * so one image's corruption is reproducible without the others, in any order and on any thread. The
 * streams are Java's, so the noise differs from numpy's draw by draw; what matches is its
 * distribution.
 *
 * <p><b>How closely they match the reference.</b> Checked against the Python package run on the
 * same photographs (fixtures made by {@code environment/reference/make_corruption_fixtures.py}):
 * the deterministic corruptions (gaussian, defocus and zoom blur, brightness, contrast, saturate,
 * pixelate, JPEG) pixel by pixel, and every corruption by the mean and standard deviation of the
 * change (0-255 units) and the SSIM to the clean image. Tolerances: pixel by pixel, no value more
 * than 1 level apart and a mean absolute difference of at most 0.01 levels; statistics, with s the
 * reference's standard deviation across its 10 noise draws and R the draws averaged here,
 * |difference| at most f + 4 s sqrt(1/10 + 1/R), f being 0.25 levels for the mean, 0.25 levels + 1
 * % for the standard deviation and 0.005 for SSIM. The SSIM here ({@link
 * org.clipsynergy.perturb.Ssim}) matches scikit-image's to 1e-6. On the fixtures the deterministic
 * ones agree with the reference to the last level, JPEG included: ImageIO's encoder with libjpeg's
 * integer table scaling (see {@code ImageNetC.jpeg}). Two choices follow the reference where it
 * departs from the original benchmark code: impulse noise flips each value independently with the
 * given probability, as scikit-image 0.19 and later draw it; glass blur mirrors the reference's
 * pixel "swap", which on RGB arrays copies one pixel onto the other.
 *
 * <p>Limitation: frost (needs the six frost photographs of the reference package) and spatter
 * (needs OpenCV's Canny edges, distance transform and histogram equalisation) are not implemented.
 */
package org.clipsynergy.perturb;
