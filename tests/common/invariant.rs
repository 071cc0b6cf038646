//! The invariant of `fix`, for the tests that need it: a fix changes only what a finding
//! reported. Over a folder fixed as a user would fix it (`corpuslint fix folder/`):
//!
//! (a) the output differs from the input only inside the spans of the edits of findings
//!     that `check` reports with a safe fix; and where fixing made new findings (a
//!     removal that leaves a file one paragraph per line, a repair that makes two
//!     paragraphs equal), round after round, as `fix` works: `check` of the text as the
//!     round before left it, its safe edits applied, until nothing changes;
//! (b) `check` on the output reports nothing safely fixable;
//! (c) fixing the output again changes nothing.
//!
//! Each broken promise is returned as a message naming the file, the line and the text, so
//! that a failure says what to look at without rerunning anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use corpuslint::diagnostic::edit::{Applicability, Edit, apply_edits, merge_edits};
use corpuslint::fix::{FixOptions, fix};
use corpuslint::settings::Settings;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// A file of the folder, as `check` read it and as `fix` left it.
pub struct Fixed {
    /// The path relative to the folder.
    pub path: PathBuf,
    // Not every test that includes this module compares with the input.
    #[allow(dead_code)]
    pub input: String,
    pub output: String,
}

/// The settings of `corpuslint fix DIR` with no configuration file.
pub fn settings(dir: &Path) -> Settings {
    Settings {
        paths: vec![dir.to_path_buf()],
        ..Settings::default()
    }
}

/// Checks and fixes `dir`; returns the files with their fixed text, and the violations of
/// (a), (b) and (c).
pub fn check_fix(dir: &Path) -> (Vec<Fixed>, Vec<String>) {
    let mut problems = Vec::new();
    let checked = corpuslint::check(&settings(dir)).expect("check runs");
    assert!(
        checked.errors.is_empty(),
        "{}: {:?}",
        dir.display(),
        checked.errors
    );
    // Safe edits per document, with the code of the finding they fix.
    let mut safe: BTreeMap<usize, Tagged> = BTreeMap::new();
    for d in &checked.diagnostics {
        if let Some(f) = &d.fix
            && f.applicability == Applicability::Safe
        {
            let list = safe.entry(d.doc).or_default();
            list.extend(f.edits.iter().map(|e| (e.clone(), d.rule.code)));
        }
    }
    let inputs: BTreeMap<PathBuf, (usize, &str)> = checked
        .corpus
        .documents
        .iter()
        .enumerate()
        .map(|(id, doc)| (relative(dir, &doc.path), (id, doc.text.as_str())))
        .collect();

    let outcome = fix(&settings(dir), FixOptions::default()).expect("fix runs");
    // The files whose output is not the input with check's safe edits: what later rounds
    // made of them is modelled below.
    let mut later_rounds: Vec<(PathBuf, String)> = Vec::new();
    assert!(
        outcome.refused.is_empty() && outcome.errors.is_empty(),
        "{}: refused {:?}, errors {:?}",
        dir.display(),
        outcome.refused,
        outcome.errors
    );
    let mut files = Vec::new();
    for doc in &outcome.documents {
        let path = relative(dir, &outcome.corpus.documents[doc.id].path);
        let Some(&(id, input)) = inputs.get(&path) else {
            problems.push(format!("{}: fixed but not checked", path.display()));
            continue;
        };
        let edits = safe.remove(&id).unwrap_or_default();
        if doc.text != applied(input, &edits) {
            later_rounds.push((path.clone(), doc.text.clone()));
        }
        files.push(Fixed {
            path,
            input: input.to_string(),
            output: doc.text.clone(),
        });
    }
    if files.len() != inputs.len() {
        problems.push(format!(
            "{}: check read {} files, fix returned {}",
            dir.display(),
            inputs.len(),
            files.len()
        ));
    }

    if !later_rounds.is_empty() {
        let texts: BTreeMap<PathBuf, String> = inputs
            .iter()
            .map(|(path, (_, text))| (path.clone(), text.to_string()))
            .collect();
        let rounds = fix_rounds(dir, texts, MAX_ROUNDS);
        for (path, output) in &later_rounds {
            let Some((before, edits)) = rounds.last_edits.get(path) else {
                problems.push(format!(
                    "(a) {}: fixed, though check reports nothing safely fixable in it",
                    path.display()
                ));
                continue;
            };
            if rounds.texts.get(path) != Some(output) {
                problems.extend(outside_edits(path, before, output, edits));
            }
        }
    }

    // (b) and (c) on a copy of the output, in the same folders: folder-wide rules see the
    // same neighbours.
    let out = tempfile::tempdir().expect("tempdir");
    for file in &files {
        let path = out.path().join(&file.path);
        std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("mkdir");
        std::fs::write(&path, &file.output).expect("write output");
    }
    let again = corpuslint::check(&settings(out.path())).expect("check runs");
    for d in &again.diagnostics {
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
        {
            let doc = &again.corpus.documents[d.doc];
            let line = doc.lines.line_of(d.span.start);
            problems.push(format!(
                "(b) {}:{}: {} {} is still reported with a safe fix after fixing: `{}`",
                relative(out.path(), &doc.path).display(),
                line + 1,
                d.rule.code,
                d.message,
                short(line_text(&doc.text, line)),
            ));
        }
    }
    let refixed = fix(&settings(out.path()), FixOptions::default()).expect("fix runs");
    for doc in &refixed.documents {
        let before = &refixed.corpus.documents[doc.id].text;
        if &doc.text != before {
            let path = relative(out.path(), &refixed.corpus.documents[doc.id].path);
            let (line, old, new) = first_difference(before, &doc.text);
            problems.push(format!(
                "(c) {}:{}: fixing the output again changes `{}` into `{}`",
                path.display(),
                line + 1,
                short(old),
                short(new),
            ));
        }
    }
    (files, problems)
}

/// The rounds of check and safe edits that `fix` makes before it gives up on a document
/// that keeps changing: the first edits, then three rounds.
const MAX_ROUNDS: usize = 4;

/// `text` with `edits` applied, merged as `fix` merges them.
fn applied(text: &str, edits: &[(Edit, &'static str)]) -> String {
    let merged: Vec<Edit> = merge_edits(edits.to_vec())
        .into_iter()
        .map(|(e, _)| e)
        .collect();
    apply_edits(text, &merged)
}

/// Safe edits of a document, each with the code of the finding it fixes.
type Tagged = Vec<(Edit, &'static str)>;

/// What rounds of fixing make of the documents of a folder.
struct Rounds {
    /// Each document's text after the last round.
    texts: BTreeMap<PathBuf, String>,
    /// For each document that changed, its text before the last round that changed it,
    /// and that round's safe edits.
    last_edits: BTreeMap<PathBuf, (String, Tagged)>,
}

/// Fixes the documents `texts` of `dir` (relative path → text) round by round, at most
/// `rounds` times, independently of `fix`: each round checks a copy of `dir` holding the
/// texts as the round before left them, and applies the safe edits of its findings.
fn fix_rounds(dir: &Path, mut texts: BTreeMap<PathBuf, String>, rounds: usize) -> Rounds {
    let mut last_edits = BTreeMap::new();
    for _ in 0..rounds {
        // Configuration, manifests and sidecars stay beside the documents.
        let copy = tempfile::tempdir().expect("tempdir");
        copy_folder(dir, copy.path());
        for (path, text) in &texts {
            std::fs::write(copy.path().join(path), text).expect("write round input");
        }
        let checked = corpuslint::check(&settings(copy.path())).expect("check runs");
        let mut safe: BTreeMap<PathBuf, Tagged> = BTreeMap::new();
        for d in &checked.diagnostics {
            if let Some(f) = &d.fix
                && f.applicability == Applicability::Safe
            {
                let path = relative(copy.path(), &checked.corpus.documents[d.doc].path);
                let list = safe.entry(path).or_default();
                list.extend(f.edits.iter().map(|e| (e.clone(), d.rule.code)));
            }
        }
        let mut changed = false;
        for (path, edits) in safe {
            let Some(text) = texts.get_mut(&path) else {
                continue;
            };
            let next = applied(text, &edits);
            if next != *text {
                changed = true;
                last_edits.insert(path, (std::mem::replace(text, next), edits));
            }
        }
        if !changed {
            break;
        }
    }
    Rounds { texts, last_edits }
}

/// Copies the files of `from` into `to`, folders and all.
fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// (a): the lines the output changed that no safe edit touches.
fn outside_edits(
    path: &Path,
    input: &str,
    output: &str,
    edits: &[(Edit, &'static str)],
) -> Vec<String> {
    let old: Vec<&str> = input.split_inclusive('\n').collect();
    let new: Vec<&str> = output.split_inclusive('\n').collect();
    let mut starts = Vec::with_capacity(old.len() + 1);
    let mut at = 0;
    for line in &old {
        starts.push(at);
        at += line.len();
    }
    starts.push(at);
    let touched: Vec<bool> = (0..old.len())
        .map(|i| {
            let (start, end) = (starts[i], starts[i + 1]);
            edits.iter().any(|(e, _)| {
                let (s, t) = (e.span.start, e.span.end);
                if s == t {
                    start <= s && s <= end
                } else {
                    s < end && t > start
                }
            })
        })
        .collect();
    let covered = |i: usize| -> bool {
        touched.get(i).copied().unwrap_or(false)
            // Which of two blank lines around a removal a diff calls removed is arbitrary.
            || (old.get(i).is_some_and(|l| l.trim().is_empty())
                && ((i > 0 && touched[i - 1]) || touched.get(i + 1).copied().unwrap_or(false)))
    };
    let mut problems = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old, &new) {
        let (olds, news) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Insert { old_index, .. } => {
                if !covered(old_index.saturating_sub(1)) && !covered(old_index) {
                    problems.push(format!(
                        "(a) {}:{}: `{}` inserted, outside any finding's fix",
                        path.display(),
                        old_index + 1,
                        short(&new[news].concat()),
                    ));
                }
            }
            DiffOp::Delete { .. } => {
                // A removed run of lines can often slide over equal lines; any position
                // inside the fixes will do.
                if !slides(&old, olds.start, olds.end).any(|at| (at..at + olds.len()).all(covered))
                {
                    for i in olds.filter(|&i| !covered(i)) {
                        problems.push(format!(
                            "(a) {}:{}: `{}` deleted, outside any finding's fix",
                            path.display(),
                            i + 1,
                            short(old[i]),
                        ));
                    }
                }
            }
            DiffOp::Replace { .. } => {
                let became = short(&new[news].concat());
                for i in olds.filter(|&i| !covered(i)) {
                    problems.push(format!(
                        "(a) {}:{}: `{}` changed, outside any finding's fix (the lines there became `{}`)",
                        path.display(),
                        i + 1,
                        short(old[i]),
                        became,
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        // The changes lie inside the fixes' spans, but are not those fixes: report the
        // first line where they differ, so that the difference is not silent.
        let expected = applied(input, edits);
        let (line, want, got) = first_difference(&expected, output);
        let codes: Vec<&str> = edits.iter().map(|(_, c)| *c).collect();
        eprintln!(
            "note: {}:{}: fix output differs from check's safe fixes ({codes:?}) inside their spans: expected `{}`, got `{}`",
            path.display(),
            line + 1,
            short(want),
            short(got)
        );
    }
    problems
}

/// Where a removal of lines `start..end` may equally be placed.
fn slides<'a>(lines: &'a [&str], start: usize, end: usize) -> impl Iterator<Item = usize> + 'a {
    let mut up = start;
    while up > 0 && lines[up - 1] == lines[end - (start - up) - 1] {
        up -= 1;
    }
    let mut down = start;
    while end + (down - start) < lines.len() && lines[down] == lines[end + (down - start)] {
        down += 1;
    }
    up..=down
}

fn relative(dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(dir).unwrap_or(path).to_path_buf()
}

fn line_text(text: &str, line: usize) -> &str {
    text.split('\n').nth(line).unwrap_or("")
}

/// The first line (0-based) where `a` and `b` differ, with its text in each.
fn first_difference<'a>(a: &'a str, b: &'a str) -> (usize, &'a str, &'a str) {
    let mut a_lines = a.split('\n');
    let mut b_lines = b.split('\n');
    let mut n = 0;
    loop {
        match (a_lines.next(), b_lines.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (x, y) => return (n, x.unwrap_or("<end>"), y.unwrap_or("<end>")),
        }
    }
}

/// A line or a run of lines, cut to a readable length, with invisible characters shown.
pub fn short(text: &str) -> String {
    let shown: String = text
        .chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\r' => '␍',
            '\u{a0}' => '⍽',
            '\u{200b}' | '\u{feff}' => '¤',
            c => c,
        })
        .collect();
    if shown.chars().count() > 160 {
        format!("{}…", shown.chars().take(160).collect::<String>())
    } else {
        shown
    }
}
