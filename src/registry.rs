//! Every rule corpuslint has, one line each.

use crate::rules::Rule;
use crate::rules::chrome::{boilerplate_phrase, chrome_context, navigation, site_template};
use crate::rules::duplicate::{
    cross_file_duplicate, duplicate_document, duplicate_paragraph, near_duplicate,
};
use crate::rules::encoding::{
    byte_order_mark, control_character, crlf_line_endings, glued_words, html_entity, invalid_utf8,
    invisible_character, missing_final_newline, mixed_line_endings, mojibake, not_nfc, not_text,
    replacement_character, trailing_whitespace, unusual_space,
};
use crate::rules::metadata::{
    conflicting_metadata, empty_metadata_field, invalid_date, invalid_metadata_file,
    manifest_entry_orphaned, manifest_hash_mismatch, missing_author, missing_date,
    missing_from_manifest, missing_source, missing_title,
};

pub static RULES: &[&Rule] = &[
    &invalid_utf8::RULE,
    &byte_order_mark::RULE,
    &crlf_line_endings::RULE,
    &mixed_line_endings::RULE,
    &unusual_space::RULE,
    &invisible_character::RULE,
    &control_character::RULE,
    &replacement_character::RULE,
    &mojibake::RULE,
    &not_nfc::RULE,
    &html_entity::RULE,
    &glued_words::RULE,
    &trailing_whitespace::RULE,
    &missing_final_newline::RULE,
    &not_text::RULE,
    &duplicate_paragraph::RULE,
    &cross_file_duplicate::RULE,
    &near_duplicate::RULE,
    &duplicate_document::RULE,
    &boilerplate_phrase::RULE,
    &navigation::RULE,
    &site_template::RULE,
    &chrome_context::RULE,
    &missing_author::RULE,
    &missing_date::RULE,
    &missing_source::RULE,
    &missing_title::RULE,
    &empty_metadata_field::RULE,
    &invalid_date::RULE,
    &conflicting_metadata::RULE,
    &manifest_hash_mismatch::RULE,
    &missing_from_manifest::RULE,
    &manifest_entry_orphaned::RULE,
    &invalid_metadata_file::RULE,
];

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
