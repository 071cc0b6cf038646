//! How a chrome run becomes a diagnostic: the same for every rule of the family.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use super::runs::{Analysis, Run};
use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Diagnostic, Rule};
use crate::rules::check::Reporter;
use crate::rules::context::CorpusContext;
use crate::text::ellipsize;

/// Lines of evidence listed in the help before the rest is summarised.
const MAX_EVIDENCE_LINES: usize = 8;

/// Reports the runs whose strongest evidence was found by the detector of `rule`.
pub fn report_runs(ctx: &CorpusContext, rule: &'static Rule, out: &mut Reporter) {
    let Some(analysis) = ctx.analysis::<Analysis>() else {
        return;
    };
    // A slice of runs at a time, in parallel (a site template is a run on nearly every
    // page). The pages of a site share their chrome, and so the evidence its help lists:
    // one copy of each help serves them all, whichever slice they are in.
    let helps = Mutex::new(HashSet::new());
    let found: Vec<Vec<Diagnostic>> = analysis
        .runs
        .par_chunks(RUNS_PER_TASK)
        .map(|runs| {
            runs.iter()
                .filter(|r| r.detector().rule.code == rule.code)
                .map(|run| diagnostic(ctx, rule, run, &helps))
                .collect()
        })
        .collect();
    for diagnostic in found.into_iter().flatten() {
        out.push(diagnostic);
    }
}

/// Runs reported by one task.
const RUNS_PER_TASK: usize = 4096;

fn diagnostic(
    ctx: &CorpusContext,
    rule: &'static Rule,
    run: &Run,
    helps: &Mutex<HashSet<Arc<str>>>,
) -> Diagnostic {
    let doc = ctx.corpus.get(run.doc);
    let kind = run.kind(doc, &ctx.data.phrases);
    let span = doc.lines_span(run.first_line(), run.last_line());
    let evidence = run.evidence(&ctx.data.phrases, MAX_EVIDENCE_LINES);
    let message = if run.lines.len() == 1 {
        let text = run.lines[0].text(doc).trim();
        format!(
            "{kind}: `{}` ({})",
            ellipsize(text, 60),
            evidence_summary(&evidence[0])
        )
    } else {
        format!("{kind} ({})", run.summary(doc))
    };
    let mut help = String::from("site chrome, not part of the article; remove it");
    if run.lines.len() > 1 {
        help.push_str(". Evidence:");
        for line in &evidence {
            help.push_str("\n  ");
            help.push_str(line);
        }
        if run.lines.len() > MAX_EVIDENCE_LINES {
            help.push_str(&format!(
                "\n  and {} more",
                run.lines.len() - MAX_EVIDENCE_LINES
            ));
        }
    }
    // A poisoned lock only means another slice panicked; the set is still whole.
    let mut helps = helps.lock().unwrap_or_else(PoisonError::into_inner);
    let help = match helps.get(help.as_str()) {
        Some(shared) => Arc::clone(shared),
        None => {
            let shared: Arc<str> = help.into();
            helps.insert(Arc::clone(&shared));
            shared
        }
    };
    drop(helps);
    let edits = vec![Edit::delete(
        doc.removal_span(run.first_line(), run.last_line()),
    )];
    let fix = if run.is_safe() {
        Fix::safe(edits)
    } else {
        Fix::unsafe_(edits)
    };
    let mut diagnostic = Diagnostic::new(rule, run.doc, span, message);
    diagnostic.with_label(kind).with_help(help).with_fix(fix);
    diagnostic
}

/// `line 8: matched chrome.share-buttons` → `matched chrome.share-buttons`.
fn evidence_summary(line: &str) -> &str {
    line.split_once(": ").map_or(line, |(_, rest)| rest)
}

/// The registry entry of a chrome rule: it reports the runs of lines its detector marks.
macro_rules! runs_lint {
    ($rule:path) => {
        $crate::rules::check::Lint {
            rule: &$rule,
            check: $crate::rules::check::Check::Corpus(|ctx, out| {
                $crate::rules::chrome::report::report_runs(ctx, &$rule, out)
            }),
        }
    };
}
pub(crate) use runs_lint;

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::diagnostic::{Family, Words};
    use crate::document::Document;
    use crate::settings::Settings;

    #[test]
    fn pages_with_the_same_chrome_share_one_help() {
        // Six pages of one site, each with its own story and the same menu at the end;
        // the last two also end with a footer of their own.
        let documents = (0..6)
            .map(|n| {
                let footer = if n >= 4 {
                    format!("\nPage {n} of 6\n")
                } else {
                    String::new()
                };
                let text = format!(
                    "Story {n}: the council voted on Tuesday to extend the opening hours of the library.\n\nHome\nNews\nSport\nWeather\nContact us\n{footer}"
                );
                Document::from_bytes(format!("site/{n}.txt").into(), text.into_bytes())
            })
            .collect();
        let corpus = Corpus {
            documents,
            ..Corpus::default()
        };
        let outcome = crate::check_corpus(corpus, &Settings::default()).expect("checked");
        let helps: Vec<(usize, Words)> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.rule.family == Family::Chrome)
            .filter_map(|d| Some((d.doc, d.help.clone()?)))
            .collect();
        let docs: std::collections::HashSet<usize> = helps.iter().map(|(doc, _)| *doc).collect();
        assert_eq!(docs.len(), 6, "every page has chrome: {helps:?}");
        for (i, (_, a)) in helps.iter().enumerate() {
            for (_, b) in &helps[i + 1..] {
                assert_eq!(
                    a.is_same_copy(b),
                    a == b,
                    "equal helps are one, different ones apart: {a:?} / {b:?}"
                );
            }
        }
        assert!(
            helps
                .iter()
                .any(|(_, a)| helps.iter().any(|(_, b)| !a.is_same_copy(b))),
            "the pages' chrome differs somewhere: {helps:?}"
        );
    }
}
