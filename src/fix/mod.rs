//! The fix pipeline: check, keep the fixes at or above the chosen applicability, merge
//! them per document, apply them, and check again until nothing changes. Nothing but the
//! edits of findings touches a document: what `fix` changes, `check` reported, or the
//! check of a later round found once the first fixes were made.

pub mod compressed;
pub mod entry;
mod rounds;
mod settle;
pub mod shards;
pub mod stream;
mod tagged;
pub mod write;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::diagnostic::edit::Applicability;
use crate::diagnostic::{Diagnostic, Family, FixAvailability, Rule};
use crate::discover::plan;
use crate::document::{DocId, Document, TextEncoding};
use crate::engine::{Analysis, Inputs, analyze};
use crate::error::{Error, FileError};
use crate::load::load_planned;
use crate::progress::{Laps, NoProgress, Passes, Progress};
use crate::provenance::Metadata;
use crate::provenance::sources::{self, Sources};
use crate::rules::chrome;
use crate::rules::duplicate::duplicate_document;
use crate::rules::encoding::invalid_utf8;
use crate::settings::Settings;
use crate::settings::resolve::Resolved;
use crate::text::count;

pub use tagged::Finding;
use tagged::{Tagged, apply, edits_per_document};

/// Rounds of check-and-fix before giving up on a document that keeps changing.
const MAX_ROUNDS: usize = 4;
/// The rounds as `--timings` names them.
const ROUNDS: [&str; MAX_ROUNDS] = ["round 1", "round 2", "round 3", "round 4"];

#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

/// Text a fix removed or replaced, and the rule whose fix it was.
#[derive(Debug, Clone)]
pub struct Change {
    pub rule: &'static Rule,
    /// The finding whose fix this change is part of: a fix can make several changes.
    pub finding: Finding,
    /// The text that was there.
    pub before: String,
    pub after: String,
    /// 1-based line of the change in the text the round worked on.
    pub line: usize,
}

/// One document after fixing.
#[derive(Debug, Clone)]
pub struct FixedDocument {
    pub id: DocId,
    /// The cleaned text.
    pub text: String,
    /// Whether the cleaned text differs from the file's bytes.
    pub changed: bool,
    /// Every fix applied, in order.
    pub changes: Vec<Change>,
    /// The document kept changing after the last round.
    pub unstable: bool,
    /// The document is a copy of this one, and the copy goes: `--out` leaves it out,
    /// `--in-place` deletes it. Only under unsafe fixes.
    pub duplicate_of: Option<DocId>,
}

impl FixedDocument {
    /// Changes per family.
    pub fn counts(&self) -> BTreeMap<Family, usize> {
        let mut counts = BTreeMap::new();
        for change in &self.changes {
            *counts.entry(change.rule.family).or_default() += 1;
        }
        counts
    }

    /// `removed 1 repeated block (24 lines), 2 chrome runs (3 lines); fixed 4 unusual-space`
    pub fn summary(&self) -> String {
        let mut removed: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut fixed: BTreeMap<&str, BTreeSet<Finding>> = BTreeMap::new();
        for change in &self.changes {
            let lines = change
                .before
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count();
            match change.rule.family {
                Family::Duplicate if change.after.is_empty() => {
                    let entry = removed.entry("repeated block").or_default();
                    entry.0 += 1;
                    entry.1 += lines;
                }
                Family::Chrome if change.after.is_empty() => {
                    let entry = removed.entry("chrome run").or_default();
                    entry.0 += 1;
                    entry.1 += lines;
                }
                _ => {
                    fixed
                        .entry(change.rule.name)
                        .or_default()
                        .insert(change.finding);
                }
            }
        }
        let mut parts = Vec::new();
        if !removed.is_empty() {
            let items: Vec<String> = removed
                .iter()
                .map(|(what, (n, lines))| {
                    format!("{} ({})", count(*n, what), count(*lines, "line"))
                })
                .collect();
            parts.push(format!("removed {}", items.join(", ")));
        }
        if !fixed.is_empty() {
            let items: Vec<String> = fixed
                .iter()
                .map(|(rule, findings)| format!("{} {rule}", findings.len()))
                .collect();
            parts.push(format!("fixed {}", items.join(", ")));
        }
        if parts.is_empty() {
            parts.push(
                if self.changed {
                    "re-encoded as UTF-8"
                } else {
                    "unchanged"
                }
                .to_string(),
            );
        }
        let mut summary = parts.join("; ");
        if self.unstable {
            summary.push_str(&format!(" (still changing after {MAX_ROUNDS} rounds)"));
        }
        summary
    }
}

/// A document `fix` will not write, and why.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub id: DocId,
    pub reason: String,
}

#[derive(Debug)]
pub struct FixOutcome {
    /// The documents as read.
    pub corpus: Corpus,
    /// Whether each document of `corpus` is fixed; the others are only context for the
    /// corpus-wide rules, and are never written.
    pub checked: Vec<bool>,
    pub sources: Sources,
    /// The cleaned documents that can be written (text documents, not refused).
    pub documents: Vec<FixedDocument>,
    /// The resolved provenance of every document of `corpus`.
    pub metadata: Vec<Metadata>,
    pub refused: Vec<Refusal>,
    pub errors: Vec<FileError>,
    /// The field that holds a record's text, where cleaned shards put it.
    pub text_field: String,
    /// Wall time of each pass, in the order they ran.
    pub timings: Passes,
}

/// Fixes the files named by `settings` in memory; writing is `write`'s business.
pub fn fix(settings: &Settings, options: FixOptions) -> Result<FixOutcome, Error> {
    fix_with_progress(settings, options, &NoProgress)
}

/// [`fix`], telling `progress` how far it has got.
pub fn fix_with_progress(
    settings: &Settings,
    options: FixOptions,
    progress: &dyn Progress,
) -> Result<FixOutcome, Error> {
    fix_resolved(&settings.resolve()?, options, progress)
}

/// [`fix_with_progress`] with settings already resolved.
pub fn fix_resolved(
    settings: &Resolved,
    options: FixOptions,
    progress: &dyn Progress,
) -> Result<FixOutcome, Error> {
    let mut laps = Laps::default();
    progress.stage("finding files", None);
    let (scope, mut errors) = plan(&settings.files)?;
    laps.lap("discover");
    let (corpus, checked, load_errors) = load_planned(&settings.files, scope, progress);
    errors.extend(load_errors);
    Ok(fix_loaded(
        corpus, checked, errors, settings, options, progress, laps,
    ))
}

/// Fixes documents already loaded: those marked in `checked` (the others are context);
/// `errors` are those of loading them, passed through.
pub fn fix_corpus(
    corpus: Corpus,
    checked: Vec<bool>,
    errors: Vec<FileError>,
    settings: &Settings,
    options: FixOptions,
    progress: &dyn Progress,
) -> Result<FixOutcome, Error> {
    Ok(fix_loaded(
        corpus,
        checked,
        errors,
        &settings.resolve()?,
        options,
        progress,
        Laps::default(),
    ))
}

/// [`fix_corpus`] with settings already resolved.
fn fix_loaded(
    mut corpus: Corpus,
    checked: Vec<bool>,
    mut errors: Vec<FileError>,
    settings: &Resolved,
    options: FixOptions,
    progress: &dyn Progress,
    mut laps: Laps,
) -> FixOutcome {
    let rules = &settings.rules;
    let (sources, source_errors) = sources::load(&mut corpus);
    errors.extend(source_errors);
    laps.lap("read + decode + segment");
    let threshold = if options.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };

    let fixable = fixable_rules(rules, options);
    let settler = settle::Settler::new(&fixable, settings, threshold);
    // The rounds check the documents being fixed, the others left out (context, refused,
    // dropped as copies). Only when that is every document is the chrome of the documents
    // as read, counted over all of them, what the first round can start from (it is kept
    // only if no document is known to be left out), and is the first round's analysis
    // that of the documents as read.
    let may_take_chrome = checked.iter().all(|&c| c)
        && corpus
            .documents
            .iter()
            .all(|d| d.is_text() && d.invalid_sequences().is_empty());
    let inputs = Inputs {
        rules: &fixable,
        keep_chrome: may_take_chrome,
        ..Inputs::new(&corpus, &checked, &sources, settings)
    };
    let Analysis {
        diagnostics: first,
        metadata,
        chrome: first_chrome,
    } = analyze(&inputs, true, &mut |_| {}, progress);
    laps.lap("analysis + provenance");
    let metadata = metadata.unwrap_or_default();
    let mut refused = Vec::new();
    let mut fixing: Vec<(DocId, Tagged)> = Vec::new();
    let mut edits = edits_per_document(&first, corpus.documents.len(), threshold, 0);
    let copies = copies_to_drop(&first, threshold);
    let mut dropped = Vec::new();
    for (id, doc) in corpus.documents.iter().enumerate() {
        if !checked[id] {
            continue;
        }
        if let Some(reason) = refusal(doc, &first, id, threshold) {
            refused.push(Refusal { id, reason });
            continue;
        }
        if let Some(&(of, finding)) = copies.get(&id) {
            dropped.push(FixedDocument {
                id,
                text: String::new(),
                changed: true,
                changes: vec![Change {
                    rule: &duplicate_document::RULE,
                    finding: (0, finding),
                    before: doc.text.clone(),
                    after: String::new(),
                    line: 1,
                }],
                unstable: false,
                duplicate_of: Some(of),
            });
            continue;
        }
        if doc.is_text() {
            fixing.push((id, std::mem::take(&mut edits[id])));
        }
    }
    // The findings are in the edits now; the rounds need the memory.
    drop(first);
    drop(edits);
    let every_document = fixing.len() == corpus.documents.len();
    let first_chrome = first_chrome.filter(|_| every_document);
    // Then, with no edit to make, the rounds would find what was found and make no edit
    // either: none is run.
    let rounds_to_run = if every_document && fixing.iter().all(|(_, edits)| edits.is_empty()) {
        0
    } else {
        MAX_ROUNDS
    };
    let mut documents: Vec<FixedDocument> = fixing
        .into_par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .map(|(id, edits)| {
            let (text, changes) = apply(&corpus.documents[id], edits);
            FixedDocument {
                id,
                changed: false,
                text,
                changes,
                unstable: false,
                duplicate_of: None,
            }
        })
        .collect();

    // Fix again until nothing changes: a removal can leave two blank lines or make a
    // neighbour chrome, a repair can make two paragraphs equal. Each round analyses the
    // documents as the last one left them; the per-document rules see only those it
    // changed, as the others gave them nothing to fix last time. Fixing its own output
    // then changes nothing.
    let mut changed: Vec<bool> = documents
        .par_iter()
        .map(|d| d.text != corpus.documents[d.id].text)
        .collect();
    // A document the first fixes left as it was is taken as read, not segmented again.
    // Without rounds, none is built again: the documents keep their texts.
    let take_chrome = first_chrome.is_some();
    let to_build = if rounds_to_run == 0 {
        0
    } else {
        documents.len()
    };
    // A changed document is settled: the per-document rules fix what the first fixes left.
    let rebuilt: Vec<(Document, Vec<u128>, bool)> = documents[..to_build]
        .par_iter_mut()
        .with_max_len(DOCUMENTS_PER_TASK)
        .zip(&changed)
        .enumerate()
        .map(|(at, (d, &changed))| {
            let read = &corpus.documents[d.id];
            let text = std::mem::take(&mut d.text);
            if !changed {
                let same = read
                    .copy_as_rebuilt()
                    .unwrap_or_else(|| Document::from_bytes(read.path.clone(), text.into_bytes()));
                return (same, Vec::new(), true);
            }
            let (now, settled) = settler.settle(at, read.path.clone(), text, 0, &mut d.changes);
            // Only a changed document can change the counts the chrome taken over rests on.
            let touched = if take_chrome {
                rounds::touched(read, &now)
            } else {
                Vec::new()
            };
            (now, touched, settled)
        })
        .collect();
    // The documents the per-document rules may still find something to fix in.
    let mut unsettled: Vec<bool> = rebuilt.iter().map(|r| !r.2).collect();
    let (documents_now, touched_by): (Vec<Document>, Vec<Vec<u128>>) = rebuilt
        .into_iter()
        .map(|(doc, touched, _)| (doc, touched))
        .unzip();
    let mut current = Corpus {
        documents: documents_now,
        auxiliary: Vec::new(),
        whole: corpus.whole.clone(),
    };
    laps.lap("first fixes");
    let none = Sources::default();
    let all = vec![true; current.len()];
    // The chrome of the last round (or of the documents as read), and the documents whose
    // chrome it still is.
    let mut chrome_kept: Vec<bool> = match &first_chrome {
        Some(_) => rounds::chrome_still_found(&current.documents, &changed, touched_by),
        None => Vec::new(),
    };
    let mut chrome: Option<chrome::runs::Analysis> = first_chrome;
    for round in 1..=rounds_to_run {
        progress.stage("fixing", None);
        let inputs = Inputs {
            rules: &fixable,
            document_rules: Some(&unsettled),
            chrome_earlier: chrome.as_ref().map(|analysis| chrome::analysis::Earlier {
                analysis,
                enabled: chrome::analysis::Enabled::of(&fixable),
                keep: &chrome_kept,
            }),
            keep_chrome: true,
            ..Inputs::new(&current, &all, &none, settings)
        };
        let Analysis {
            diagnostics,
            chrome: found,
            ..
        } = analyze(&inputs, false, &mut |_| {}, &NoProgress);
        let edits = edits_per_document(&diagnostics, current.len(), threshold, round);
        // The findings are in the edits now.
        drop(diagnostics);
        let last = round == MAX_ROUNDS;
        // Each document changed is replaced where it stands, the one-line keys that only one
        // of its texts holds kept (the chrome of documents sharing them may change): the
        // corpus is never held twice, as the round before and as this one. The last round
        // only tells which documents would still change, and leaves them as the round
        // before left them.
        let touched_by: Vec<Option<(Vec<u128>, bool)>> = current
            .documents
            .par_iter_mut()
            .with_max_len(DOCUMENTS_PER_TASK)
            .zip(&mut documents)
            .zip(edits)
            .enumerate()
            .map(|(at, ((doc, fixed), pending))| {
                if pending.is_empty() {
                    return None;
                }
                let (text, changes) = apply(doc, pending);
                if text == doc.text {
                    return None;
                }
                if last {
                    return Some((Vec::new(), true));
                }
                fixed.changes.extend(changes);
                let (now, settled) =
                    settler.settle(at, doc.path.clone(), text, round, &mut fixed.changes);
                let touched = rounds::touched(doc, &now);
                *doc = now;
                Some((touched, settled))
            })
            .collect();
        changed = touched_by.iter().map(Option::is_some).collect();
        unsettled = touched_by
            .iter()
            .map(|t| t.as_ref().is_some_and(|(_, settled)| !settled))
            .collect();
        if !changed.contains(&true) || last {
            // Those the last round still changed keep changing (none, when all are stable).
            for (fixed, still) in documents.iter_mut().zip(&changed) {
                fixed.unstable = *still;
            }
            laps.lap(ROUNDS[round - 1]);
            break;
        }
        chrome = found;
        chrome_kept = rounds::chrome_still_found(
            &current.documents,
            &changed,
            touched_by.into_iter().flatten().map(|(touched, _)| touched),
        );
        laps.lap(ROUNDS[round - 1]);
    }
    for (fixed, doc) in documents.iter_mut().zip(current.documents) {
        fixed.text = doc.text;
    }
    for fixed in &mut documents {
        fixed.changed = fixed.text.as_bytes() != corpus.documents[fixed.id].raw_bytes();
    }
    documents.extend(dropped);
    documents.sort_by_key(|fixed| fixed.id);
    FixOutcome {
        corpus,
        checked,
        sources,
        documents,
        metadata,
        refused,
        errors,
        text_field: settings.files.jsonl.text_field.clone(),
        timings: laps.into_passes(),
    }
}

/// The rules among `rules` whose fixes can apply: the findings of the others change
/// nothing.
pub fn fixable_rules(rules: &[&'static Rule], options: FixOptions) -> Vec<&'static Rule> {
    rules
        .iter()
        .copied()
        .filter(|r| match r.fix {
            FixAvailability::None => false,
            // Their fixes are all unsafe: nothing of theirs applies without unsafe fixes.
            FixAvailability::Unsafe => options.unsafe_fixes,
            FixAvailability::Safe | FixAvailability::Sometimes => true,
        })
        .collect()
}

/// The documents that are copies of another and go as a whole, with the document each
/// copies and the index of the finding: a whole-document duplicate whose fix applies.
fn copies_to_drop(
    diagnostics: &[Diagnostic],
    threshold: Applicability,
) -> HashMap<DocId, (DocId, usize)> {
    diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            d.rule.code == duplicate_document::RULE.code
                && d.fix.as_ref().is_some_and(|f| f.applicability >= threshold)
        })
        .filter_map(|(i, d)| Some((d.doc, (d.related.first()?.doc, i))))
        .collect()
}

/// Why a document cannot be written safely: bytes that are not UTF-8 and that no fix
/// at the chosen applicability re-decodes.
fn refusal(
    doc: &Document,
    diagnostics: &[Diagnostic],
    id: DocId,
    threshold: Applicability,
) -> Option<String> {
    let TextEncoding::Utf8Lossy { invalid, guess } = &doc.encoding else {
        return None;
    };
    let redecoded = diagnostics.iter().any(|d| {
        d.doc == id
            && d.rule.code == invalid_utf8::RULE.code
            && d.fix.as_ref().is_some_and(|f| f.applicability >= threshold)
    });
    (!redecoded).then(|| {
        let hint = if threshold == Applicability::Safe {
            format!("; `--unsafe-fixes` re-decodes them as {}", guess.name())
        } else {
            String::new()
        };
        format!(
            "{} bytes are not valid UTF-8 and cannot be decoded with confidence{hint}",
            invalid.len()
        )
    })
}
