//! How a chrome run becomes a diagnostic: the same for every rule of the family.

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
    for run in analysis
        .runs
        .iter()
        .filter(|r| r.detector().rule.code == rule.code)
    {
        out.push(diagnostic(ctx, rule, run));
    }
}

fn diagnostic(ctx: &CorpusContext, rule: &'static Rule, run: &Run) -> Diagnostic {
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
