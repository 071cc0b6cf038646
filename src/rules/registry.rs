//! Every rule corpuslint has, one line each: a rule file's `LINT`.

use crate::diagnostic::Rule;
use crate::rules::check::Lint;
use crate::rules::chrome::{
    boilerplate_phrase, chrome_context, comment_section, gallery, graphic_text, navigation,
    outside_article, site_template,
};
use crate::rules::duplicate::{
    cross_file_duplicate, duplicate_document, duplicate_paragraph, near_duplicate, reused_text,
};
use crate::rules::encoding::{
    byte_order_mark, control_character, crlf_line_endings, glued_words, html_entity, invalid_utf8,
    invisible_character, missing_final_newline, mixed_line_endings, mojibake, not_nfc, not_text,
    replacement_character, trailing_whitespace, unusual_space,
};
use crate::rules::layout::{extra_blank_lines, hard_wrapped_paragraph, unseparated_paragraphs};
use crate::rules::metadata::{
    conflicting_metadata, empty_metadata_field, invalid_date, invalid_metadata_file,
    manifest_entry_orphaned, manifest_hash_mismatch, missing_author, missing_date,
    missing_from_manifest, missing_source, missing_title,
};

pub static LINTS: &[Lint] = &[
    invalid_utf8::LINT,
    byte_order_mark::LINT,
    crlf_line_endings::LINT,
    mixed_line_endings::LINT,
    unusual_space::LINT,
    invisible_character::LINT,
    control_character::LINT,
    replacement_character::LINT,
    mojibake::LINT,
    not_nfc::LINT,
    html_entity::LINT,
    glued_words::LINT,
    trailing_whitespace::LINT,
    missing_final_newline::LINT,
    not_text::LINT,
    extra_blank_lines::LINT,
    unseparated_paragraphs::LINT,
    hard_wrapped_paragraph::LINT,
    duplicate_paragraph::LINT,
    cross_file_duplicate::LINT,
    near_duplicate::LINT,
    duplicate_document::LINT,
    reused_text::LINT,
    boilerplate_phrase::LINT,
    navigation::LINT,
    site_template::LINT,
    chrome_context::LINT,
    outside_article::LINT,
    comment_section::LINT,
    graphic_text::LINT,
    gallery::LINT,
    missing_author::LINT,
    missing_date::LINT,
    missing_source::LINT,
    missing_title::LINT,
    empty_metadata_field::LINT,
    invalid_date::LINT,
    conflicting_metadata::LINT,
    manifest_hash_mismatch::LINT,
    missing_from_manifest::LINT,
    manifest_entry_orphaned::LINT,
    invalid_metadata_file::LINT,
];

/// Every rule, in registry order.
pub static RULES: [&Rule; LINTS.len()] = {
    let mut rules = [LINTS[0].rule; LINTS.len()];
    let mut i = 0;
    while i < LINTS.len() {
        rules[i] = LINTS[i].rule;
        i += 1;
    }
    rules
};

/// The registered check of `rule`.
pub fn lint(rule: &Rule) -> Option<&'static Lint> {
    LINTS.iter().find(|lint| lint.rule.code == rule.code)
}

/// The rule with this code or name (`E005`, `e005`, `unusual-space`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in RULES {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            let prefix = rule.code.chars().next();
            let family_letter = rule
                .family
                .as_str()
                .chars()
                .next()
                .map(|c| c.to_ascii_uppercase());
            assert_eq!(
                prefix, family_letter,
                "{} does not start with its family's letter",
                rule.code
            );
        }
    }

    #[test]
    fn every_rule_documents_the_fixed_headings() {
        for rule in RULES {
            for heading in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Configuration",
            ] {
                assert!(
                    rule.docs.contains(heading),
                    "{} lacks `{heading}`",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn finds_rules_by_code_or_name() {
        assert_eq!(find("E005").map(|r| r.name), Some("unusual-space"));
        assert_eq!(find("e005").map(|r| r.name), Some("unusual-space"));
        assert_eq!(find("mojibake").map(|r| r.code), Some("E009"));
        assert!(find("X999").is_none());
    }
}
