#!/usr/bin/env python3
"""Token-id fixtures for the Java CLIP tokenizer, produced by open_clip's own tokenizer.

Run with the reference venv (open_clip_torch, ftfy, regex; see
environment/requirements-reference.txt):

    .venv-export/bin/python environment/reference/make_tokenizer_fixtures.py

Strings: every class name and template of the project's datasets (environment/datasets/*/
classes.txt and templates.txt when present), of CLIP's prompt list and of the CLIP_benchmark
class-name and template files; prompts filled from them (seeded sample); and hand-written
strings with accents, CJK, emoji, combining marks, mojibake that ftfy repairs, HTML entities,
whitespace runs, control characters and texts longer than the 77-token context; and seeded
random strings drawn from assorted Unicode blocks.

Writes lib/src/test/resources/org/clipsynergy/text/open_clip_tokens.json.gz: a list of
{"text", "clean", "ids"} where "clean" is open_clip's cleaned text (the input of the BPE) and
"ids" the row of open_clip.tokenize(text) without its zero padding; "newerUnicode": true marks
strings with characters that only recent Unicode versions make letters or digits.
"""
import ast
import gzip
import io
import json
import random
import re
from pathlib import Path

import unicodedata

import open_clip
import regex
from open_clip.tokenizer import _clean_lower

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lib/src/test/resources/org/clipsynergy/text/open_clip_tokens.json.gz"
CONTEXT_LENGTH = 77
SEED = 20240603
LETTER = regex.compile(r"\p{L}")
DIGIT = regex.compile(r"\p{N}")
FILLED_PROMPTS = 1500


def reference_folder() -> Path:
    for folder in ROOT.parents:
        if (folder / "shared" / "reference").is_dir():
            return folder / "shared" / "reference"
    raise SystemExit("shared/reference/ not found above " + str(ROOT))


def openai_prompts(path: Path):
    """(classes, templates) lists per dataset from CLIP's prompts.md code blocks."""
    text = path.read_text(encoding="utf-8")
    classes, templates = [], []
    for name, body in re.findall(r"^(classes|templates) = (\[.*?^\])", text, re.S | re.M):
        values = ast.literal_eval(body)
        flat = []
        for v in values:
            flat.extend(v if isinstance(v, list) else [v])
        (classes if name == "classes" else templates).append(flat)
    return classes, templates


def project_lists():
    classes, templates = [], []
    for folder in sorted((ROOT / "environment" / "datasets").glob("*")):
        for name, target in (("classes.txt", classes), ("templates.txt", templates)):
            f = folder / name
            if f.exists():
                target.append([l for l in f.read_text(encoding="utf-8").splitlines() if l.strip()])
    return classes, templates


EXOTIC = [
    "", "   ", "\t\n", "a", "A", "Hello World", "hello   world", " leading and trailing ",
    "tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003em\u3000ideographic",
    "café", "naïve résumé", "Zürich", "São Paulo", "Ærøskøbing", "crème brûlée", "façade",
    "Dvořák", "Łódź", "İstanbul", "straße", "STRASSE", "ẞ", "ΟΔΥΣΣΕΥΣ", "Σίσυφος", "ΣΑΣ",
    "e\u0301", "cafe\u0301", "n\u0303", "a\u030a", "Z\u0351\u0358algo",
    "e&#769;", "cafe&#x301; au lait", "<i>cafe&#x301;</i>", "A&#778;ngstr&ouml;m", "&Aring;ngstr&ouml;m",
    "東京タワー", "中文字符测试", "한국어 텍스트", "日本語のテキストです", "ｶﾀｶﾅ",
    "ＡＢＣ１２３ ｆｕｌｌｗｉｄｔｈ", "ﬁsh ﬂower ﬃ", "ĳssel", "ǅemal",
    "a photo of a 🐶.", "👍🏽 thumbs", "👨\u200d👩\u200d👧 family", "🇯🇵 flag", "❤️ love", "☃",
    "العربية", "עברית", "हिन्दी भाषा", "ไทย", "Ελληνικά", "русский язык", "ქართული",
    "cafÃ©", "Ãœber", "donâ€™t", "â€œquotedâ€\x9d", "SÃ£o Paulo", "naÃ¯ve", "Ã©tÃ©",
    "The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.", "l\u00e2\u20ac\u2122amour", "Ã ",
    "РїСЂРёРІРµС‚ РјРёСЂ", "caf√© cr√®me", "caf├⌐ cr├¿me", "Ĺ\x81ĂłdĹş", "Ä°stanbul gÃ¼zel",
    "AT&amp;T", "&lt;b&gt;bold&lt;/b&gt;", "&quot;quoted&quot;", "it&#39;s", "it&#x27;s",
    "&eacute;t&eacute;", "&amp;amp;", "&amp;amp;amp;", "a&nbsp;b", "&copy 2020", "&notit;",
    "&unknownentity;", "&#128512;", "&#x1F600;", "&#150;", "&#0;", "&#xD800;", "&#1114112;",
    "fish & chips", "<b>bold</b> &amp; co", "AT&T", "&", "&#", "&#;", "&#x;",
    "it’s", "“hello”", "‘single’", "„low“", "ʼapostrophe",
    "I'll", "we've", "you're", "DON'T", "she'd", "it's", "I'M", "o'clock", "rock'n'roll",
    "12345", "3.14159", "1,000,000", "v2.0-beta", "COVID-19", "100%", "$5.00", "#hashtag",
    "!!!???", "...", "---", "a--b", "@user", "e-mail", "C++", "f(x)=x^2", "(parenthesis)",
    "\x00null\x01byte", "\x1b[31mred\x1b[0m", "soft\u00adhyphen", "zero\u200bwidth",
    "bom\ufeffmark", "\u0085next line", "c1\x80\x9d controls", "line\u2028sep",
    "<start_of_text>", "<end_of_text>", "a <end_of_text> b", "<|endoftext|>", "<START_OF_TEXT>",
    "supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis",
    "a" * 100, "ab" * 60, "1" * 90,
]


def long_strings(rng):
    words = ("photo picture image of a the small large blurry bright dark cropped close-up "
             "rendition painting sculpture tattoo origami toy plastic").split()
    out = []
    for n in (40, 60, 75, 76, 77, 78, 80, 100, 150, 300):
        out.append(" ".join(rng.choice(words) for _ in range(n)))
    out.append("a photo of a " + "very " * 80 + "large dog.")
    out.append(", ".join(["café", "東京", "🐶"] * 40))
    return out


# Unicode blocks that random strings draw from (inclusive code point ranges).
RANDOM_BLOCKS = [
    (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF),
    (0x530, 0x58F), (0x5D0, 0x5EA), (0x600, 0x6FF), (0x900, 0x97F), (0xE00, 0xE5B),
    (0x10A0, 0x10FF), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2100, 0x214F),
    (0x2190, 0x22FF), (0x3040, 0x30FF), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0xFF00, 0xFFEF),
    (0x1D400, 0x1D4FF), (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF),
]
RANDOM_STRINGS = 1200


def random_unicode(rng):
    """Seeded strings of 1-12 characters from assorted scripts, symbols and marks."""
    out = []
    for _ in range(RANDOM_STRINGS):
        chars = []
        for _ in range(rng.randint(1, 12)):
            lo, hi = rng.choice(RANDOM_BLOCKS)
            chars.append(chr(rng.randint(lo, hi)))
            if rng.random() < 0.2:
                chars.append(" ")
        out.append("".join(chars))
    return out


def newer_unicode(text: str) -> bool:
    """Whether text has a code point that the regex module sees as a letter or digit but
    Python's unicodedata (Unicode 14) does not: characters of recent Unicode versions, which
    Oniguruma's older tables in HF tokenizers may classify differently."""
    for ch in text:
        cat = unicodedata.category(ch)
        if bool(LETTER.match(ch)) != cat.startswith("L") or bool(DIGIT.match(ch)) != cat.startswith("N"):
            return True
    return False


def main():
    ref = reference_folder()
    rng = random.Random(SEED)
    oa_classes, oa_templates = openai_prompts(ref / "openai-clip-prompts.md")
    bench_classes = json.loads((ref / "clip-benchmark-en-classnames.json").read_text("utf-8"))
    bench_templates = json.loads((ref / "clip-benchmark-en-templates.json").read_text("utf-8"))
    pr_classes, pr_templates = project_lists()

    class_lists = oa_classes + list(bench_classes.values()) + pr_classes
    template_lists = (oa_templates + pr_templates
                      + [[t.replace("{c}", "{}") for t in ts] for ts in bench_templates.values()])
    strings = []
    for lst in class_lists + template_lists:
        strings.extend(lst)
    # Filled prompts: each template list paired with a class list, seeded sample.
    pairs = []
    for templates in template_lists:
        for classes in rng.sample(class_lists, 3):
            for t in templates:
                pairs.append(t.replace("{}", rng.choice(classes)))
    strings.extend(rng.sample(pairs, min(FILLED_PROMPTS, len(pairs))))
    strings.extend(EXOTIC)
    strings.extend(long_strings(rng))
    strings.extend(random_unicode(rng))

    seen, unique = set(), []
    for s in strings:
        if s not in seen:
            seen.add(s)
            unique.append(s)

    tokenizer = open_clip.get_tokenizer("ViT-B-32")
    ids_a = open_clip.tokenize(unique, context_length=CONTEXT_LENGTH)
    ids_b = tokenizer(unique, context_length=CONTEXT_LENGTH)
    if not bool((ids_a == ids_b).all()):
        raise SystemExit("open_clip.tokenize and get_tokenizer('ViT-B-32') disagree")
    records = []
    for text, row in zip(unique, ids_a.tolist()):
        n = len(row)
        while n > 0 and row[n - 1] == 0:
            n -= 1
        record = {"text": text, "clean": _clean_lower(text), "ids": row[:n]}
        if newer_unicode(text):
            record["newerUnicode"] = True
        records.append(record)

    data = json.dumps({"source": f"open_clip {open_clip.__version__} tokenize, "
                                 f"context {CONTEXT_LENGTH}", "records": records},
                      ensure_ascii=True, separators=(",", ":")).encode("ascii")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
        gz.write(data)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buf.getvalue())
    longest = max(len(r["ids"]) for r in records)
    print(f"wrote {OUT}: {len(records)} strings, {len(buf.getvalue()):,} bytes; "
          f"{sum(len(r['ids']) == CONTEXT_LENGTH for r in records)} truncated (max {longest})")


if __name__ == "__main__":
    main()
