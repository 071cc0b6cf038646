"""The sites a corpus is scraped from: each with a language, a page template (menus,
share buttons, cookie banner, teaser lists, footer), a way of signing articles and a way
the scraper kept provenance (in the text, front matter, sidecar files or a manifest)."""

import re

from . import lang as L

# name, language, where the scraper kept provenance, share of the corpus (relative).
SITES = [
    ("Harbourline News", "en", "text", 1.0),
    ("The Morning Standard", "en", "text", 1.0),
    ("Westbrook Courier", "en", "yaml", 1.0),
    ("Daily Meridian", "en", "text", 1.0),
    ("Kestrel Times", "en", "sidecar-json", 1.0),
    ("Open Ledger Online", "en", "text", 1.0),
    ("Pinecrest Herald", "en", "manifest", 1.0),
    ("Northgate Post", "en", "text", 1.0),
    ("Civic Wire", "en", "toml", 0.7),
    ("The Atlas Review", "en", "text", 0.8),
    ("Lakeview Tribune", "en", "sidecar-toml", 0.7),
    ("Rheinblick Zeitung", "de", "text", 0.6),
    ("Tagesecho", "de", "yaml", 0.4),
    ("L'Écho des Collines", "fr", "text", 0.6),
    ("Diario del Valle", "es", "text", 0.6),
    ("Il Corriere dei Colli", "it", "text", 0.4),
    ("Jornal da Serra", "pt", "text", 0.4),
    ("Dagblad Dijkstad", "nl", "text", 0.3),
]


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().encode("ascii", "ignore").decode()).strip("-")


class Site:
    def __init__(self, name, lang, provenance, weight, rng):
        c = L.CHROME[lang]
        self.name, self.lang, self.provenance, self.weight = name, lang, provenance, weight
        self.slug = slugify(name)
        self.since = rng.randint(1996, 2012)
        self.nav = [c["sections"][0]] + rng.sample(c["sections"][1:], rng.randint(5, 10))
        self.nav_style = rng.choice(["lines", "lines", "lines", "pipe", "bullets", "dashes", "flat"])
        self.header = rng.sample(c["header"], rng.randint(1, 4))
        self.show_name = rng.random() < 0.6
        self.breadcrumb = rng.random() < 0.4
        self.cookie = rng.choice([None, None, "top", "bottom"])
        self.share = rng.choice([None, "lines", "line"])
        self.share_top = rng.random() < 0.4
        self.teaser_head = rng.choice(c["teasers"])
        self.teaser_count = rng.randint(3, 6)
        self.numbered = rng.random() < 0.3
        self.newsletter = rng.random() < 0.5
        self.comments = lang in L.COMMENTS and rng.random() < 0.4
        self.footer = rng.sample(c["footer"], rng.randint(3, min(7, len(c["footer"]))))
        self.footer_style = rng.choice(["lines", "pipe", "pipe", "dots"])
        # How the scraper laid the page out.
        self.para_sep = "\n" if rng.random() < 0.2 else "\n\n"
        self.block_sep = "\n\n\n" if rng.random() < 0.15 else "\n\n"
        self.trailing_space = rng.random() < 0.15
        self.typographic = rng.random() < 0.6
        self.french_spacing = lang == "fr"
        # An extractor that keeps only the article drops the template on most pages.
        self.keeps_chrome = 0.25 if rng.random() < 0.15 else 0.92
        forms = len(L.date_forms(lang, 2020, 1, 1, 0, 0))
        self.date_forms = rng.sample(range(forms), min(forms, 2))
        b = L.BYLINES[lang]
        self.bylines = {k: rng.sample(v, min(len(v), 2)) for k, v in b.items()}

    # --- template blocks: each returns lines -------------------------------------
    def top(self, rng):
        """(kind, lines) blocks above the headline."""
        blocks = []
        c = L.CHROME[self.lang]
        if self.cookie == "top":
            blocks.append(("cookie", list(c["cookie"])))
        head = ([self.name] if self.show_name else []) + list(self.header)
        blocks.append(("header", head))
        blocks.append(("nav", self.menu(self.nav)))
        if self.breadcrumb:
            sep = rng.choice([" > ", " / ", " › "])
            blocks.append(("breadcrumb", [sep.join([self.nav[0]] + rng.sample(self.nav[1:], rng.randint(1, 2)))]))
        return blocks

    def menu(self, items):
        end = " " if self.trailing_space else ""
        if self.nav_style == "lines":
            return [i + end for i in items]
        if self.nav_style == "bullets":
            return ["• " + i for i in items]
        if self.nav_style == "dashes":
            return ["- " + i for i in items]
        if self.nav_style == "pipe":
            return [" | ".join(items)]
        return ["  ".join(items)]

    def share_block(self, rng):
        c = L.CHROME[self.lang]
        if self.share == "lines":
            return ("share", [c["share"][0]] + rng.sample(c["share"][1:], rng.randint(2, 4)))
        return ("share", [rng.choice(c["share_line"])])

    def bottom(self, rng, year, headlines, names):
        blocks = []
        c = L.CHROME[self.lang]
        teaser_head = self.teaser_head.replace("{section}", rng.choice(self.nav[1:]))
        teasers = [f"{i + 1}. {h}" if self.numbered else h for i, h in enumerate(headlines[: self.teaser_count])]
        blocks.append(("teasers", [teaser_head] + teasers))
        if self.newsletter:
            blocks.append(("newsletter", list(c["newsletter"])))
        if self.comments and rng.random() < 0.5:
            n = rng.randint(1, 3)
            lines = [c["comments"].format(n=n)]
            for _ in range(n):
                lines.append(f"{rng.choice(names)} · {c['ago'].format(n=rng.randint(1, 23))}")
                lines.append(rng.choice(L.COMMENTS[self.lang]))
            blocks.append(("comments", lines))
        if self.footer_style == "lines":
            footer = list(self.footer)
        else:
            footer = [(" | " if self.footer_style == "pipe" else " · ").join(self.footer)]
        rights = c["rights"].format(year=year, site=self.name)
        blocks.append(("footer", footer + [rights]))
        if self.cookie == "bottom":
            blocks.append(("cookie", list(c["cookie"])))
        return blocks


def make_sites(rng, languages):
    return [Site(n, lang, p, w, rng) for n, lang, p, w in SITES if lang in languages]
