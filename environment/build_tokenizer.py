#!/usr/bin/env python3
"""Build the CLIP tokenizer.json (HuggingFace tokenizers format) from CLIP's BPE merges.

Reproducible: standard library only, and the output is byte-identical for the same input
(sorted-free insertion order, gzip with mtime 0). Usage:

    python environment/build_tokenizer.py \
        [--merges <nearest shared/reference/>clip-bpe-vocab-16e6.txt.gz] \
        [--out lib/src/main/resources/org/clipsynergy/text/clip-tokenizer.json.gz]

Vocabulary and merges follow the original CLIP SimpleTokenizer (and open_clip's copy of it):
the 256 byte-level characters of GPT-2's byte-to-unicode map, the same with "</w>", one token
per merge (the first 48,894 merge lines), then <start_of_text> = 49406 and
<end_of_text> = 49407 (open_clip's names for the two special tokens).

Text cleaning (ftfy, HTML unescaping, whitespace runs, lowercase) is done by the Java
ClipTextCleaner before this tokenizer sees the text; the normalizer below repeats the
whitespace and lowercase steps (idempotent on cleaned text) so the file also works alone.
It has no NFC step: CLIP normalises inside ftfy, before HTML unescaping, so a combining mark
that an entity produces (e.g. "<i>cafe&#x301;</i>", where ftfy skips entities) stays
decomposed; an NFC normaliser here would compose it and change the tokens.
The pre-tokenizer is CLIP's regex followed by a byte-level mapping without its own regex.

Beside it the script writes html5-entities.json, Python's table of HTML5 named character
references (html.entities.html5), which the Java cleaner uses to unescape exactly as
html.unescape does.
"""
import argparse
import gzip
import html.entities
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MERGES_NAME = "clip-bpe-vocab-16e6.txt.gz"


def default_merges() -> Path:
    """The merges file in the nearest shared/reference/ folder above the project."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "reference" / MERGES_NAME
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "reference" / MERGES_NAME
DEFAULT_OUT = ROOT / "lib/src/main/resources/org/clipsynergy/text/clip-tokenizer.json.gz"
ENTITIES_NAME = "html5-entities.json"

# CLIP's constants: 49,152 BPE tokens (256 bytes x 2 + merges) plus two specials.
BPE_VOCAB_SIZE = 49152
START_OF_TEXT = "<start_of_text>"
END_OF_TEXT = "<end_of_text>"

# CLIP's word regex (open_clip SimpleTokenizer.pat without the special tokens, which the
# added-token matcher handles); the text is already lowercase, so IGNORECASE is not needed.
CLIP_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""

# The characters Python's str.split() treats as whitespace (CLIP's whitespace_clean uses it).
PYTHON_WHITESPACE = (
    "[\\t\\n\\x{0B}\\x{0C}\\r\\x{1C}-\\x{1F} \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+"
)


def bytes_to_unicode():
    """GPT-2 / CLIP byte-to-unicode map: printable bytes map to themselves, the rest to 256+."""
    bs = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def build(merges_path: Path) -> dict:
    lines = gzip.open(merges_path).read().decode("utf-8").split("\n")
    merges = [tuple(m.split()) for m in lines[1 : BPE_VOCAB_SIZE - 256 - 2 + 1]]
    byte_chars = list(bytes_to_unicode().values())
    tokens = byte_chars + [c + "</w>" for c in byte_chars] + ["".join(m) for m in merges]
    tokens += [START_OF_TEXT, END_OF_TEXT]
    vocab = {t: i for i, t in enumerate(tokens)}
    if len(vocab) != len(tokens) or len(tokens) != 49408:
        raise SystemExit(f"{merges_path}: expected 49408 distinct tokens, got {len(vocab)}")
    sot, eot = vocab[START_OF_TEXT], vocab[END_OF_TEXT]

    def special(token_id, content):
        return {
            "id": token_id,
            "content": content,
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": True,
            "special": True,
        }

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(sot, START_OF_TEXT), special(eot, END_OF_TEXT)],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "Replace", "pattern": {"Regex": PYTHON_WHITESPACE}, "content": " "},
                {"type": "Lowercase"},
            ],
        },
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {
                    "type": "Split",
                    "pattern": {"Regex": CLIP_PATTERN},
                    "behavior": "Removed",
                    "invert": True,
                },
                {
                    "type": "ByteLevel",
                    "add_prefix_space": False,
                    "trim_offsets": True,
                    "use_regex": False,
                },
            ],
        },
        "post_processor": {
            "type": "RobertaProcessing",
            "sep": [END_OF_TEXT, eot],
            "cls": [START_OF_TEXT, sot],
            "trim_offsets": False,
            "add_prefix_space": False,
        },
        "decoder": {
            "type": "ByteLevel",
            "add_prefix_space": True,
            "trim_offsets": True,
            "use_regex": True,
        },
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": END_OF_TEXT,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "</w>",
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": vocab,
            "merges": [a + " " + b for a, b in merges],
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merges", type=Path, default=default_merges())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = json.dumps(build(args.merges), ensure_ascii=False, separators=(",", ":"))
    raw = data.encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    args.out.write_bytes(buf.getvalue())
    print(f"wrote {args.out} ({len(raw):,} bytes of JSON, {len(buf.getvalue()):,} gzipped)")

    # Python's html.unescape table (HTML5 named character references), for the Java cleaner.
    entities = args.out.parent / ENTITIES_NAME
    table = json.dumps(html.entities.html5, ensure_ascii=True, sort_keys=True, indent=0)
    entities.write_text(table + "\n", encoding="ascii")
    print(f"wrote {entities} ({len(html.entities.html5):,} named references)")


if __name__ == "__main__":
    main()
