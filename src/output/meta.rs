//! `corpuslint meta`: the resolved provenance of each document, as a table or JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::MetaOutcome;
use crate::provenance::infer::Confidence;
use crate::provenance::{FieldName, Value};
use crate::text::ellipsize;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    documents: Vec<Document<'a>>,
}

#[derive(Serialize)]
struct Document<'a> {
    path: &'a str,
    title: Option<Field<'a>>,
    author: Option<Field<'a>>,
    date: Option<Field<'a>>,
    source: Option<Field<'a>>,
    sha256: &'a str,
}

#[derive(Serialize)]
struct Field<'a> {
    value: &'a str,
    origin: &'static str,
    /// The file the value is written in, when it is not the document itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    line: usize,
    /// How sure corpuslint is of a value read from the text (`high`, `medium`, `low`);
    /// explicit values are `high`.
    confidence: Confidence,
    /// What a value read from the text was read from: `byline label`, `name beside a date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'static str>,
}

pub fn render_json<'a>(outcome: &'a MetaOutcome, out: &mut impl Write) -> io::Result<()> {
    let documents = outcome
        .corpus
        .documents
        .iter()
        .enumerate()
        .zip(&outcome.documents)
        .map(|((id, doc), meta)| {
            let field = |value: Option<&'a Value>| -> Option<Field<'a>> {
                value.map(|v| Field {
                    value: &v.value,
                    origin: v.origin.as_str(),
                    file: (v.doc != id).then(|| outcome.corpus.get(v.doc).display.as_str()),
                    line: v.line,
                    confidence: v
                        .evidence
                        .as_ref()
                        .map_or(Confidence::High, |e| e.confidence),
                    evidence: v.evidence.as_ref().map(|e| e.form),
                })
            };
            Document {
                path: &doc.display,
                title: field(meta.get(FieldName::Title)),
                author: field(meta.get(FieldName::Author)),
                date: field(meta.get(FieldName::Date)),
                source: field(meta.get(FieldName::Source)),
                sha256: &meta.sha256,
            }
        })
        .collect();
    let report = Report {
        version: 1,
        documents,
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

pub fn render_table(outcome: &MetaOutcome, out: &mut impl Write) -> io::Result<()> {
    for (doc, meta) in outcome.corpus.documents.iter().zip(&outcome.documents) {
        writeln!(out, "{}", doc.display)?;
        for field in FieldName::ALL {
            match meta.get(field) {
                Some(v) => writeln!(
                    out,
                    "  {:<7} {}  ({}, line {})",
                    field.as_str(),
                    ellipsize(&v.value, 70),
                    v.origin.as_str(),
                    v.line
                )?,
                None => writeln!(out, "  {:<7} -", field.as_str())?,
            }
        }
        writeln!(out, "  {:<7} {}", "sha256", meta.sha256)?;
    }
    Ok(())
}
