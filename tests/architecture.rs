//! The shape of the source tree: modules stand in layers, each importing only the layers
//! below it, no two files import each other through any chain, and no file is too long
//! to read. The imports are read from the source text (`use` and `crate::`/`super::`
//! paths), so this holds without building anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules of the library, bottom layer first. A module may import modules
/// of its own layer or of the layers below it.
const LAYERS: &[&[&str]] = &[
    &["text", "error", "progress", "atomic"],
    &["document", "diagnostic", "corpus"],
    &["data"],
    &["provenance"],
    &["rules"],
    &["shard"],
    &["settings"],
    &["discover", "load"],
    &["engine", "stream"],
    &["fix", "output", "report"],
    &["api"],
    &["lib"],
];

/// No source file is longer than this.
const MAX_LINES: usize = 600;

/// A source file and the module path it defines (`["rules", "chrome", "report"]`).
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn library_files() -> Vec<SourceFile> {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files
        .into_iter()
        // The binary (main.rs and cli/) stands above the library and is checked apart.
        .filter(|f| f.module.first().is_none_or(|m| m != "cli" && m != "main"))
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<SourceFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a readable src/")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            out.push(SourceFile {
                module: module_of(&path),
                path,
                text,
            });
        }
    }
}

/// `src/rules/chrome/report.rs` → `[rules, chrome, report]`; `src/rules/mod.rs` →
/// `[rules]`; `src/lib.rs` → `[]`.
fn module_of(path: &Path) -> Vec<String> {
    let relative = path.strip_prefix("src").expect("under src/");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The file that defines module `path`, if any.
fn file_of(module: &[String]) -> Option<PathBuf> {
    if module.is_empty() {
        return Some(PathBuf::from("src/lib.rs"));
    }
    let base: PathBuf = std::iter::once("src".to_string())
        .chain(module.iter().cloned())
        .collect();
    let as_file = base.with_extension("rs");
    if as_file.is_file() {
        return Some(as_file);
    }
    let as_dir = base.join("mod.rs");
    as_dir.is_file().then_some(as_dir)
}

/// The source text without comments and string literals, which may name paths that are
/// no imports, and without the unit tests at the end of the file (their `super` is the
/// file itself).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            out.push('\n');
            continue;
        }
        let mut in_string = false;
        let mut previous = ' ';
        for c in line.chars() {
            if c == '"' && previous != '\\' {
                in_string = !in_string;
            } else if !in_string {
                out.push(c);
            }
            previous = if previous == '\\' && c == '\\' {
                ' '
            } else {
                c
            };
        }
        out.push('\n');
    }
    out
}

/// The module paths a file names: `use` trees expanded (`use crate::a::{b, c::d}`), and
/// `crate::`, `super::` paths in code.
fn named_paths(file: &SourceFile) -> Vec<Vec<String>> {
    let code = code_only(&file.text);
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = find_path_start(rest) {
        let tail = &rest[at..];
        let end = path_end(tail);
        for path in expand(&tail[..end]) {
            if let Some(absolute) = absolute(&file.module, &path) {
                paths.push(absolute);
            }
        }
        rest = &tail[end.max(1)..];
    }
    paths
}

fn find_path_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let at = ["crate::", "super::"]
            .iter()
            .filter_map(|needle| text[from..].find(needle).map(|i| i + from))
            .min()?;
        let boundary = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if boundary {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The length of the path (with its brace groups) at the start of `text`.
fn path_end(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            c if depth > 0 && (c.is_alphanumeric() || "_:, \n\t*".contains(c)) => {}
            c if c.is_alphanumeric() || c == '_' || c == ':' => {}
            _ => return i,
        }
    }
    text.len()
}

/// `crate::a::{b, c::{d, e}}` → `crate::a::b`, `crate::a::c::d`, `crate::a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else {
        return vec![path.trim().trim_end_matches("::").to_string()];
    };
    let prefix = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            let joined = if p == "self" {
                prefix.trim_end_matches("::").to_string()
            } else {
                format!("{prefix}{p}")
            };
            expand(&joined)
        })
        .collect()
}

/// The path from the crate root, its `crate::` or `super::` resolved.
fn absolute(module: &[String], path: &str) -> Option<Vec<String>> {
    let mut segments: Vec<&str> = path.split("::").map(str::trim).collect();
    let mut base: Vec<String> = Vec::new();
    match segments.first() {
        Some(&"crate") => {
            segments.remove(0);
        }
        Some(&"super") => {
            // `super` of `a/b.rs` (module a::b) is `a`; of `a/b/mod.rs` (module a::b) too.
            base = module.to_vec();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop()?;
            }
        }
        _ => return None,
    }
    base.extend(segments.iter().map(|s| s.to_string()));
    Some(base)
}

/// The file a module path leads to: the deepest module of it that has a file.
fn target_file(path: &[String]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|len| file_of(&path[..len]))
}

/// Every library file and the library files it imports.
fn import_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files = library_files();
    let mut graph = BTreeMap::new();
    for file in &files {
        let targets: BTreeSet<PathBuf> = named_paths(file)
            .iter()
            .filter_map(|path| target_file(path))
            .filter(|target| *target != file.path)
            .collect();
        graph.insert(file.path.clone(), targets);
    }
    graph
}

fn layer_of(file: &Path) -> usize {
    let module = module_of(file);
    let top = module.first().map_or("lib", String::as_str);
    LAYERS
        .iter()
        .position(|layer| layer.contains(&top))
        .unwrap_or_else(|| panic!("{} is in no layer of tests/architecture.rs", file.display()))
}

#[test]
fn every_module_imports_only_its_own_layer_and_those_below() {
    let mut upward = Vec::new();
    for (file, targets) in import_graph() {
        for target in targets {
            if layer_of(&target) > layer_of(&file) {
                upward.push(format!("{} imports {}", file.display(), target.display()));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports running up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_file_imports_itself_through_other_files() {
    let graph = import_graph();
    // Depth-first search; a file met again while on the current path closes a circle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: BTreeMap<&PathBuf, Mark> = BTreeMap::new();
    let mut circles = Vec::new();
    fn visit<'a>(
        file: &'a PathBuf,
        graph: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        marks: &mut BTreeMap<&'a PathBuf, Mark>,
        path: &mut Vec<&'a PathBuf>,
        circles: &mut Vec<String>,
    ) {
        marks.insert(file, Mark::Open);
        path.push(file);
        for next in graph.get(file).into_iter().flatten() {
            match marks.get(next) {
                Some(Mark::Open) => {
                    let from = path.iter().position(|f| *f == next).unwrap_or(0);
                    let names: Vec<String> = path[from..]
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect();
                    circles.push(format!("{} -> {}", names.join(" -> "), next.display()));
                }
                Some(Mark::Done) => {}
                None => visit(next, graph, marks, path, circles),
            }
        }
        path.pop();
        marks.insert(file, Mark::Done);
    }
    for file in graph.keys() {
        if !marks.contains_key(file) {
            visit(file, &graph, &mut marks, &mut Vec::new(), &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn no_source_file_is_too_long_to_read() {
    let mut long = Vec::new();
    collect_all(Path::new("src"), &mut long);
    long.retain(|(_, lines)| *lines > MAX_LINES);
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines: {:?}",
        long.iter()
            .map(|(p, n)| format!("{} ({n})", p.display()))
            .collect::<Vec<_>>()
    );
}

fn collect_all(dir: &Path, out: &mut Vec<(PathBuf, usize)>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            collect_all(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a readable file");
            out.push((path, text.lines().count()));
        }
    }
}

#[test]
fn the_reader_of_imports_sees_what_it_must() {
    // The test is only as good as its reading of imports: check it on known lines.
    let file = SourceFile {
        path: PathBuf::from("src/rules/chrome/report.rs"),
        module: vec!["rules".into(), "chrome".into(), "report".into()],
        text: "use super::analysis::{Detector, Run};\n\
               use crate::diagnostic::{Diagnostic, edit::{Edit, Fix}};\n\
               // use crate::engine::Outcome;\n\
               let s = \"crate::fix\";\n\
               let d = crate::text::ellipsize(x, 3);\n"
            .to_string(),
    };
    let paths: Vec<String> = named_paths(&file).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        paths,
        [
            "rules::chrome::analysis::Detector",
            "rules::chrome::analysis::Run",
            "diagnostic::Diagnostic",
            "diagnostic::edit::Edit",
            "diagnostic::edit::Fix",
            "text::ellipsize",
        ]
    );
    assert_eq!(
        target_file(&[
            "rules".into(),
            "chrome".into(),
            "analysis".into(),
            "Run".into()
        ]),
        Some(PathBuf::from("src/rules/chrome/analysis.rs"))
    );
    assert_eq!(
        target_file(&["diagnostic".into(), "Diagnostic".into()]),
        Some(PathBuf::from("src/diagnostic/mod.rs"))
    );
}
