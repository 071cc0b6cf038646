"""Damage done to text on its way from a web page to a file: each function takes a text
(and the random generator) and returns it damaged, or None when the text has nothing the
damage could apply to."""

import re
import unicodedata

# UTF-8 bytes read back as cp1252 (bytes cp1252 leaves undefined become the C1 control of
# the same number, as browsers and Python's `errors="surrogateescape"`-free readers do) or
# as latin-1 (every byte its own code point).
_CP1252 = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        pass


def mojibake(text, codec="cp1252"):
    if text.isascii():
        return None
    wrong = text.encode("utf-8").decode("latin-1")
    return wrong.translate(_CP1252) if codec == "cp1252" else wrong


def typographic(text, lang):
    """Curly quotes, dashes and ellipses, as a site's CMS writes them."""
    open_q, close_q = {"de": ("„", "“"), "fr": ("« ", " »")}.get(lang, ("“", "”"))
    text = re.sub(r'"([^"]{1,300})"', lambda m: open_q + m.group(1) + close_q, text)
    text = re.sub(r"(\w)'(\w)", "\\1’\\2", text)
    return text.replace(" -- ", " — ").replace(" - ", " – ")


def french_spacing(text):
    """French typography: a no-break space before `: ; ! ?` and inside guillemets."""
    text = re.sub(r" ([:;!?»])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")


def nbsp(text, rng):
    """No-break spaces where a CMS puts them (before units, after short words) and at random."""
    text, n = re.subn(r"(\d) (%|per cent|percent|km|kg|Euro|euros|million|millions)\b", "\\1\u00a0\\2", text)
    words = text.split(" ")
    if len(words) < 4:
        return None
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words) - 1)
        words[i] += "\u00a0" + words.pop(i + 1)
        if len(words) < 2:
            break
    return " ".join(words)


ZERO_WIDTH = ["\u200b", "\u200b", "\u00ad", "\u2060", "\ufeff"]


def zero_width(text, rng):
    """A zero-width character inside a word (a soft hyphen of the layout, a tracking mark)."""
    words = [m for m in re.finditer(r"[^\W\d_]{6,}", text)]
    if not words:
        return None
    m = rng.choice(words)
    cut = m.start() + rng.randrange(2, len(m.group()) - 2)
    return text[:cut] + rng.choice(ZERO_WIDTH) + text[cut:]


CONTROL = ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f"]


def control(text, rng):
    pos = rng.randrange(1, len(text))
    return text[:pos] + rng.choice(CONTROL) + text[pos:]


def html_entity(text, rng):
    """A character reference the extractor did not decode."""
    options = [(" & ", " &amp; "), ("’", "&#8217;"), ("'", "&#39;"), ("—", "&mdash;"), ('"', "&quot;"), ("é", "&eacute;")]
    usable = [(a, b) for a, b in options if a in text]
    if usable:
        a, b = rng.choice(usable)
        return text.replace(a, b, 1)
    words = text.split(" ")
    i = rng.randrange(1, len(words))
    return " ".join(words[:i]) + "&nbsp;" + " ".join(words[i:])


def replacement(text, rng):
    """A character lost in an earlier conversion: U+FFFD where a non-ASCII letter was."""
    spots = [i for i, c in enumerate(text) if ord(c) > 127 and c.isalpha() or c in "’“”—"]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + "\ufffd" + text[i + 1:]


_GLUE = re.compile(r"\b([a-zà-ÿ]{3,}) ([A-Z]{2,}[a-z]*)\b")


def glue(text, rng):
    """Two words glued where an inline tag was dropped: `the GNU project` → `theGNU project`.
    Returns None when no lower-case word stands before an acronym."""
    spots = list(_GLUE.finditer(text))
    if not spots:
        return None
    m = rng.choice(spots)
    word = m.group(1) + m.group(2)
    if text.count(word) > 0:
        return None
    return text[:m.start()] + word + text[m.end():]


def nfd(text):
    out = unicodedata.normalize("NFD", text)
    return None if out == text else out


def near_duplicate(paragraph, rng, vocab):
    """1-3 small edits: a word replaced, dropped or added, a number changed."""
    words = paragraph.split(" ")
    edits = rng.choice([1, 1, 2, 2, 3])
    for _ in range(edits):
        spots = [i for i, w in enumerate(words) if i > 0 and w.isalpha() and w.islower() and len(w) >= 4]
        if not spots:
            words.append(rng.choice(vocab))
            continue
        i = rng.choice(spots)
        action = rng.random()
        if action < 0.6:
            new = rng.choice(vocab)
            words[i] = new if new != words[i] else words[i] + "s"
        elif action < 0.8 and len(words) > 12:
            del words[i]
        else:
            words.insert(i, rng.choice(vocab))
    return " ".join(words)
