#!/usr/bin/env python3
"""corpuslint on Spark: the whole check of a folder of text files or JSON Lines shards.

    spark-submit corpuslint_spark.py INPUT OUT [--binary corpuslint] [--config FILE]

Documents are named as `corpuslint check NAME` names them when run in INPUT's parent
folder (NAME is INPUT's last component): the findings of the job and of that check are
the same. Steps:

1. map, per partition of input files: `corpuslint reduce --rules document` (the
   per-document rules) and `corpuslint map` (map records: each document's link keys,
   each folder's one-line paragraph counts).
2. shuffle: documents grouped by link key (Spark SQL); documents that share a key are
   joined into connected groups (on the driver: the edges are few); the folder records
   are gathered into one file shipped to every executor. Text files with provenance
   files (a sidecar `NAME.meta.toml` or `NAME.meta.json`, a `metadata.jsonl` manifest in
   their folder or above) are brought together with them: each document with its
   sidecar and its line of the manifest; the manifest's lines that are no document's
   entry (unreadable lines, entries of missing files) with the first of its documents.
3. reduce, each run with the folder records (`--corpus`): the chrome and metadata rules
   (`--rules site`) of every document where it is, or where its provenance was brought;
   the duplicate rules (`--rules duplicate`) of the documents of each group together (the
   groups packed into --groups tasks, their records shuffled), and of the documents that
   share nothing where they are (duplicates within a document).
4. The findings are written as OUT/findings.jsonl (one finding a line, as
   `check --format jsonl`) and OUT/findings.sarif (one SARIF run). Errors of reading (a
   malformed line) go to standard error, and the job exits 2, as `check` does.

The binary is found as --binary on the executors: ship it with
`--files /path/to/corpuslint` (it is then in each task's working folder) or install it
on every executor. Input files are read through Spark (`binaryFiles`, folders walked
recursively), so any file system Spark reads works. Shards may be `.jsonl`, `.jsonl.gz`
or `.jsonl.zst` (these need the Python package `zstandard` on the executors); the other
files are taken as `check` takes them in a folder walk (`.txt`, `.md`, or the extensions
of the configuration).
"""

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from urllib.parse import unquote, urlparse

SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")
MANIFEST = "metadata.jsonl"
BOM = b"\xef\xbb\xbf"


def is_shard(name):
    """Whether corpuslint reads the file `name` as a shard (as `check` does by name)."""
    base = os.path.basename(name).lower()
    return base != MANIFEST and any(
        base.endswith(suffix) and len(base) > len(suffix) for suffix in SHARD_SUFFIXES)


def local_path(uri):
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme in ("", "file") else uri


class Runner:
    """Runs the corpuslint binary on files written to a temporary folder."""

    def __init__(self, binary, config):
        self.binary = binary
        self.config = config

    def resolve_binary(self):
        try:
            from pyspark import SparkFiles

            shipped = os.path.join(SparkFiles.getRootDirectory(), os.path.basename(self.binary))
            if os.path.exists(shipped):
                os.chmod(shipped, 0o755)
                return shipped
        except Exception:  # noqa: BLE001 - outside Spark, or no files shipped
            pass
        found = shutil.which(self.binary)
        if found is None:
            raise RuntimeError(f"corpuslint binary not found: {self.binary}")
        return found

    def settings(self):
        if self.config:
            from pyspark import SparkFiles

            return ["--config", SparkFiles.get(os.path.basename(self.config))]
        return ["--isolated"]

    def run(self, cwd, args):
        """(standard output, the errors corpuslint reported)."""
        command = [self.resolve_binary(), *args]
        done = subprocess.run(command, cwd=cwd, capture_output=True)
        stderr = done.stderr.decode(errors="replace")
        # 1: findings; 2: errors (a malformed line), which the findings still come with.
        if done.returncode not in (0, 1, 2):
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {stderr}")
        errors = [line for line in stderr.splitlines() if line.strip()] if done.returncode == 2 else []
        return done.stdout.decode(), errors


def write_files(folder, files):
    """Writes (name, bytes) pairs under folder; returns the names."""
    names = []
    for name, data in files:
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(data)
        names.append(name)
    return names


def findings_of(runner, folder, names, scope, whole=None):
    """(finding dicts, SARIF log, errors) of `corpuslint reduce` over names."""
    if not names:
        return [], None, []
    sarif = os.path.join(folder, ".findings.sarif")
    args = ["reduce", "--rules", scope, "--format", "jsonl", "--quiet", "--no-context",
            "--no-cache", "--sarif", sarif, *runner.settings()]
    if whole:
        args += ["--corpus", whole]
    out, errors = runner.run(folder, args + ["--", *names])
    log = None
    if os.path.exists(sarif):
        with open(sarif, encoding="utf-8") as f:
            log = json.load(f)
        os.remove(sarif)
    found = [json.loads(line) for line in out.splitlines() if line.strip()]
    return found, log, errors


def decompressed(data):
    """A shard's bytes, decompressed when they start as gzip or zstd data do (corpuslint
    tells them so, whatever the name); None when they cannot be (the map step reports it)."""
    try:
        if data.startswith(b"\x1f\x8b"):
            return gzip.decompress(data)
        if data.startswith(b"\x28\xb5\x2f\xfd"):
            import zstandard

            with zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True) as f:
                return f.read()
    except ImportError as err:
        raise RuntimeError("reading .jsonl.zst shards needs the Python package zstandard "
                           "on the executors (pip install zstandard)") from err
    except (OSError, EOFError, ValueError, RuntimeError):
        return None
    return data


def shard_lines(data):
    """The non-blank lines of a shard as (1-based line number, bytes)."""
    data = decompressed(data)
    if data is None:
        return
    if data.startswith(BOM):
        data = data[len(BOM):]
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.strip():
            yield number, line


def shard_bytes(lines):
    """A shard holding `lines` ((line number, bytes), sorted) at their line numbers: the
    lines between are blank, so every record keeps its name and order. It is written
    uncompressed whatever its name: corpuslint tells compressed data by its first bytes."""
    parts, at = [], 1
    for number, line in lines:
        parts.append(b"\n" * (number - at))
        parts.append(line)
        at = number
    return b"".join(parts) + b"\n"


def doc_path(name, number):
    """A document's path as map records give it: a record's is SHARD/LINE."""
    return f"{name}/{number}" if is_shard(name) else name


def sidecar_of(name, names):
    """The sidecar corpuslint reads for the text file `name`: the first of `a/NAME.meta.toml`,
    `a/NAME.meta.json` among `names`."""
    folder, base = os.path.split(name)
    stem = os.path.splitext(base)[0]
    for ext in ("toml", "json"):
        candidate = os.path.join(folder, f"{stem}.meta.{ext}")
        if candidate in names:
            return candidate
    return None


def manifest_entry(text):
    """A manifest line as corpuslint reads it: the object, or None when it is no entry (not
    a JSON object, or no string `file_name`)."""
    try:
        entry = json.loads(text.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("file_name"), str):
        return None
    return entry


def _no_constant(name):
    raise ValueError(f"not JSON: {name}")


def entry_path(folder, file_name):
    """The document a manifest entry in `folder` names, as corpuslint matches them (`./` and
    doubled `/` aside); None for an absolute path or one through `..`."""
    parts = [p for p in file_name.split("/") if p not in ("", ".")]
    if file_name.startswith("/") or not parts or ".." in parts:
        return None
    return os.path.join(folder, *parts)


class Provenance:
    """Which text files have provenance files (a sidecar, a nearest `metadata.jsonl`), and
    where the lines of each manifest go, so that each document is checked with what
    `check` reads beside it."""

    def __init__(self, names, documents):
        names = set(names)
        self.existing = {".", ""}
        for name in names:
            while name and name not in self.existing:
                self.existing.add(name)
                name = os.path.dirname(name)
        manifests = {os.path.dirname(n): n for n in names if os.path.basename(n) == MANIFEST}
        self.moved = {}  # document -> (its sidecar, its manifest), either may be None
        self.sidecar_docs = {}  # sidecar -> the documents that read it
        self.owner = {}  # manifest -> the first document that reads it
        for doc in sorted(documents):
            sidecar = sidecar_of(doc, names)
            folder, manifest = os.path.dirname(doc), None
            while folder and manifest is None:
                manifest = manifests.get(folder)
                folder = os.path.dirname(folder)
            if sidecar is None and manifest is None:
                continue
            self.moved[doc] = (sidecar, manifest)
            if sidecar is not None:
                self.sidecar_docs.setdefault(sidecar, []).append(doc)
            if manifest is not None:
                self.owner.setdefault(manifest, doc)

    def items(self, name, data):
        """(document, item) for what of the file `name` goes to a document's task."""
        if name in self.moved:
            yield name, ("doc", name, data, self.moved[name][1])
        for doc in self.sidecar_docs.get(name, ()):
            yield doc, ("file", name, data)
        if name in self.owner:
            yield from self.manifest_lines(name, data)

    def manifest_lines(self, name, data):
        """Each document's entry goes with the document; the lines that give findings of
        the manifest itself (unreadable lines, entries of files that do not exist) with
        its first document; entries of other files, which give none, nowhere."""
        owner, folder = self.owner[name], os.path.dirname(name)
        bom = data.startswith(BOM)
        taken, start = set(), 0
        for number, line in enumerate(data.split(b"\n")):
            at, start = start, start + len(line) + 1
            text = line[len(BOM):] if number == 0 and bom else line
            if not text.strip():
                continue
            target = owner
            entry = manifest_entry(text)
            if entry is not None:
                file_name = entry["file_name"]
                doc = entry_path(folder, file_name)
                if doc is not None and doc not in taken and self.moved.get(doc, (0, 0))[1] == name:
                    taken.add(doc)
                    target = doc
                elif (any(key.lower() == "duplicate_of" for key in entry)
                      or (not file_name.startswith("/")
                          and os.path.normpath(os.path.join(folder, file_name)) in self.existing)):
                    continue
            yield target, ("line", name, (number, at, line), bom)


def padded_manifest(lines, bom):
    """A manifest holding `lines` ((line number, byte offset, bytes)) where they were, the
    other lines blank: findings keep the lines and byte offsets of the original."""
    out, at, next_line = bytearray(), 0, 0
    for number, start, line in sorted(lines):
        gap, count = start - at, number - next_line
        if at == 0 and bom and number > 0:
            out += BOM + b" " * (gap - count - len(BOM)) + b"\n" * count
        else:
            out += b" " * (gap - count) + b"\n" * count
        out += line + b"\n"
        at, next_line = start + len(line) + 1, number + 1
    return bytes(out)


def packed_groups(sizes, count):
    """Components (id -> documents) packed into `count` groups, largest first."""
    loads = [0] * max(count, 1)
    group_of = {}
    for component, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        lightest = min(range(len(loads)), key=loads.__getitem__)
        group_of[component] = lightest
        loads[lightest] += size
    return group_of


def signed(key):
    """A link key (16 hex digits) as a signed 64-bit number, as Spark SQL holds longs."""
    value = int(key, 16)
    return value - (1 << 64) if value >= 1 << 63 else value


def components(edges):
    """Union-find over (a, b) edges: document path -> component id (its root)."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def merged_sarif(logs):
    logs = [log for log in logs if log]
    if not logs:
        return None
    merged = logs[0]
    run = merged["runs"][0]
    run["results"] = [r for log in logs for r in log["runs"][0]["results"]]
    invocations = [i for log in logs for i in log["runs"][0].get("invocations", [])]
    run["invocations"] = [{
        "executionSuccessful": all(i.get("executionSuccessful", True) for i in invocations),
        "toolExecutionNotifications": [
            n for i in invocations for n in i.get("toolExecutionNotifications", [])
        ],
    }]
    return merged


def sort_key(finding):
    return (finding["path"], finding.get("byte_start", 0), finding["code"],
            finding.get("byte_end", 0), finding["message"])


def main(argv=None):
    parser = argparse.ArgumentParser(description="corpuslint check on Spark")
    parser.add_argument("input", help="folder of text files or JSON Lines shards")
    parser.add_argument("out", help="output folder (findings.jsonl, findings.sarif)")
    parser.add_argument("--binary", default="corpuslint",
                        help="the corpuslint binary (shipped with --files, or on PATH)")
    parser.add_argument("--config", help="a corpuslint.toml (shipped with --files)")
    parser.add_argument("--groups", type=int, default=0,
                        help="tasks of the reduce step (default: the default parallelism)")
    parser.add_argument("--stats", help="write the sizes the job moved to this JSON file")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("corpuslint").getOrCreate()
    sc = spark.sparkContext
    # Folders are walked to the bottom, as `check` walks them.
    sc._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true")
    runner = Runner(args.binary, args.config)
    root = os.path.abspath(args.input).rstrip("/")
    top = os.path.basename(root)
    groups = args.groups or sc.defaultParallelism

    def named(pairs):
        """(uri, bytes) -> (NAME, bytes), NAME relative to INPUT's parent."""
        for uri, data in pairs:
            path = local_path(uri)
            rel = os.path.relpath(path, root) if path.startswith(root + "/") else None
            yield (os.path.join(top, rel) if rel else top), bytes(data)

    # As many parts as tasks can run at once (Spark packs small files into few otherwise).
    files = (sc.binaryFiles(args.input, minPartitions=sc.defaultParallelism)
             .mapPartitions(named).cache())

    # 1. map: per-document findings and map records, per partition of files. The folder
    # is walked, so that corpuslint takes the files `check` takes (no sidecar, no manifest).
    def map_step(pairs):
        with tempfile.TemporaryDirectory() as folder:
            names = write_files(folder, pairs)
            if not names:
                return
            found, log, errors = findings_of(runner, folder, [top], "document")
            for finding in found:
                yield ("finding", finding)
            if log:
                yield ("sarif", log)
            for error in errors:
                yield ("error", error)
            # The same errors again: reported once, above.
            out, _ = runner.run(folder, ["map", "--no-context", "--no-cache",
                                         *runner.settings(), "--", top])
            written = set(names)
            for line in out.splitlines():
                if line.strip():
                    yield ("record", line)
                    record = json.loads(line)
                    if record["kind"] == "document" and record["path"] in written:
                        yield ("text", record["path"])

    mapped = files.mapPartitions(map_step).cache()
    records = mapped.filter(lambda kv: kv[0] == "record").map(lambda kv: json.loads(kv[1]))
    folder_lines = records.filter(lambda r: r["kind"] == "folder").map(json.dumps).collect()

    # 2. shuffle: documents that share a link key belong together. Documents are numbered
    # (the shuffle moves 8-byte numbers, not names) and keys grouped by Spark SQL.
    documents = (records.filter(lambda r: r["kind"] == "document")
                 .zipWithIndex()
                 .map(lambda ri: (ri[1], ri[0]["path"], [signed(k) for k in ri[0]["keys"]]))
                 .cache())
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, LongType, StructField, StructType

    schema = StructType([StructField("doc", LongType(), False),
                         StructField("keys", ArrayType(LongType(), False), False)])
    pairs = (spark.createDataFrame(documents.map(lambda d: (d[0], d[2])), schema)
             .select("doc", F.explode("keys").alias("key"))
             .cache())
    # One shuffle of the pairs: per key, its holders, the first of them, each other an edge.
    holders = (pairs.groupBy("key")
               .agg(F.min("doc").alias("first"), F.collect_list("doc").alias("docs"))
               .filter(F.size("docs") > 1))
    edges = [(row["first"], row["doc"]) for row in
             holders.select("first", F.explode("docs").alias("doc"))
             .filter("doc != first").distinct().collect()]
    component_of = components(edges)
    sizes = {}
    for component in component_of.values():
        sizes[component] = sizes.get(component, 0) + 1
    group_of_component = packed_groups(sizes, groups)
    grouped_ids = sc.broadcast(set(component_of))
    path_of = dict(documents.filter(lambda d: d[0] in grouped_ids.value)
                   .map(lambda d: (d[0], d[1])).collect())
    group_of = sc.broadcast({path_of[doc]: group_of_component[c]
                             for doc, c in component_of.items()})

    whole_file = os.path.join(tempfile.mkdtemp(prefix="corpuslint-"), "folders.jsonl")
    with open(whole_file, "w", encoding="utf-8") as out:
        out.write("\n".join(folder_lines) + "\n")
    sc.addFile(whole_file)
    whole_name = os.path.basename(whole_file)

    # Text files with provenance files, and those files, go to one task per document. (Its
    # fields are broadcast, not the object: executors know the class only as the closures
    # that use it bring it.)
    provenance_fields = sc.broadcast(vars(Provenance(
        files.keys().collect(), mapped.filter(lambda kv: kv[0] == "text").values().collect())))

    def provenance():
        restored = Provenance.__new__(Provenance)
        restored.__dict__.update(provenance_fields.value)
        return restored

    # 3. reduce. Every document's chrome and metadata rules, where it is (they need only
    # the counts of the whole) or where its provenance was brought; the duplicate rules of
    # documents that share keys, in their group; those of the others (duplicates within a
    # document), where they are.
    def split(pair):
        name, data = pair
        groups_now = group_of.value
        lines = shard_lines(data) if is_shard(name) else [(0, data)]
        for number, line in lines:
            group = groups_now.get(doc_path(name, number))
            yield (group, (name, number, line))

    def checked(files_now, paths, scope):
        """Findings of `reduce --rules scope` over `paths` among (name, bytes) files."""
        from pyspark import SparkFiles

        whole = SparkFiles.get(whole_name)
        with tempfile.TemporaryDirectory() as folder:
            write_files(folder, files_now)
            # Errors of reading were reported by the map step.
            found, log, _ = findings_of(runner, folder, paths, scope, whole)
            for finding in found:
                yield ("finding", finding)
            if log:
                yield ("sarif", log)

    def rebuilt(items):
        """(name, bytes) files of (name, line number, bytes) items: shards of the records."""
        by_name = {}
        for name, number, data in items:
            by_name.setdefault(name, []).append((number, data))
        for name, lines in sorted(by_name.items()):
            lines.sort()
            yield name, (shard_bytes(lines) if is_shard(name) else lines[0][1])

    def local_step(pairs):
        pairs = list(pairs)
        moved = provenance().moved
        staying = [(name, data) for name, data in pairs if name not in moved]
        if staying:
            yield from checked(staying, [top], "site")
        alone = [item for pair in pairs for group, item in split(pair) if group is None]
        if alone:
            yield from checked(list(rebuilt(alone)), [top], "duplicate")

    def provenance_step(keyed_items):
        docs, others, manifests = {}, {}, {}
        for _, item in keyed_items:
            kind, name = item[0], item[1]
            if kind == "doc":
                docs[name] = item[2]
                if item[3] is not None:
                    manifests.setdefault(item[3], ([], False))
            elif kind == "file":
                others[name] = item[2]
            else:
                lines, _ = manifests.setdefault(name, ([], item[3]))
                manifests[name] = (lines + [item[2]], item[3])
        files_now = list(docs.items()) + list(others.items()) + [
            (name, padded_manifest(lines, bom)) for name, (lines, bom) in manifests.items()]
        yield from checked(files_now, sorted(docs), "site")

    def group_step(keyed_items):
        items = [item for _, item in keyed_items]
        yield from checked(list(rebuilt(items)), sorted({name for name, _, _ in items}),
                           "duplicate")

    keyed = files.flatMap(split).cache()
    local = files.mapPartitions(local_step)
    brought = (files.flatMap(lambda pair: provenance().items(*pair))
               .partitionBy(files.getNumPartitions(), lambda doc: zlib.crc32(doc.encode()))
               .mapPartitions(provenance_step))
    grouped_input = keyed.filter(lambda kv: kv[0] is not None)
    grouped = grouped_input.partitionBy(groups, lambda group: group).mapPartitions(group_step)

    results = (mapped.filter(lambda kv: kv[0] in ("finding", "sarif", "error"))
               .union(local).union(brought).union(grouped).collect())
    findings = sorted((v for k, v in results if k == "finding"), key=sort_key)
    errors = sorted({v for k, v in results if k == "error"})
    sarif = merged_sarif([v for k, v in results if k == "sarif"])

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "findings.jsonl"), "w", encoding="utf-8") as out:
        for finding in findings:
            out.write(json.dumps(finding, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "findings.sarif"), "w", encoding="utf-8") as out:
        json.dump(sarif, out, ensure_ascii=False, indent=2)
        out.write("\n")

    for error in errors:
        print(error, file=sys.stderr)

    if args.stats:
        moved = provenance().moved
        stats = {
            "input_bytes": files.map(lambda kv: len(kv[1])).sum(),
            "documents": documents.count(),
            "link_key_pairs": pairs.count(),
            "folder_record_bytes": sum(len(line) + 1 for line in folder_lines),
            "edges": len(edges),
            "grouped_documents": len(component_of),
            "components": len(sizes),
            "largest_component": max(sizes.values(), default=0),
            "grouped_record_bytes": grouped_input.map(
                lambda kv: len(kv[1][0]) + len(kv[1][2]) + 12).sum(),
            "documents_with_provenance": len(moved),
            "manifests": len(provenance().owner),
            "provenance_bytes": files.flatMap(lambda pair: provenance().items(*pair)).map(
                lambda kv: len(kv[1][2][2]) if kv[1][0] == "line" else len(kv[1][2])).sum(),
            "findings": len(findings),
        }
        with open(args.stats, "w", encoding="utf-8") as out:
            json.dump(stats, out, indent=2)
            out.write("\n")
    spark.stop()
    # As `check`: 2 when a file or a line could not be read.
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
