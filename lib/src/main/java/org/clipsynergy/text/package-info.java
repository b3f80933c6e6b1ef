/**
 * Text side of CLIP: the byte-pair tokenizer and prompt templates.
 *
 * <p>{@link org.clipsynergy.text.ClipTokenizer} turns texts into rows of 77 token ids exactly as
 * open_clip's {@code tokenize} does: CLIP's cleaning ({@link org.clipsynergy.text.ClipTextCleaner}:
 * ftfy, HTML unescaping, whitespace, lowercase), CLIP's word regex and byte-level BPE through DJL's
 * HuggingFace tokenizers, start and end tokens, zero padding, and truncation that keeps the end
 * token. The standard vocabulary (49,408 tokens) is built from OpenAI's merges by {@code
 * environment/build_tokenizer.py} and ships as the resource {@code clip-tokenizer.json.gz}; its
 * parity with open_clip is tested on several thousand strings (class names, templates, prompts,
 * accents, CJK, emoji, mojibake, HTML entities, long texts).
 *
 * <p>{@link org.clipsynergy.text.PromptTemplates} fills templates such as {@code "a photo of a
 * {}."} with class names.
 *
 * <p>{@link org.clipsynergy.text.ZeroShotHead} turns a backbone's text tower and a dataset's class
 * names and templates into a zero-shot classifier as CLIP does (normalise each template's
 * embedding, average per class, renormalise; logits are the logit scale times cosine similarity),
 * cached on disk per backbone card, dataset and template set.
 *
 * <p>Limitation: ftfy's mojibake repair is reproduced only for UTF-8 read as Latin-1 or
 * Windows-1252 (see {@link org.clipsynergy.text.ClipTextCleaner}).
 */
package org.clipsynergy.text;
