"""One document at a time: a site's page around an article, the article's paragraphs, the
duplicates and damage injected into it, and the truth record of what was injected."""

import hashlib
import json
import math
import re

from . import defects
from . import lang as L
from .pool import _sentences
from .sites import make_sites, slugify

MIN_DOC, MAX_DOC = 1_500, 20_000  # bytes of article text, log-uniform

# Probabilities per document ("para" ones per body paragraph).
RATES = {
    "author": 0.75, "date": 0.80, "source": 0.55,
    "syndicated": 0.015,      # the body is a whole earlier article of another site
    "reused": 0.04,           # a passage of another site's article, re-split or cut
    "dup_within": 0.08,       # a paragraph (or two) repeated later in the page
    "dup_cross_para": 0.02,   # per para: a paragraph of an earlier document
    "near_dup_para": 0.02,    # per para: an earlier paragraph with 1-3 small edits
    "ad_break": 0.15, "caption": 0.10,
    "nbsp": 0.05, "zero_width": 0.03, "control": 0.004, "html_entity": 0.02,
    "replacement": 0.005, "glued": 0.03, "mojibake_para": 0.012, "mojibake_doc": 0.006,
    "nfd_para": 0.006, "nfd_doc": 0.006, "invalid_utf8": 0.004,
    "crlf": 0.08, "mixed_eol": 0.005, "bom": 0.01, "no_final_newline": 0.04,
    "extra_blank": 0.05, "trailing_ws": 0.03, "empty_field": 0.005,
    "conflict": 0.04,         # front matter / sidecar date differs from the byline's
    "meta_file": 0.85,        # the metadata file exists (sites that keep one)
    "manifest_entry": 0.97,   # the file has an entry in its folder's manifest
    "manifest_stale": 0.02,   # ...whose sha256 is of an older version of the file
}
RESERVOIR, BODIES = 5000, 400
TOPIC = 2000  # neighbouring sentences dealt together: one topic


def digest(text):
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


class Generator:
    def __init__(self, pools, rng):
        self.rng, self.pools = rng, pools
        self.sites = make_sites(rng, pools)
        self.weights = [s.weight for s in self.sites]
        self.seen = set()
        self.reservoir = {lang: [] for lang in pools}   # (path, site, paragraph)
        self.bodies = {lang: [] for lang in pools}      # (path, site, paragraphs)
        self.manifests = {}                             # site slug -> [entry]
        self.decks = {}                                 # language -> [[sentence ids, next]]

    # --- text ------------------------------------------------------------------
    def organic(self, pool):
        """A paragraph of 2-6 sentences dealt from the language's deck: its topics (runs of
        neighbouring sentences) in random order, each one shuffled, so that neighbouring
        paragraphs and articles read on one topic and no sentence comes again before the
        whole text was dealt (and then with some words swapped)."""
        rng = self.rng
        deck = self.decks.setdefault(pool.lang, [[], 0, -1])
        for _ in range(10):
            k = rng.choice([2, 2, 3, 3, 4, 4, 5, 6])
            if deck[1] + k > len(deck[0]):
                n = len(pool.sentences)
                topics = [list(range(lo, min(n, lo + TOPIC))) for lo in range(0, n, TOPIC)]
                rng.shuffle(topics)
                for t in topics:
                    rng.shuffle(t)
                deck[:] = [[i for t in topics for i in t], 0, deck[2] + 1]
            sents = [pool.sentences[i] for i in deck[0][deck[1]:deck[1] + k]]
            if deck[2]:
                # Dealt again: the sentences with words swapped, as a text on the same
                # subject would have them, rather than repeated word for word.
                sents = [pool.variant(s, rng) for s in sents]
            p = " ".join(sents)
            deck[1] += k
            h = digest(p)
            if h not in self.seen:
                self.seen.add(h)
                return p
        return None

    def lede_headline(self, lede, lang):
        """The first words of the article's first sentence, as a headline."""
        words = _sentences(lede)[0].rstrip(".!?\"'”»").split()[: self.rng.randint(5, 11)]
        return self.headline_case(words, lang)

    def headline(self, pool, lang):
        rng = self.rng
        if pool.headings and rng.random() < 0.25:
            return rng.choice(pool.headings)
        words = rng.choice(pool.sentences).rstrip(".!?\"'”»").split()[: rng.randint(5, 11)]
        return self.headline_case(words, lang)

    @staticmethod
    def headline_case(words, lang):
        words[-1] = words[-1].rstrip(",;:")
        if lang == "en":
            small = {"a", "an", "the", "of", "and", "in", "to", "for", "on", "at", "by", "or", "is"}
            words = [w if i and w.lower() in small else w[:1].upper() + w[1:] for i, w in enumerate(words)]
        return " ".join(words).strip(" ,;:–—-(")

    def name(self, lang):
        rng = self.rng
        n = f"{rng.choice(L.FIRST_NAMES[lang])} {rng.choice(L.LAST_NAMES[lang])}"
        if lang == "en" and rng.random() < 0.2:
            n = n.replace(" ", f" {rng.choice('ABCDEFGHJKLMNPRSTW')}. ", 1)
        return n

    # --- one document --------------------------------------------------------------
    def document(self, doc_id):
        """Returns (truth record, [(relative path, bytes)])."""
        rng, R = self.rng, RATES
        site = rng.choices(self.sites, self.weights)[0]
        lang, pool = site.lang, self.pools[site.lang]
        when = (rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))
        rec = {"site": site.slug, "lang": lang, "title": True,
               "organic": 0, "dup_within": 0, "dup_cross": 0, "dup_cross_of": [], "dup_syndicated": 0,
               "syndicated_of": None, "near_dup": 0, "near_dup_of": [], "reused": 0, "reused_of": []}
        has = {k: rng.random() < R[k] for k in ("author", "date", "source")}
        flag = {k: rng.random() < R[k] for k in (
            "nbsp", "zero_width", "control", "html_entity", "replacement", "glued", "mojibake_para",
            "mojibake_doc", "nfd_para", "nfd_doc", "invalid_utf8", "crlf", "mixed_eol", "bom",
            "no_final_newline", "extra_blank", "trailing_ws", "empty_field")}
        # A page whose whole text is re-encoded is not a copy others are made from, nor
        # one duplicates are counted in: its paragraphs no longer equal anything.
        whole_damage = flag["mojibake_doc"] or flag["invalid_utf8"]
        others = [b for b in self.bodies[lang] if b[1] != site.slug]
        syndicated = others and not whole_damage and rng.random() < R["syndicated"]

        # --- body ----------------------------------------------------------------
        body = []  # [kind, text]
        if syndicated:
            src_path, src_site, paras, title = rng.choice(others)
            body = [["syndicated", p] for p in paras]
            rec["syndicated_of"], rec["dup_syndicated"] = src_path, len(paras)
        else:
            target = math.exp(rng.uniform(math.log(MIN_DOC), math.log(MAX_DOC)))
            size = 0
            while size < target:
                r = rng.random()
                res = self.reservoir[lang]
                kind, text = "organic", None
                if body and res and not whole_damage and r < R["dup_cross_para"]:
                    src = rng.choice(res)
                    if src[1] != site.slug or rng.random() < 0.5:
                        kind, text = "dup_cross", src[2]
                        rec["dup_cross_of"].append(src[0])
                elif body and res and not whole_damage and r < R["dup_cross_para"] + R["near_dup_para"]:
                    src = rng.choice(res)
                    text = defects.near_duplicate(src[2], rng, pool.vocab)
                    if digest(text) in self.seen:
                        text = None
                    else:
                        self.seen.add(digest(text))
                        kind = "near_dup"
                        rec["near_dup_of"].append(src[0])
                if text is None:
                    kind, text = "organic", self.organic(pool)
                    if text is None:
                        continue
                if any(text == t for _, t in body):
                    continue
                rec[kind] += 1
                body.append([kind, text])
                size += len(text) + 2
            if others and not whole_damage and rng.random() < R["reused"]:
                passage = self.reused_passage(rng.choice(others), pool)
                if passage:
                    at = rng.randint(1, len(body))
                    body[at:at] = [["reused", p] for p in passage[1]]
                    rec["reused"] += 1
                    rec["reused_of"].append(passage[0])
            if site.typographic:
                for b in body:
                    if b[0] == "organic":
                        b[1] = defects.typographic(b[1], lang)
            if site.french_spacing:
                for b in body:
                    if b[0] == "organic":
                        b[1] = defects.french_spacing(b[1])
            if len(body) > 2 and not whole_damage and rng.random() < R["dup_within"]:
                i = rng.randrange(len(body) - 1)
                run = body[i:i + (2 if rng.random() < 0.3 and i + 2 < len(body) else 1)]
                at = rng.randint(i + len(run) + 1, len(body))
                body[at:at] = [["dup_within", t] for _, t in run]
                rec["dup_within"] += len(run)
            title = self.lede_headline(body[0][1], lang)
        path = f"{site.slug}/{doc_id:06d}-{slugify(title)[:48].strip('-')}.txt"
        rec = {"path": path, **rec}
        rec["typographic"] = site.typographic and not syndicated
        rec["nbsp"] = site.french_spacing and any("\u00a0" in t for _, t in body)

        # --- damage to single paragraphs (organic ones: no copy depends on them) ---------
        clean = [k == "organic" for k, _ in body]
        damaged = False
        for kind, fn in (("nbsp", lambda t: defects.nbsp(t, rng)), ("zero_width", lambda t: defects.zero_width(t, rng)),
                         ("control", lambda t: defects.control(t, rng)), ("html_entity", lambda t: defects.html_entity(t, rng)),
                         ("replacement", lambda t: defects.replacement(t, rng)), ("glued", lambda t: defects.glue(t, rng)),
                         ("mojibake_para", lambda t: defects.mojibake(t, rng.choice(["cp1252", "cp1252", "latin-1"]))),
                         ("nfd_para", defects.nfd)):
            done = False
            if flag[kind]:
                spots = [i for i, (k, _) in enumerate(body) if k == "organic"]
                rng.shuffle(spots)
                for i in spots[:8]:
                    out = fn(body[i][1])
                    if out is not None:
                        body[i][1], clean[i], done, damaged = out, False, True, True
                        break
            rec[kind] = done or (kind == "nbsp" and rec["nbsp"])
        # The metadata a scraper keeps holds the headline as the page's markup had it.
        meta_title = title
        if flag["glued"] and not rec["glued"]:
            label = rng.choice(L.GLUE_LABELS)
            if re.search(r"[a-z]{2}$", title) and (title + label) not in title:
                title, rec["glued"] = title + label, True

        # --- provenance ----------------------------------------------------------------
        y, m, d, hh, mm = when
        author = self.name(lang) + (f" and {self.name(lang)}" if rng.random() < 0.06 else "")
        date_text = L.date_forms(lang, y, m, d, hh, mm)[rng.choice(site.date_forms)]
        agency = rng.choice(L.AGENCIES[lang])
        if syndicated:
            has["source"] = True
            agency = next(s.name for s in self.sites if s.slug == rec["syndicated_of"].split("/")[0])
        keeps = R["manifest_entry"] if site.provenance == "manifest" else R["meta_file"]
        meta_file = site.provenance != "text" and rng.random() < keeps
        in_text = not meta_file or rng.random() < 0.4
        rec["provenance"] = (site.provenance if meta_file else "text") if any(has.values()) else None
        byline, dateline = [], None
        if in_text:
            B = site.bylines
            fields = {"a": author, "A": author.upper(), "d": date_text, "s": agency}
            if meta_file and has["date"] and rng.random() < R["conflict"] * 2.5:
                rec["conflict"] = True
                shifted = (y - 1 if y > 2012 else y + 1, m, d, hh, mm)
                fields["d"] = L.date_forms(lang, *shifted)[rng.choice(site.date_forms)]
            template = None
            if has["author"] and has["date"]:
                template = rng.choice(B["ad"])
            elif has["author"]:
                template = rng.choice(B["a"])
            elif has["date"]:
                template = rng.choice(B["d"])
            if rec.get("conflict") and any(u in template for u in L.UPDATED):
                # A revision date is no conflict: this page keeps its date.
                rec["conflict"], fields["d"] = False, date_text
            byline = template.format(**fields).split("\n") if template else []
            if has["source"]:
                if syndicated:
                    byline.append(L.BYLINES[lang]["s"][0].format(s=agency))
                elif rng.random() < 0.5 and body[0][0] == "organic" and [t for _, t in body].count(body[0][1]) == 1:
                    dateline = rng.choice(L.CITIES[lang])
                else:
                    byline.append(rng.choice(B["s"]).format(**fields))
            elif flag["empty_field"] and not has["author"]:
                byline.insert(0, L.EMPTY_AUTHOR[lang])
                rec["empty_field"] = True
        rec.setdefault("conflict", False)
        rec.setdefault("empty_field", False)
        rec.update(has)
        if dateline:
            dash = "—" if site.typographic else "-"
            body[0][1] = f"{dateline} ({agency}) {dash} {body[0][1]}"

        # --- page: template, headline, byline, body -------------------------------------
        keep_chrome = rng.random() < site.keeps_chrome
        blocks = []  # (kind, lines, chrome?)
        if keep_chrome:
            blocks += [(k, ls, True) for k, ls in site.top(rng)]
        blocks.append(("title", [title], False))
        if byline:
            blocks.append(("byline", byline, False))
        if keep_chrome and site.share and site.share_top:
            blocks.append(site.share_block(rng) + (True,))
        c = L.CHROME[lang]
        inline = []
        if keep_chrome and len(body) > 3 and rng.random() < R["ad_break"]:
            line = rng.choice(c["inline"]).replace("{headline}", self.headline(pool, lang))
            inline.append((rng.randrange(2, len(body)), ("inline", [line], True)))
        if keep_chrome and len(body) > 2 and rng.random() < R["caption"]:
            line = c["caption"].format(name=self.name(lang), agency=rng.choice(L.AGENCIES[lang]))
            inline.append((1, ("caption", [line], True)))
        inline.sort(key=lambda x: -x[0])
        body_blocks = [("body", [t], False) for _, t in body]
        for at, block in inline:
            body_blocks.insert(at, block)
        rec["chrome_top"] = keep_chrome
        rec["chrome_bottom"] = keep_chrome
        tail = []
        if keep_chrome:
            if site.share and not site.share_top:
                tail.append(site.share_block(rng) + (True,))
            heads = [self.headline(pool, lang) for _ in range(site.teaser_count)]
            tail += [(k, ls, True) for k, ls in site.bottom(rng, y, heads, [self.name(lang) for _ in range(3)])]

        # Lay out: blocks apart by the site's separator, body paragraphs by its paragraph
        # separator; line numbers (1-based) of every chrome block go to the truth.
        lines, chrome = [], []
        front = self.front_matter(site, meta_file, meta_title, author, agency, has, when)
        lines += front + ([""] if front else [])
        extra_at = rng.randrange(len(blocks) + len(body_blocks)) if flag["extra_blank"] else -1
        seq = blocks + body_blocks + tail
        for n, (kind, ls, is_chrome) in enumerate(seq):
            if n:
                both_body = kind == "body" and seq[n - 1][0] == "body"
                sep = site.para_sep if both_body else site.block_sep
                if n == extra_at:
                    sep = "\n\n\n\n"
                lines += [""] * (sep.count("\n") - 1)
            first = len(lines) + 1
            lines += ls
            if is_chrome:
                chrome.append([kind, first, len(lines)])
        rec["chrome"] = chrome
        rec["extra_blank"] = site.block_sep == "\n\n\n" or extra_at >= 0
        rec["unseparated"] = site.para_sep == "\n" and len(body) > 1
        rec["trailing_ws"] = (keep_chrome and site.trailing_space and site.nav_style == "lines")
        if flag["trailing_ws"]:
            i = rng.randrange(len(front) and len(front) + 1, len(lines))
            lines[i] += rng.choice([" ", "  ", "\t"])
            rec["trailing_ws"] = True
        text = "\n".join(lines) + ("" if flag["no_final_newline"] else "\n")
        rec["no_final_newline"] = flag["no_final_newline"]

        # --- damage to the whole file ------------------------------------------------------
        rec["nfd_doc"] = False
        if flag["nfd_doc"]:
            out = defects.nfd(text)
            if out is not None:
                text, rec["nfd_doc"] = out, True
        rec["nfd"] = rec["nfd_doc"] or rec["nfd_para"]
        rec["mojibake_doc"] = False
        if flag["mojibake_doc"]:
            out = defects.mojibake(text, rng.choice(["cp1252", "cp1252", "latin-1"]))
            if out is not None:
                text, rec["mojibake_doc"] = out, True
        rec["crlf"], rec["mixed_eol"] = flag["crlf"], flag["mixed_eol"] and not flag["crlf"]
        if rec["crlf"]:
            text = text.replace("\n", "\r\n")
        elif rec["mixed_eol"]:
            parts = text.split("\n")
            k = rng.randrange(1, max(2, len(parts) - 1))
            text = "\r\n".join(parts[:k]) + "\n" + "\n".join(parts[k:]) if k < len(parts) else text
        rec["bom"] = flag["bom"]
        if rec["bom"]:
            text = "\ufeff" + text
        rec["invalid_utf8"] = flag["invalid_utf8"]
        if flag["invalid_utf8"]:
            rec["invalid_kind"] = rng.choice(["cp1252", "stray"])
            if rec["invalid_kind"] == "cp1252":
                data = text.encode("cp1252", errors="replace")
                if data.isascii():
                    data = data.replace(b" ", b" \x93", 1)
            else:
                raw = text.encode("utf-8")
                cut = raw.find(b" ", rng.randrange(len(raw) // 2, len(raw)))
                cut = cut if cut > 0 else len(raw) // 2
                data = raw[:cut] + rng.choice([b"\xe2\x80", b"\xa0", b"\xff", b"\xc3"]) + raw[cut:]
        else:
            data = text.encode("utf-8")
        rec["bytes"] = len(data)
        rec["paragraphs"] = len(body)

        files = [(path, data)]
        files += self.provenance_files(site, meta_file, path, data, meta_title, author, agency, has, when, rec)

        # --- what later documents may copy -------------------------------------------------
        if not whole_damage and not syndicated:
            paras = [t for _, t in body]
            for (kind, t), ok in zip(body, clean):
                if ok and kind == "organic" and t.count(" ") >= 30:
                    self.keep(self.reservoir[lang], RESERVOIR, (path, site.slug, t))
            if not damaged and len(paras) >= 3:
                self.keep(self.bodies[lang], BODIES, (path, site.slug, paras, title))
        return rec, files

    def keep(self, store, cap, item):
        if len(store) < cap:
            store.append(item)
        else:
            store[self.rng.randrange(cap)] = item

    def reused_passage(self, source, pool):
        """2-3 paragraphs of another article, cut and re-split at other sentence boundaries,
        maybe a word changed: (source path, paragraphs) or None."""
        rng = self.rng
        path, _, paras, _ = source
        k = rng.randint(2, 3)
        if len(paras) < k + 1:
            return None
        start = rng.randrange(1, len(paras) - k + 1)
        groups = [_sentences(p) for p in paras[start:start + k]]
        sents = [s for g in groups for s in g]
        if len(sents) < 3:
            return None
        old = set()
        n = 0
        for g in groups[:-1]:
            n += len(g)
            old.add(n)
        if rng.random() < 0.25:  # cut: the first sentence left out
            sents, old = sents[1:], {b - 1 for b in old}
        elif rng.random() < 0.33:  # ...or the last
            sents = sents[:-1]
        # New paragraph breaks, none where an old one was: no paragraph comes out whole.
        free = [c for c in range(1, len(sents)) if c not in old]
        cuts = sorted(rng.sample(free, min(len(free), rng.randint(0, k - 1))))
        out, prev = [], 0
        for c in cuts + [len(sents)]:
            out.append(" ".join(sents[prev:c]))
            prev = c
        if rng.random() < 0.4:
            i = rng.randrange(len(out))
            out[i] = defects.near_duplicate(out[i], rng, pool.vocab)
        out = [p for p in out if p]
        return (path, out) if out else None

    # --- provenance kept outside the text ---------------------------------------------------
    def fields(self, title, author, agency, has, when):
        y, m, d, hh, mm = when
        f = {"title": title}
        if has["author"]:
            f["author"] = author
        if has["date"]:
            f["date"] = f"{y}-{m:02d}-{d:02d}"
        if has["source"]:
            f["source"] = agency
        return f

    def front_matter(self, site, meta_file, title, author, agency, has, when):
        if not meta_file or site.provenance not in ("yaml", "toml"):
            return []
        f = self.fields(title, author, agency, has, when)
        if site.provenance == "yaml":
            return ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in f.items()] + ["---"]
        return ["+++"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in f.items()] + ["+++"]

    def provenance_files(self, site, meta_file, path, data, title, author, agency, has, when, rec):
        rec["manifest_missing"] = site.provenance == "manifest" and not meta_file
        rec["manifest_stale"] = False
        if not meta_file or site.provenance in ("yaml", "toml"):
            return []
        f = self.fields(title, author, agency, has, when)
        f["url"] = f"https://{site.slug}.example/{path.split('/', 1)[1][:-4]}"
        stem = path[:-4]
        if site.provenance == "sidecar-json":
            return [(stem + ".meta.json", (json.dumps(f, ensure_ascii=False, indent=1) + "\n").encode())]
        if site.provenance == "sidecar-toml":
            toml = "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in f.items())
            return [(stem + ".meta.toml", toml.encode())]
        # manifest: one entry per file, written at the end
        rng = self.rng
        sha = hashlib.sha256(data).hexdigest()
        if rng.random() < RATES["manifest_stale"]:
            sha = hashlib.sha256(data + b"\n").hexdigest()
            rec["manifest_stale"] = True
        entry = {"file_name": path.split("/", 1)[1], "sha256": sha, **f}
        self.manifests.setdefault(site.slug, []).append(entry)
        return []
