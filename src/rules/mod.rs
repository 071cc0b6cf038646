//! Rules: each lives in its own file, holding its documentation, its check and its fix,
//! and is registered with one line in `registry`.

pub mod check;
pub mod chrome;
pub mod context;
pub mod document_context;
pub mod duplicate;
pub mod encoding;
pub mod layout;
pub mod metadata;
pub mod options;
pub mod prepare;
pub mod registry;

#[cfg(test)]
pub(crate) mod test_support {
    use crate::data::RuleData;
    use crate::diagnostic::edit::apply_edits;
    use crate::diagnostic::{Diagnostic, Rule};
    use crate::document::Document;
    use crate::rules::check::{Check, Reporter};
    use crate::rules::document_context::DocumentContext;
    use crate::rules::options::RuleOptions;
    use crate::rules::registry;

    /// Runs one rule on `bytes` loaded as a document named `test.txt`, with the built-in
    /// rule data and the default options.
    pub fn run(rule: &'static Rule, bytes: &[u8]) -> (Document, Vec<Diagnostic>) {
        run_named(rule, "test.txt", bytes)
    }

    /// Runs one rule on `bytes` loaded as a document named `name`.
    pub fn run_named(
        rule: &'static Rule,
        name: &str,
        bytes: impl AsRef<[u8]>,
    ) -> (Document, Vec<Diagnostic>) {
        let doc = Document::from_bytes(name.into(), bytes.as_ref().to_vec());
        let mut reporter = Reporter::new(0);
        let lint = registry::lint(rule).expect("a registered rule");
        let options = RuleOptions::default();
        match lint.check {
            Check::Document(check) => check(
                &DocumentContext::new(&doc, RuleData::for_tests(), &options),
                &mut reporter,
            ),
            Check::Corpus(_) => panic!("{} is a corpus rule", rule.code),
        }
        (doc, reporter.into_diagnostics())
    }

    /// The text under each finding's span.
    pub fn flagged(rule: &'static Rule, text: &str) -> Vec<String> {
        flagged_named(rule, "test.txt", text)
    }

    /// [`flagged`] in a document named `name`.
    pub fn flagged_named(rule: &'static Rule, name: &str, text: &str) -> Vec<String> {
        let (doc, diagnostics) = run_named(rule, name, text);
        diagnostics
            .iter()
            .map(|d| doc.text[d.span.start..d.span.end].to_string())
            .collect()
    }

    /// How safe the fix of each finding is, for the findings with one.
    pub fn applicability(
        rule: &'static Rule,
        text: &str,
    ) -> Vec<crate::diagnostic::edit::Applicability> {
        applicability_named(rule, "test.txt", text)
    }

    /// [`applicability`] in a document named `name`.
    pub fn applicability_named(
        rule: &'static Rule,
        name: &str,
        text: &str,
    ) -> Vec<crate::diagnostic::edit::Applicability> {
        let (_, diagnostics) = run_named(rule, name, text);
        diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .map(|f| f.applicability)
            .collect()
    }

    /// The text after applying every fix of the rule's findings.
    pub fn fixed(rule: &'static Rule, text: &str) -> String {
        let (doc, diagnostics) = run(rule, text.as_bytes());
        let edits: Vec<_> = diagnostics
            .into_iter()
            .filter_map(|d| d.fix)
            .flat_map(|f| f.edits)
            .collect();
        apply_edits(&doc.text, &edits)
    }
}
