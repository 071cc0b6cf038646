//! `corpuslint rules` and `corpuslint explain`: the rules, from the registry.

use std::io::{self, Write};
use std::process::ExitCode;

use corpuslint::rules::registry::{self, RULES};

use crate::cli::args::ListFormat;
use crate::cli::exit::EXIT_ERROR;

pub fn list_rules(format: ListFormat, out: &mut impl Write) -> io::Result<()> {
    match format {
        ListFormat::Human => {
            writeln!(
                out,
                "{:<6} {:<24} {:<10} {:<8} {:<9} summary",
                "code", "name", "family", "severity", "fix"
            )?;
            for rule in RULES {
                writeln!(
                    out,
                    "{:<6} {:<24} {:<10} {:<8} {:<9} {}",
                    rule.code,
                    rule.name,
                    rule.family,
                    rule.severity,
                    rule.fix.as_str(),
                    rule.summary
                )?;
            }
        }
        ListFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "code": rule.code,
                        "name": rule.name,
                        "family": rule.family,
                        "severity": rule.severity,
                        "fix": rule.fix.as_str(),
                        "summary": rule.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// `corpuslint explain CODE`: what a rule catches, why it matters, an example, its fix.
pub fn explain(code: &str, out: &mut impl Write) -> io::Result<ExitCode> {
    Ok(match registry::find(code) {
        Some(rule) => {
            writeln!(
                out,
                "{} {} ({}, {}, fix: {})\n\n{}\n\n{}",
                rule.code,
                rule.name,
                rule.family,
                rule.severity,
                rule.fix.as_str(),
                rule.summary,
                rule.docs.trim_end()
            )?;
            ExitCode::SUCCESS
        }
        None => {
            let err = corpuslint::error::Error::UnknownRule(code.to_string());
            eprintln!("corpuslint: error: {err}");
            ExitCode::from(EXIT_ERROR)
        }
    })
}
