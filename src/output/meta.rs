//! `corpuslint meta`: the resolved provenance of each document, as a table or JSON.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq, Serializer};

use crate::engine::MetaOutcome;
use crate::provenance::infer::Confidence;
use crate::provenance::{FieldName, Value, sha256_hex};
use crate::text::ellipsize;

#[derive(Serialize)]
struct Report<D: Serialize> {
    version: u32,
    documents: D,
}

/// Hands each outcome of a run, in order, to the sink it is given.
pub type Batches<'f> =
    dyn FnMut(&mut dyn FnMut(&MetaOutcome) -> io::Result<()>) -> io::Result<()> + 'f;

/// The documents of every outcome `batches` gives, serialized as they come: one array.
struct Streamed<'b, 'f> {
    batches: RefCell<&'b mut Batches<'f>>,
}

impl Serialize for Streamed<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        let mut batches = self.batches.borrow_mut();
        let given = (*batches)(&mut |outcome| {
            for document in documents(outcome) {
                if let Err(err) = seq.serialize_element(&document) {
                    failed = Some(err);
                    return Err(io::Error::other("the report could not be written"));
                }
            }
            Ok(())
        });
        if let Some(err) = failed {
            return Err(err);
        }
        given.map_err(S::Error::custom)?;
        seq.end()
    }
}

#[derive(Serialize)]
struct Document<'a> {
    path: &'a str,
    title: Option<Field<'a>>,
    author: Option<Field<'a>>,
    date: Option<Field<'a>>,
    source: Option<Field<'a>>,
    sha256: String,
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

pub fn render_json(outcome: &MetaOutcome, out: &mut impl Write) -> io::Result<()> {
    render_json_batches(&mut |sink| sink(outcome), out)
}

/// The JSON report of the outcomes `batches` gives one after the other, written as they
/// come: byte for byte that of one outcome holding them all.
pub fn render_json_batches(batches: &mut Batches, out: &mut impl Write) -> io::Result<()> {
    let report = Report {
        version: 1,
        documents: Streamed {
            batches: RefCell::new(batches),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

fn documents<'a>(outcome: &'a MetaOutcome) -> impl Iterator<Item = Document<'a>> {
    outcome
        .corpus
        .documents
        .iter()
        .enumerate()
        .zip(&outcome.documents)
        .map(move |((id, doc), meta)| {
            let field = |value: Option<&'a Value>| -> Option<Field<'a>> {
                value.map(|v| Field {
                    value: &v.value,
                    origin: v.origin.as_str(),
                    file: (v.doc != id).then(|| outcome.corpus.get(v.doc).display()),
                    line: v.line,
                    confidence: v
                        .evidence
                        .as_ref()
                        .map_or(Confidence::High, |e| e.confidence),
                    evidence: v.evidence.as_ref().map(|e| e.form),
                })
            };
            Document {
                path: doc.display(),
                title: field(meta.get(FieldName::Title)),
                author: field(meta.get(FieldName::Author)),
                date: field(meta.get(FieldName::Date)),
                source: field(meta.get(FieldName::Source)),
                sha256: sha256_hex(doc.raw_bytes()),
            }
        })
}

pub fn render_table(outcome: &MetaOutcome, out: &mut impl Write) -> io::Result<()> {
    for (doc, meta) in outcome.corpus.documents.iter().zip(&outcome.documents) {
        writeln!(out, "{}", doc.display())?;
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
        writeln!(out, "  {:<7} {}", "sha256", sha256_hex(doc.raw_bytes()))?;
    }
    Ok(())
}
