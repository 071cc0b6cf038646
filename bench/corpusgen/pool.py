"""The prose the articles are made of: sentences of Debian documentation packages, by language.

`anarchism` (An Anarchist FAQ, English essays), `python3-doc` (the Python
documentation) and `debian-handbook` (The Debian Administrator's Handbook, in about 25
translations) are reduced to sentences, kept in the
order of their source so that a window of neighbouring sentences reads on one topic.
"""

import glob
import hashlib
import html
import os
import re
import sys

DOC_ROOT = "/usr/share/doc"
# Language -> folders of HTML under DOC_ROOT.
SOURCES = {
    "en": ["anarchism/html", "debian-handbook/html/en-US", "python3-doc/html"],
    "de": ["debian-handbook/html/de-DE"],
    "fr": ["debian-handbook/html/fr-FR"],
    "es": ["debian-handbook/html/es-ES"],
    "it": ["debian-handbook/html/it-IT"],
    "pt": ["debian-handbook/html/pt-BR"],
    "nl": ["debian-handbook/html/nl-NL"],
}
PACKAGES = ["anarchism", "debian-handbook", "python3-doc"]

# A few function words per language: a translated handbook page may still hold English
# paragraphs, which a German site must not print.
FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "is", "that", "in", "it", "for", "with", "are", "this"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "den", "ein", "eine", "zu", "wird"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "un", "pour", "dans", "qui", "que", "sur", "pas"},
    "es": {"el", "la", "los", "las", "y", "de", "que", "es", "una", "un", "para", "con", "por", "se"},
    "it": {"il", "la", "di", "che", "e", "è", "per", "una", "un", "con", "non", "sono", "gli", "della"},
    "pt": {"o", "a", "os", "as", "de", "que", "é", "uma", "um", "para", "com", "não", "do", "da"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "met", "voor", "zijn", "wordt"},
}

_DROP = re.compile(r"<(pre|script|style|title|head|table)\b.*?</\1>", re.S | re.I)
_BLOCK = re.compile(r"<p\b[^>]*>(.*?)</p>|<div class=\"para\"[^>]*>(.*?)</div>", re.S | re.I)
_HEADING = re.compile(r"<h[1-3]\b[^>]*>(.*?)</h[1-3]>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_CITATION = re.compile(r"\s*\[[^\]]{0,300}\]")
_SPACE = re.compile(r"\s+")
# Candidate sentence ends: end punctuation, maybe a closing quote, a space, then a capital
# or an opening quote.
_END = re.compile(r"(?<=[.!?])([\"'”»)]?)\s+(?=[\"'“„«(]?[A-ZÀ-ÖØ-Þ])")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]{1,3}\.|\be\.g\.|\bi\.e\.|\bcf\.|\betc\.|\bvs\.|\bz\.B\.|\bd\.h\.|\bp\.ex\.)$")
_NUMBERING = re.compile(r"^(?:[A-Z]?\.?\d+(?:\.\d+)*\.?|Appendix \S+|Chapter \d+\.?|Kapitel \d+\.?|Chapitre \d+\.?)\s+")
_FORBIDDEN = re.compile(r"[<>{}|\\=_#*/~$@\[\]`^]|https?:|www\.|\.\.\.|\. \. \.|\b[a-z]+\.[a-z]{2,4}\b")


def _text(fragment):
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def _sentences(paragraph):
    parts, start = [], 0
    for m in _END.finditer(paragraph):
        end = m.start() + len(m.group(1))
        if _ABBREVIATION.search(paragraph[start:end]):
            continue
        parts.append(paragraph[start:end])
        start = m.end()
    parts.append(paragraph[start:])
    return [p.strip() for p in parts]


def _is_prose(sentence, lang):
    if not 45 <= len(sentence) <= 380 or _FORBIDDEN.search(sentence):
        return False
    if not sentence[-1] in ".!?\"'”»" or sentence.count(" ") < 6:
        return False
    if sum(c.isalpha() or c == " " for c in sentence) < 0.9 * len(sentence):
        return False
    words = [w.strip(",;:.!?\"'()«»“”„").lower() for w in sentence.split()]
    own = sum(w in FUNCTION_WORDS[lang] for w in words)
    if lang == "en":
        return own >= 2
    english = sum(w in FUNCTION_WORDS["en"] for w in words)
    return own >= 2 and own > english


def _headline(fragment):
    h = _NUMBERING.sub("", _text(fragment).replace("¶", "")).strip(" .:")
    if 15 <= len(h) <= 90 and not _FORBIDDEN.search(h) and sum(c.isalpha() or c == " " for c in h) > 0.9 * len(h):
        return h
    return None


class Pool:
    """Sentences and headings of one language, in source order."""

    def __init__(self, lang, sentences, headings):
        self.lang = lang
        self.sentences = sentences
        self.headings = headings
        # Words to swap in for near-duplicates: from the language's own text.
        vocab = {w for s in sentences[::40] for w in s.split() if w.isalpha() and w.islower() and len(w) >= 5}
        self.vocab = sorted(vocab)
        # Words seen after each function word (`the ___`, `der ___`), apart by case: a word
        # can be swapped for another of them and the sentence still reads as prose.
        function = FUNCTION_WORDS[lang]
        fillers = {}
        for s in sentences:
            w = s.split(" ")
            for i in range(1, len(w) - 1):
                if w[i - 1] in function and len(w[i]) >= 4 and w[i].isalpha() and w[i].lower() not in function:
                    fillers.setdefault((w[i - 1], w[i][0].isupper()), set()).add(w[i])
        self.fillers = {k: sorted(v) for k, v in fillers.items() if len(v) >= 50}

    def variant(self, sentence, rng):
        """The sentence with words after function words swapped for others seen there:
        dealt again, a sentence does not repeat word for word."""
        w = sentence.split(" ")
        for i in range(1, len(w) - 1):
            if len(w[i]) >= 4 and w[i].isalpha():
                options = self.fillers.get((w[i - 1], w[i][0].isupper()))
                if options and rng.random() < 0.7:
                    w[i] = rng.choice(options)
        return " ".join(w)


def load(doc_root=DOC_ROOT, languages=None):
    """Returns {language: Pool} and a digest of the whole pool (the corpus depends on it)."""
    pools, digest = {}, hashlib.sha256()
    for lang, folders in SOURCES.items():
        if languages and lang not in languages:
            continue
        files = []
        for folder in folders:
            found = sorted(glob.glob(os.path.join(doc_root, folder, "**", "*.html"), recursive=True))
            if not found:
                sys.exit(f"no HTML in {os.path.join(doc_root, folder)}: install the text source "
                         f"with `apt-get install {' '.join(PACKAGES)}`")
            files += found
        sentences, headings, seen = [], [], set()
        for path in files:
            with open(path, encoding="utf-8", errors="replace") as f:
                page = _DROP.sub(" ", f.read())
            for m in _HEADING.finditer(page):
                h = _headline(m.group(1))
                if h and h not in seen:
                    seen.add(h)
                    headings.append(h)
            for m in _BLOCK.finditer(page):
                block = _CITATION.sub("", _text(m.group(1) or m.group(2) or ""))
                for s in _sentences(block):
                    if s not in seen and _is_prose(s, lang):
                        seen.add(s)
                        sentences.append(s)
        if lang != "en" and "en" in pools:
            # Headings a translation left in English.
            english = set(pools["en"].headings)
            headings = [h for h in headings if h not in english]
        pools[lang] = Pool(lang, sentences, headings)
        digest.update(lang.encode() + b"\0" + "\n".join(sentences).encode() + b"\0")
    return pools, digest.hexdigest()
