/**
 * CLIP backbones: the {@link org.clipsynergy.backbone.Backbone} interface, its {@link
 * org.clipsynergy.backbone.BackboneCard}, TorchScript exports of open_clip models ({@link
 * org.clipsynergy.backbone.TorchScriptBackbone}) and the registry that opens backbone folders
 * ({@link org.clipsynergy.backbone.Backbones}).
 *
 * <p>A backbone folder holds {@code card.json} and, for open_clip models, {@code model.pt}: a
 * TorchScript module with the methods {@code encode_image(float[N,3,S,S]) -> float[N,D]} and {@code
 * encode_text(long[N,77]) -> float[N,D]}, both returning raw (unnormalised) embeddings. {@code
 * environment/export_backbones.py} writes these folders from open_clip; the tests check the Java
 * path against embeddings open_clip computed for two reduced-width models ({@code
 * environment/reference/make_backbone_fixtures.py}).
 *
 * <p>Models run on the CPU by default and on the first GPU when the engine sees one; half precision
 * needs a GPU and a model exported in half precision.
 */
package org.clipsynergy.backbone;
