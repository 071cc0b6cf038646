//! Where sentences end.

/// Quotes and brackets that may close a sentence after its final mark.
pub const CLOSERS: [char; 9] = ['"', '\'', '”', '’', ')', '）', '」', '』', '»'];

/// Whether `text` ends with a full stop, `!` or `?` (or their CJK forms), before any
/// closing quote or bracket: a sentence ends there, and no clause with `;` does.
pub fn ends_with_full_stop(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(CLOSERS)
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_stop_may_stand_before_closing_quotes() {
        assert!(ends_with_full_stop("He said “yes.”  "));
        assert!(ends_with_full_stop("完了しました。"));
        assert!(!ends_with_full_stop("a clause goes on;"));
        assert!(!ends_with_full_stop("this value will never be exported"));
    }
}
