//! What the four missing-field rules share: their documentation, where a field was looked
//! for, and what to say.

/// The documentation of a missing-field rule: `$field` is the field's name, `$why` why it
/// matters, `$code` the rule's code.
macro_rules! missing_field_docs {
    ($field:literal, $code:literal, $why:literal) => {
        concat!(
            "## What it does\n",
            "Reports a document whose ", $field, " is given nowhere: not in front matter, not in a sidecar\n",
            "`NAME.meta.toml` / `NAME.meta.json`, not in its entry of `metadata.jsonl`, and not in\n",
            "its text (a byline such as `By Lang Ping | China Daily | Updated: 2019-04-22`, or, for the\n",
            "title, a first content line that reads as a headline). Lines of site chrome do not count:\n",
            "the date in `CONTACT US Wed Nov. 13, 2013` is the day the page was crawled.\n\n",
            "The finding points where the field was looked for (the first byline, else the title,\n",
            "else the first line); its help says where to add it and, when the text suggests a value\n",
            "(an outlet in a copyright line, a name in a closing author note), which one.\n\n",
            "## Why it matters\n",
            $why, "\n\n",
            "## Example\n",
            "An article whose only byline is `Published: Dec 15, 2021 10:27 PM`: it has a date but no\n",
            "author and no source.\n\n",
            "## Configuration\n",
            "`required` (default: author, date, source; a missing field is a warning) and\n",
            "`recommended` (default: title; reported as info) in the metadata options. A field in\n",
            "neither list is not reported. Bylines and dates in forms of your own: `data_files` in the\n",
            "metadata options names TOML files of byline labels (`[labels]`, `name_labels`, as in\n",
            "`rules/metadata.toml`) and month names (`[[language]]`, as in `rules/dates.toml`), read\n",
            "beside the built-in ones. Silence with `--ignore ", $code, "`.\n"
        )
    };
}
pub(crate) use missing_field_docs;

use crate::diagnostic::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::provenance::FieldName;
use crate::provenance::resolve;
use crate::rules::check::Reporter;
use crate::rules::context::CorpusContext;

/// Reports every document that lacks `field`, as a warning when the field is required and
/// as info when it is only recommended; not at all otherwise.
pub fn report_missing(
    ctx: &CorpusContext,
    field: FieldName,
    rule: &'static Rule,
    out: &mut Reporter,
) {
    let options = &ctx.options.metadata;
    let severity = if options.required.contains(&field) {
        Severity::Warning
    } else if options.recommended.contains(&field) {
        Severity::Info
    } else {
        return;
    };
    let Some(analysis) = ctx.analysis::<resolve::Analysis>() else {
        return;
    };
    for (id, doc_meta) in analysis.docs.iter().enumerate() {
        if doc_meta.metadata.get(field).is_some() || !ctx.corpus.get(id).is_text() {
            continue;
        }
        let doc = ctx.corpus.get(id);
        let name = field.as_str();
        // A record's other fields are not read as its provenance (yet), and it has no
        // sidecar or manifest entry: front matter in its text is what counts.
        let mut help = match &doc.record {
            Some(_) => format!("add `{name}` to front matter at the top of the record's text"),
            None => format!(
                "add `{name}` to front matter at the top of the file, to a sidecar `{}`, or to the entry of the file in `metadata.jsonl`",
                sidecar_name(&doc.path)
            ),
        };
        if let Some((_, value)) = doc_meta.suggestions.iter().find(|(f, _)| *f == field) {
            help.push_str(&format!("; the text suggests {value}"));
        }
        let looked = if doc_meta.has_byline {
            format!("no {name} in this byline")
        } else {
            "looked for a byline here".to_string()
        };
        let mut diagnostic =
            Diagnostic::new(rule, id, doc_meta.anchor, format!("document has no {name}"));
        diagnostic.severity = severity;
        diagnostic.with_label(looked).with_help(help);
        out.push(diagnostic);
    }
}

fn sidecar_name(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    format!("{stem}.meta.toml")
}
