/**
 * The {@code clip-synergy} command line ({@code bin/clip-synergy}), used by the Makefile.
 *
 * <p>{@code clip-synergy extract --backbones RN50,ViT-B-32 --datasets mnist --split test} fills the
 * feature cache; {@code clip-synergy --help} lists every subcommand. Backbone names are folder
 * names under {@code backbones/}, dataset names come from {@code datasets.yaml}.
 */
package org.clipsynergy.cli;
