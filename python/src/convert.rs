//! Python objects in, Python objects out: texts and ids from any iterable, and
//! findings, columns and fixed texts as plain lists and dicts.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};

use corpuslint::api::{Summary, Text};
use corpuslint::diagnostic::Family;
use corpuslint::engine::Outcome;
use corpuslint::fix::FixOutcome;

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// A list of the items of `values`, refusing a lone `str` (an iterable of characters).
fn items<'py>(values: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a str"
        )));
    }
    let iter = values.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be an iterable, not {}",
            type_name(values)
        ))
    })?;
    iter.collect()
}

fn text(value: &Bound<'_, PyAny>, index: usize) -> PyResult<String> {
    if !value.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "texts[{index}]: expected str, got {}",
            type_name(value)
        )));
    }
    value.extract()
}

fn id(value: &Bound<'_, PyAny>, index: usize) -> PyResult<String> {
    if value.is_instance_of::<PyString>() {
        value.extract()
    } else if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        Ok(value.str()?.to_string())
    } else {
        Err(PyTypeError::new_err(format!(
            "ids[{index}]: expected str or int, got {}",
            type_name(value)
        )))
    }
}

/// The texts, with their ids (by default their index, counted from `first`).
pub fn texts(
    texts: &Bound<'_, PyAny>,
    ids: Option<&Bound<'_, PyAny>>,
    first: usize,
) -> PyResult<Vec<Text>> {
    let texts = items(texts, "texts")?;
    let ids = ids
        .filter(|ids| !ids.is_none())
        .map(|ids| items(ids, "ids"))
        .transpose()?;
    if let Some(ids) = &ids
        && ids.len() != texts.len()
    {
        return Err(PyValueError::new_err(format!(
            "ids has {} items and texts {}: one for each text",
            ids.len(),
            texts.len()
        )));
    }
    texts
        .iter()
        .enumerate()
        .map(|(index, value)| {
            Ok(Text {
                id: match &ids {
                    Some(ids) => id(&ids[index], index)?,
                    None => (first + index).to_string(),
                },
                text: text(value, index)?,
            })
        })
        .collect()
}

fn json<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (_, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, json(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// The findings as dicts, the fields of `check --format json`'s.
pub fn findings<'py>(py: Python<'py>, outcome: &Outcome) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for value in corpuslint::output::json::values(outcome) {
        list.append(json(py, &value)?)?;
    }
    Ok(list)
}

/// The family names, in the order of the count columns.
pub fn families() -> Vec<&'static str> {
    Family::ALL.iter().map(|f| f.as_str()).collect()
}

/// Columns over the documents of `summaries`, one after the other: `clean`, `codes` and
/// a count per family, each name after `prefix`.
pub fn columns<'a, 'py>(
    py: Python<'py>,
    summaries: impl Iterator<Item = &'a Summary> + Clone,
    prefix: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let clean: Vec<bool> = summaries
        .clone()
        .flat_map(|s| s.clean.iter().copied())
        .collect();
    dict.set_item(format!("{prefix}clean"), clean)?;
    let codes: Vec<Vec<&str>> = summaries
        .clone()
        .flat_map(|s| s.codes.iter().cloned())
        .collect();
    dict.set_item(format!("{prefix}codes"), codes)?;
    for (at, family) in Family::ALL.iter().enumerate() {
        let counts: Vec<usize> = summaries
            .clone()
            .flat_map(|s| s.counts.iter().map(move |c| c[at]))
            .collect();
        dict.set_item(format!("{prefix}{}", family.as_str()), counts)?;
    }
    Ok(dict)
}

/// One dict per text: the cleaned text and what was removed or replaced.
pub fn fixed<'py>(py: Python<'py>, outcome: &FixOutcome) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    let corpus = &outcome.corpus;
    for (id, doc) in corpus.documents.iter().enumerate() {
        let item = PyDict::new(py);
        let name = |id: usize| corpus.get(id).display().to_owned();
        item.set_item("id", name(id))?;
        let done = outcome.documents.iter().find(|d| d.id == id);
        let refused = outcome.refused.iter().find(|r| r.id == id);
        let removed = PyList::empty(py);
        match done {
            Some(done) => {
                item.set_item("text", &done.text)?;
                item.set_item("changed", done.changed)?;
                for change in &done.changes {
                    let entry = PyDict::new(py);
                    entry.set_item("code", change.rule.code)?;
                    entry.set_item("rule", change.rule.name)?;
                    entry.set_item("family", change.rule.family.as_str())?;
                    entry.set_item("line", change.line)?;
                    entry.set_item("before", &change.before)?;
                    entry.set_item("after", &change.after)?;
                    removed.append(entry)?;
                }
                item.set_item("summary", done.summary())?;
                item.set_item("duplicate_of", done.duplicate_of.map(name))?;
                item.set_item("unstable", done.unstable)?;
            }
            None => {
                item.set_item("text", &doc.text)?;
                item.set_item("changed", false)?;
                item.set_item("summary", "unchanged")?;
                item.set_item("duplicate_of", py.None())?;
                item.set_item("unstable", false)?;
            }
        }
        item.set_item("changes", removed)?;
        item.set_item("refused", refused.map(|r| r.reason.clone()))?;
        list.append(item)?;
    }
    Ok(list)
}
