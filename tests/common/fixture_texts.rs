//! The texts of the rule fixtures, for the tests that write them as JSON Lines records.

/// The texts of the fixtures, which hold every per-document finding.
pub fn fixture_texts() -> Vec<String> {
    ignore::WalkBuilder::new("tests/fixtures")
        .standard_filters(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
        .map(|entry| entry.expect("a readable entry").into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| String::from_utf8(std::fs::read(path).expect("readable")).ok())
        // A NUL makes a file binary, but a record's text is always text.
        .filter(|text| !text.contains('\0'))
        .collect()
}
