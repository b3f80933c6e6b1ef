/**
 * clip-synergy: run CLIP vision backbones, cache what they see, and study how they differ and how
 * to combine them.
 */
package org.clipsynergy;
