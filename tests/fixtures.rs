//! One folder of fixture files per rule: each file is checked with only that rule, and the
//! findings plus the text after applying every fix are snapshotted.

use std::path::Path;

use corpuslint::fix::apply_edits;
use corpuslint::render;
use corpuslint::settings::Settings;

fn run_fixture(path: &Path) -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path
        .strip_prefix(manifest)
        .expect("fixture under the crate");
    let rule = relative
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .expect("fixtures/<family>/<rule>/<file>");
    assert!(
        corpuslint::registry::find(rule).is_some(),
        "no rule named {rule}"
    );
    let settings = Settings {
        paths: vec![relative.to_path_buf()],
        select: vec![rule.to_string()],
        ..Settings::default()
    };
    let outcome = corpuslint::check(&settings).expect("valid settings");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let mut out = Vec::new();
    render::short::render(&outcome, &mut out).expect("render");
    let mut snapshot = String::from_utf8(out).expect("utf-8");
    let doc = outcome.corpus.get(0);
    let edits: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    if edits.is_empty() {
        snapshot.push_str("no fix\n");
    } else {
        snapshot.push_str(&format!("fixed: {:?}\n", apply_edits(&doc.text, &edits)));
    }
    snapshot
}

#[test]
fn encoding_fixtures() {
    insta::glob!("fixtures/encoding/*/*.txt", |path| {
        insta::assert_snapshot!(run_fixture(path));
    });
}
