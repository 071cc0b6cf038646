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
# The commands of one size are run in rounds: each round runs every command once, in
# order, and each command keeps its fastest run. A slow stretch of the machine (other
# work on a shared host) then slows every command of one round, `cat` and `sha256sum`
# with them, rather than every run of one command. After each run the
# written files are flushed to disk (`sync`, not timed), so that the output of `fix`
# is not written back while the next command is timed.
#
# add OKCODES LABEL CMD...: a command of this size, run under /usr/bin/time -v with
# stdout to /dev/null; an exit status outside OKCODES (e.g. "0 1") aborts. An argument
# `{out}` is replaced by a new folder for each run. The folders are removed with $tmp
# at the end, not between runs: on ext4 without a journal, a new file skips the inodes
# freed in the last minutes, checking each one, and `fix --out` of 200 MB took 1.1-3.2
# s longer when the output of the run before had just been deleted (still so 75 s after
# the deletion, no longer 400 s after).
labels=()
okcodes=()
commands=()
add() {
    okcodes+=("$1")
    labels+=("$2")
    shift 2
    commands+=("$(printf '%q ' "$@")")
}

# measure_all: runs the commands added, $runs rounds of them. Sets, per command k,
# best_s[k] (wall seconds of its fastest run), best_rss_kb[k] (that run's peak RSS in
# kB) and best_rc[k] (its exit status), and leaves that run's stderr in $tmp/best.k.err.
out_runs=0
measure_all() {
    best_s=()
    best_rss_kb=()
    best_rc=()
    local round k fastest start end s rc rss arg argv words
    for ((round = 1; round <= runs; round++)); do
        log "round $round of $runs"
        for ((k = 0; k < ${#commands[@]}; k++)); do
            out_runs=$((out_runs + 1))
            eval "words=(${commands[k]})"
            argv=()
            for arg in "${words[@]}"; do
                [ "$arg" = "{out}" ] && arg=$tmp/out.$out_runs
                argv+=("$arg")
            done
            start=$EPOCHREALTIME
            rc=0
            /usr/bin/time -v -o "$tmp/time.txt" "${argv[@]}" >/dev/null 2>"$tmp/run.err" || rc=$?
            end=$EPOCHREALTIME
            sync
            # `fix` exits 2 and leaves a file as it is when it cannot be fixed safely
            # (the generated corpus has cp1252 files): allowed, and flagged.
            if [[ " ${okcodes[k]} " != *" $rc "* ]] ||
                { [ "$rc" -eq 2 ] && ! grep -q 'not fixed' "$tmp/run.err"; }; then
                echo "bench: '${words[*]}' exited with status $rc:" >&2
                tail -n 20 "$tmp/run.err" >&2
                exit 1
            fi
            s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
            rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
            log "  ${labels[k]}: ${s} s, ${rss} kB"
            fastest=${best_s[k]:-}
            if [ -z "$fastest" ] || awk -v a="$s" -v b="$fastest" 'BEGIN { exit !(a < b) }'; then
                best_s[k]=$s
                best_rss_kb[k]=$rss
                best_rc[k]=$rc
                cp "$tmp/run.err" "$tmp/best.$k.err"
            fi
        done
    done
}

rows=()
passes=()
refusal=
add_row() { # size_mb label k
    local mbs rss_mb
    mbs=$(awk -v m="$1" -v s="${best_s[$3]}" 'BEGIN { if (s > 0) printf "%.1f", m / s; else print "-" }')
    rss_mb=$(awk -v k="${best_rss_kb[$3]}" 'BEGIN { printf "%.0f", k / 1024 }')
    rows+=("| $1 | $2 | ${best_s[$3]} | $mbs | $rss_mb |")
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

    labels=()
    okcodes=()
    commands=()
    add "0" "cat" bash -c 'find "$1" -type f -name "*.txt" -print0 | xargs -0 cat' _ "$corpus"
    add "0" "sha256sum" bash -c 'find "$1" -type f -name "*.txt" -print0 | xargs -0 sha256sum' _ "$corpus"
    add "0 1" "corpuslint check" "$bin" check "$corpus" --format short --timings
    if [ "$families" -eq 1 ]; then
        for selection in "--select encoding,layout" "--select chrome" "--select metadata" \
            "--select duplicate" "--ignore reused-text"; do
            # shellcheck disable=SC2086 # the selection is two words
            add "0 1" "corpuslint check $selection" "$bin" check "$corpus" --format short $selection
        done
    fi
    add "0 2" "corpuslint fix" "$bin" fix "$corpus" --out "{out}"
    add "0" "corpuslint fix --unsafe-fixes" "$bin" fix "$corpus" --out "{out}" --unsafe-fixes
    measure_all

    for ((k = 0; k < ${#commands[@]}; k++)); do
        label=${labels[k]}
        if [ "$label" = "corpuslint fix" ] && [ "${best_rc[k]}" -eq 2 ]; then
            label="corpuslint fix (some files refused)"
            refusal=$(grep -m1 'not fixed' "$tmp/best.$k.err" || true)
        fi
        add_row "$size" "$label" "$k"
        if [ "${labels[k]}" = "corpuslint check" ]; then
            passes+=("$size|$(cat "$tmp/best.$k.err")")
        fi
    done
done

# --- Report ---------------------------------------------------------------------
echo "corpuslint $commit, $(nproc) cores, fastest of $runs rounds (each round runs every command once; warm page cache)."
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
