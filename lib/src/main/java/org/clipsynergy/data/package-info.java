/**
 * Datasets: the catalog in {@code datasets.yaml}, readers that stream labelled images from the
 * files in the data folder, robust image decoding, and seeded stratified sampling.
 *
 * <p>Start from {@link org.clipsynergy.data.DatasetCatalog}: {@code
 * DatasetCatalog.load(ProjectLayout.discover())} validates the catalog (entries, class and template
 * files), {@code availability(name, split)} says whether a split's files are present and which path
 * is missing, and {@code open(name, split)} returns an {@link org.clipsynergy.data.ImageDataset}
 * whose {@code labels()} are read at once and whose images are streamed, one decoded at a time:
 *
 * <pre>{@code
 * DatasetCatalog catalog = DatasetCatalog.load(ProjectLayout.discover());
 * ImageDataset test = catalog.open("mnist", "test");
 * int[] fewShot = StratifiedSampler.perClass(test.labels(), 16, 42L);
 * try (Stream<Sample> samples = test.stream(0)) {
 *     samples.forEach(s -> ...);
 * }
 * }</pre>
 *
 * <p>Readers: IDX files (MNIST, Fashion-MNIST; raw or gzipped), image folders (a subfolder per
 * class, in sorted order), CSV manifests ({@code path,label}) and CIFAR-10/100 binary batches.
 * Encoded image files go through {@link org.clipsynergy.data.ImageDecoder} (ImageIO with the
 * TwelveMonkeys plugins), which yields {@code TYPE_BYTE_GRAY} for grey images, {@code TYPE_INT_RGB}
 * for colour, {@code TYPE_INT_ARGB} for images with alpha, and keeps palette images indexed (CLIP
 * preprocessing resizes each kind as Pillow does). Careful: {@code BufferedImage.getRGB} on a grey
 * image gamma-converts (128 becomes 188); use {@link org.clipsynergy.data.ImageDecoder#toRgb} or
 * the raster to get the stored values. A file that cannot be decoded fails the stream, or with
 * {@link org.clipsynergy.data.DecodePolicy#SKIP} is logged, left out and counted in the dataset's
 * {@link org.clipsynergy.data.DecodeReport}.
 *
 * <p>The embedded default data (MNIST, Fashion-MNIST) is put in place by {@code python3
 * environment/fetch_data.py}; the other datasets of the catalog are listed as unavailable, with the
 * path they expect, until their files are prepared.
 */
package org.clipsynergy.data;
