//! A check in parts: `corpuslint map` of the shards, then `corpuslint reduce` of each part
//! with the map records of the whole, gives the findings of `corpuslint check` of the
//! whole; without the records, a part is a corpus of its own and its findings differ.

use std::path::Path;

use assert_cmd::Command;

const ARTICLE: &[&str] = &[
    "The harbour authority confirmed on Tuesday that the northern breakwater will be rebuilt over the next two winters, at a cost the council has yet to approve.",
    "Fishermen who moor inside the breakwater said the works would close the inner basin for several weeks at a time, and asked for a temporary pontoon on the south quay.",
    "Engineers found that storms had moved several of the largest armour stones since the last survey, leaving the crest lower than the plans allow along most of its length.",
    "A public meeting on the timetable is to be held in the sailing club next month, where residents can see the drawings and put their questions to the engineers.",
];

/// A record with text made of `paragraphs`, framed by its site's template lines.
fn record(id: &str, site: &str, paragraphs: &[String]) -> String {
    let text = format!(
        "{site} Daily\n\nHome | News | Sport | Contact\n\n{}\n\nCopyright Harbour Media Group\n",
        paragraphs.join("\n\n")
    );
    serde_json::json!({ "id": id, "text": text }).to_string()
}

fn own(site: &str, n: usize) -> Vec<String> {
    (0..3)
        .map(|p| {
            format!(
                "Story {n} of {site}, paragraph {p}: the volunteers counted {} birds on the estuary this season, against {} last year, and blamed the cold spring for the change.",
                n * 7 + p,
                n * 5 + p + 3
            )
        })
        .collect()
}

/// Two shards of two sites: each shard's template lines, an article in one shard copied
/// into the other (a duplicate document and cross-file duplicates), an edited paragraph.
fn write_corpus(dir: &Path) {
    let shards = dir.join("shards");
    std::fs::create_dir_all(&shards).unwrap();
    let article: Vec<String> = ARTICLE.iter().map(|p| p.to_string()).collect();
    let mut edited = own("Westport", 9);
    edited.push(ARTICLE[2].replace("several", "many"));
    let mut a: Vec<String> = (0..4)
        .map(|n| record(&format!("a{n}"), "Eastport", &own("Eastport", n)))
        .collect();
    a.push(record("a-harbour", "Eastport", &article));
    let mut b: Vec<String> = (0..4)
        .map(|n| record(&format!("b{n}"), "Westport", &own("Westport", n)))
        .collect();
    b.push(record("b-harbour", "Westport", &article));
    b.push(record("b-edited", "Westport", &edited));
    std::fs::write(shards.join("a.jsonl"), a.join("\n") + "\n").unwrap();
    std::fs::write(shards.join("b.jsonl"), b.join("\n") + "\n").unwrap();
}

fn run(dir: &Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("corpuslint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

fn codes(lines: &[String]) -> Vec<String> {
    let mut codes: Vec<String> = lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

const JSONL: &[&str] = &["--isolated", "--format", "jsonl", "--quiet"];

#[test]
fn parts_checked_with_the_records_of_the_whole_give_the_findings_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let whole = sorted_lines(&run(dir.path(), &[&["check", "shards"], JSONL].concat()));
    let found = codes(&whole);
    for code in ["\"C003\"", "\"D003\"", "\"D004\"", "\"D005\""] {
        assert!(found.contains(&code.to_string()), "{code} not in {found:?}");
    }
    let records = run(dir.path(), &["map", "--isolated", "shards"]);
    std::fs::write(dir.path().join("map.jsonl"), &records).unwrap();
    let kinds: Vec<&str> = records
        .lines()
        .map(|l| {
            if l.contains("\"kind\":\"folder\"") {
                "folder"
            } else {
                "document"
            }
        })
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "folder").count(), 2);
    assert_eq!(kinds.len(), 11 + 2);

    let reduce = |scope: &str, paths: &[&str], with_records: bool| {
        let mut args = vec!["reduce", "--rules", scope];
        if with_records {
            args.extend(["--corpus", "map.jsonl"]);
        }
        args.extend(JSONL);
        args.extend(paths);
        run(dir.path(), &args)
    };
    let mut parts = String::new();
    for shard in ["shards/a.jsonl", "shards/b.jsonl"] {
        parts += &reduce("document", &[shard], true);
        parts += &reduce("site", &[shard], true);
    }
    parts += &reduce("duplicate", &["shards"], true);
    assert_eq!(sorted_lines(&parts), whole);

    // A shard checked alone counts its template lines in itself only.
    let alone = reduce("site", &["shards/a.jsonl"], false);
    let with_whole = reduce("site", &["shards/a.jsonl"], true);
    assert!(with_whole.contains("(11 in all)"), "{with_whole}");
    assert_ne!(sorted_lines(&alone), sorted_lines(&with_whole));
}

#[test]
fn records_of_another_version_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::write(
        dir.path().join("map.jsonl"),
        r#"{"kind":"folder","v":9,"folder":"shards/a.jsonl","documents":1,"lines":[]}"#,
    )
    .unwrap();
    let output = Command::cargo_bin("corpuslint")
        .unwrap()
        .current_dir(dir.path())
        .args(["reduce", "--corpus", "map.jsonl", "--isolated", "shards"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("version 9"));
}
