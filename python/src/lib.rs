//! `corpuslint._native`: the Rust side of the Python package. The Python functions in
//! `corpuslint/__init__.py` check their arguments' shapes and call these; the GIL is
//! released while Rust works.

mod convert;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use corpuslint::api;
use corpuslint::corpus::Corpus as Documents;
use corpuslint::diagnostic::Severity;
use corpuslint::fix::FixOptions;
use corpuslint::settings::Settings;
use corpuslint::settings::resolve::Resolved;

use crate::convert::{columns, findings, fixed};

// The command line, compiled into this module so the wheel's `corpuslint` command needs
// no second binary: `main.rs` and, through it, `cli/`.
#[allow(dead_code)]
#[path = "../../src/main.rs"]
mod command;
use command::cli;

pyo3::create_exception!(
    _native,
    CorpuslintError,
    pyo3::exceptions::PyValueError,
    "A configuration, selector or rule data error: what `corpuslint` reports with exit status 2."
);

fn error(err: corpuslint::error::Error) -> PyErr {
    CorpuslintError::new_err(err.to_string())
}

/// Settings resolved once, shared by the calls made with them.
#[pyclass(frozen, module = "corpuslint._native")]
struct Linter {
    settings: Settings,
    resolved: Resolved,
}

impl Linter {
    fn fail_on(&self) -> Option<Severity> {
        self.settings.fail_on
    }
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (select=None, ignore=None, config=None))]
    fn new(
        py: Python<'_>,
        select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
        config: Option<PathBuf>,
    ) -> PyResult<Self> {
        py.detach(|| {
            let settings = api::settings(config.as_deref(), select, ignore)?;
            let resolved = settings.resolve()?;
            Ok(Self { settings, resolved })
        })
        .map_err(error)
    }

    /// Checks the texts as one corpus; findings as dicts.
    #[pyo3(signature = (texts, ids=None))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = convert::texts(texts, ids, 0)?;
        let outcome = py.detach(|| api::check_texts(texts, &self.resolved));
        findings(py, &outcome)
    }

    /// Checks each text on its own; columns per text, and the findings.
    #[pyo3(signature = (texts, ids=None, prefix="corpuslint_"))]
    fn check_each<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        prefix: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let texts = convert::texts(texts, ids, 0)?;
        let fail_on = self.fail_on();
        let summaries = py.detach(|| {
            api::check_each(texts, &self.resolved)
                .iter()
                .map(|outcome| api::summarize(outcome, fail_on))
                .collect::<Vec<_>>()
        });
        columns(py, summaries.iter(), prefix)
    }

    /// Fixes the texts as one corpus.
    #[pyo3(signature = (texts, ids=None, unsafe_fixes=false))]
    fn fix<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        unsafe_fixes: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = convert::texts(texts, ids, 0)?;
        let outcome = py
            .detach(|| api::fix_texts(texts, &self.settings, FixOptions { unsafe_fixes }))
            .map_err(error)?;
        fixed(py, &outcome)
    }
}

/// Texts gathered over several calls, checked together by the corpus-wide rules.
#[pyclass(frozen, module = "corpuslint._native")]
struct Corpus {
    linter: Py<Linter>,
    /// `None` only while a call holds the documents.
    documents: Mutex<Option<Documents>>,
    /// How many texts were added: known while a check holds the documents.
    len: AtomicUsize,
}

impl Corpus {
    fn take(&self) -> PyResult<Documents> {
        self.documents
            .lock()
            .ok()
            .and_then(|mut documents| documents.take())
            .ok_or_else(|| PyRuntimeError::new_err("the corpus is being checked by another call"))
    }

    fn put_back(&self, documents: Documents) {
        if let Ok(mut slot) = self.documents.lock() {
            *slot = Some(documents);
        }
    }
}

#[pymethods]
impl Corpus {
    #[new]
    fn new(linter: Py<Linter>) -> Self {
        Self {
            linter,
            documents: Mutex::new(Some(Documents::default())),
            len: AtomicUsize::new(0),
        }
    }

    /// Adds texts; they are decoded and segmented at once, with the GIL released.
    #[pyo3(signature = (texts, ids=None))]
    fn add(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        ids: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut documents = self.take()?;
        let converted = convert::texts(texts, ids, documents.len());
        let result = converted.map(|texts| {
            let first = documents.len();
            let added = py.detach(|| api::documents(texts, first));
            documents.documents.extend(added);
            self.len.store(documents.len(), Ordering::Relaxed);
        });
        self.put_back(documents);
        result
    }

    fn __len__(&self) -> usize {
        self.len.load(Ordering::Relaxed)
    }

    /// Checks every text added so far, the corpus-wide rules over all of them.
    fn check<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let linter = self.linter.get();
        let documents = self.take()?;
        let outcome = py.detach(|| api::check_loaded(documents, &linter.resolved));
        let result = findings(py, &outcome);
        self.put_back(outcome.corpus);
        result
    }

    /// Columns per text added so far, the corpus-wide rules over all of them.
    #[pyo3(signature = (prefix="corpuslint_"))]
    fn columns<'py>(&self, py: Python<'py>, prefix: &str) -> PyResult<Bound<'py, PyDict>> {
        let linter = self.linter.get();
        let documents = self.take()?;
        let (outcome, summary) = py.detach(|| {
            let outcome = api::check_loaded(documents, &linter.resolved);
            let summary = api::summarize(&outcome, linter.fail_on());
            (outcome, summary)
        });
        self.put_back(outcome.corpus);
        columns(py, std::iter::once(&summary), prefix)
    }
}

/// Runs the command line `args` (the program's name first); returns its exit status.
#[pyfunction]
fn run(py: Python<'_>, args: Vec<std::ffi::OsString>) -> u8 {
    let code = py.detach(|| command::main_with(args));
    // `ExitCode` keeps its number to itself; the command's statuses are 0 to 2.
    (0..=u8::MAX)
        .find(|&n| std::process::ExitCode::from(n) == code)
        .unwrap_or(cli::exit::EXIT_ERROR)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CorpuslintError", m.py().get_type::<CorpuslintError>())?;
    m.add("FAMILIES", convert::families())?;
    m.add_class::<Linter>()?;
    m.add_class::<Corpus>()?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    Ok(())
}
