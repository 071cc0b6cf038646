#!/usr/bin/env bash
# Benchmark corpuslint on generated corpora of given sizes.
#
#   bench/run.sh [--keep] [--families] [MB ...]        (default sizes: 10 200)
#
# --families adds a `check` row per family of rules (`--select FAMILY`), and one of
# every rule but reused-text search, the costliest one: what each part of a check costs.
#
# Prints a Markdown table on stdout (progress goes to stderr).
# See bench/README.md.
set -euo pipefail

usage() {
    echo "usage: $0 [--keep] [--families] [MB ...]   (default: 10 200)" >&2
    exit 2
}

keep=0
families=0
sizes=()
for arg in "$@"; do
    case "$arg" in
        --keep) keep=1 ;;
        --families) families=1 ;;
        -h | --help) usage ;;
        *[!0-9]* | '') echo "not a size in MB: $arg" >&2; usage ;;
        *) sizes+=("$arg") ;;
    esac
done
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(10 200)
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The corpus generator: the project's own, or another one with the same command line
# (OUT --mb N --force, writing OUT.truth.jsonl and OUT.summary.json) as a cross-check.
make_corpus=${MAKE_CORPUS:-$repo/bench/make_corpus.py}
[ -f "$make_corpus" ] || { echo "no corpus generator at $make_corpus" >&2; exit 2; }
# Corpora are named after the generator's code, so a kept corpus is reused only by the
# generator that made it.
if [ -z "${MAKE_CORPUS:-}" ]; then
    generator_files=("$make_corpus" "$repo"/bench/corpusgen/*.py)
    generator_name=bench/make_corpus.py
else
    generator_files=("$make_corpus")
    generator_name=$make_corpus
fi
generator_id=$(cat "${generator_files[@]}" | sha256sum | cut -c1-8)
bench_dir=${BENCH_DIR:-/tmp/corpuslint-bench}
runs=${BENCH_RUNS:-3}
case "$runs" in *[!0-9]* | '' | 0) echo "BENCH_RUNS must be a positive number: $runs" >&2; exit 2 ;; esac

log() { echo "bench: $*" >&2; }

# --- 1. Debian packages, installed only when missing -------------------------
missing=()
for pkg in anarchism debian-handbook python3-doc; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "${missing[@]}" >&2; then
        apt-get update -q >&2
        apt-get install -y -q "${missing[@]}" >&2
    fi
fi

# --- 2. Release build ---------------------------------------------------------
log "building (cargo build --release)"
(cd "$repo" && cargo build --release --quiet)
target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
bin=$target_dir/release/corpuslint
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }
# What was built (read now: the tree may change while the benchmark runs).
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi

# --- Temporary files and clean-up -----------------------------------------------
mkdir -p "$bench_dir"
tmp=$(mktemp -d "$bench_dir/tmp.XXXXXX")
cleanup() {
    rm -rf "$tmp"
    if [ "$keep" -eq 0 ]; then
        for mb in "${sizes[@]}"; do
            c=$bench_dir/corpus-${mb}m-$generator_id
            rm -rf "$c" "$c.truth.jsonl" "$c.summary.json"
        done
        rmdir "$bench_dir" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# --- Measuring ------------------------------------------------------------------
# measure OKCODES CMD...: run CMD $runs times under /usr/bin/time -v with stdout
# to /dev/null; an exit status outside OKCODES (e.g. "0 1") aborts.  Sets
# best_s (wall seconds of the fastest run), best_rss_kb (its peak RSS in kB),
# best_rc (its exit status) and leaves its stderr in $tmp/best.err.
# An argument `{out}` is replaced by a new folder for each run. The folders are
# removed with $tmp at the end, not between runs: on ext4 without a journal, a new
# file skips the inodes freed in the last minutes, checking each one, and `fix --out`
# of 200 MB took 1.1-3.2 s longer when the output of the run before had just been
# deleted (still so 75 s after the deletion, no longer 400 s after).
out_runs=0
measure() {
    local ok=$1
    shift
    best_s=
    best_rss_kb=
    best_rc=
    local i start end s rc rss
    local arg argv
    for ((i = 1; i <= runs; i++)); do
        out_runs=$((out_runs + 1))
        argv=()
        for arg in "$@"; do
            [ "$arg" = "{out}" ] && arg=$tmp/out.$out_runs
            argv+=("$arg")
        done
        start=$EPOCHREALTIME
        rc=0
        /usr/bin/time -v -o "$tmp/time.txt" "${argv[@]}" >/dev/null 2>"$tmp/run.err" || rc=$?
        end=$EPOCHREALTIME
        # `fix` exits 2 and leaves a file as it is when it cannot be fixed safely
        # (the generated corpus has cp1252 files): allowed, and flagged.
        if [[ " $ok " != *" $rc "* ]] ||
            { [ "$rc" -eq 2 ] && ! grep -q 'not fixed' "$tmp/run.err"; }; then
            echo "bench: '$*' exited with status $rc:" >&2
            tail -n 20 "$tmp/run.err" >&2
            exit 1
        fi
        s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
        log "  run $i: ${s} s, ${rss} kB"
        if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
            best_s=$s
            best_rss_kb=$rss
            best_rc=$rc
            cp "$tmp/run.err" "$tmp/best.err"
        fi
    done
}

rows=()
passes=()
refusal=
add_row() { # size_mb label
    local mbs rss_mb
    mbs=$(awk -v m="$1" -v s="$best_s" 'BEGIN { if (s > 0) printf "%.1f", m / s; else print "-" }')
    rss_mb=$(awk -v k="$best_rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
    rows+=("| $1 | $2 | $best_s | $mbs | $rss_mb |")
}

for mb in "${sizes[@]}"; do
    corpus=$bench_dir/corpus-${mb}m-$generator_id
    if [ -d "$corpus" ] && [ -f "$corpus.summary.json" ]; then
        log "corpus $corpus exists"
    else
        log "generating $corpus ($mb MB) with $generator_name"
        start=$EPOCHREALTIME
        python3 "$make_corpus" "$corpus" --mb "$mb" --force >&2
        log "generated in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
    fi
    read -r files bytes < <(find "$corpus" -type f -name '*.txt' -printf '%s\n' |
        awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
    size=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    log "$(basename "$corpus"): $files files, $size MB of .txt"

    log "cat"
    measure "0" bash -c 'find "$1" -type f -name "*.txt" -print0 | xargs -0 cat' _ "$corpus"
    add_row "$size" "cat"
    log "sha256sum"
    measure "0" bash -c 'find "$1" -type f -name "*.txt" -print0 | xargs -0 sha256sum' _ "$corpus"
    add_row "$size" "sha256sum"
    log "corpuslint check"
    measure "0 1" "$bin" check "$corpus" --format short --timings
    add_row "$size" "corpuslint check"
    passes+=("$size|$(cat "$tmp/best.err")")
    if [ "$families" -eq 1 ]; then
        for selection in "--select encoding,layout" "--select chrome" "--select metadata" \
            "--select duplicate" "--ignore reused-text"; do
            log "corpuslint check $selection"
            # shellcheck disable=SC2086 # the selection is two words
            measure "0 1" "$bin" check "$corpus" --format short $selection
            add_row "$size" "corpuslint check $selection"
        done
    fi
    log "corpuslint fix"
    measure "0 2" "$bin" fix "$corpus" --out "{out}"
    if [ "$best_rc" -eq 2 ]; then
        add_row "$size" "corpuslint fix (some files refused)"
        refusal=$(grep -m1 'not fixed' "$tmp/best.err" || true)
    else
        add_row "$size" "corpuslint fix"
    fi
    log "corpuslint fix --unsafe-fixes"
    measure "0" "$bin" fix "$corpus" --out "{out}" --unsafe-fixes
    add_row "$size" "corpuslint fix --unsafe-fixes"
done

# --- Report ---------------------------------------------------------------------
echo "corpuslint $commit, $(nproc) cores, fastest of $runs runs (warm page cache)."
echo "Corpora made by $generator_name ($generator_id) in $bench_dir."
echo
echo "| size (MB) | command | wall (s) | MB/s | peak RSS (MB) |"
echo "| ---: | --- | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
if [ -n "$refusal" ]; then
    echo
    echo "\`corpuslint fix\` (safe fixes only) left some files as they were, for example:"
    echo
    echo "    ${refusal#corpuslint: error: }"
fi
for entry in "${passes[@]}"; do
    size=${entry%%|*}
    echo
    echo "\`corpuslint check\` passes, $size MB (fastest run):"
    echo
    echo "| pass | seconds |"
    echo "| --- | ---: |"
    # Lines look like "   read + decode + segment:     0.123 s".
    sed -n 's/^ *\(.*[^ ]\): *\([0-9.]*\) s$/| \1 | \2 |/p' <<<"${entry#*|}"
done
