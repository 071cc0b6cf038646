//! What the four missing-field rules share: where a field was looked for, and what to say.

use crate::diagnostic::{Diagnostic, Severity};
use crate::metadata::FieldName;
use crate::rules::{CorpusContext, Rule};

/// Reports every document that lacks `field`, as a warning when the field is required and
/// as info when it is only recommended; not at all otherwise.
pub fn report_missing(
    ctx: &CorpusContext,
    field: FieldName,
    rule: &'static Rule,
    out: &mut Vec<Diagnostic>,
) {
    let options = &ctx.settings.metadata;
    let severity = if options.required.contains(&field) {
        Severity::Warning
    } else if options.recommended.contains(&field) {
        Severity::Info
    } else {
        return;
    };
    for (id, doc_meta) in ctx.metadata().docs.iter().enumerate() {
        if doc_meta.metadata.get(field).is_some() || !ctx.corpus.get(id).is_text() {
            continue;
        }
        let doc = ctx.corpus.get(id);
        let name = field.as_str();
        let mut help = format!(
            "add `{name}` to front matter at the top of the file, to a sidecar `{}`, or to the entry of the file in `metadata.jsonl`",
            sidecar_name(&doc.path)
        );
        if let Some((_, value)) = doc_meta.suggestions.iter().find(|(f, _)| *f == field) {
            help.push_str(&format!("; the text suggests `{value}`"));
        }
        let looked = if doc_meta.inferred.first_byline.is_some() {
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
