//! Bylines of Chinese and Japanese news, which name reporters without a label before the
//! name: in brackets in the dateline that opens the first paragraph (`新华社北京3月7日电
//! （记者张三、李四）`), or with the label after the name (`山田太郎 記者`, `王小明 特派員`).
//! The labels are the author labels of `rules/metadata.toml` written in CJK characters.

use crate::data::metadata::{Label, MetadataData};
use crate::text::is_cjk;

/// Reporters named in a line: byte ranges of the label and of the names in it, and the
/// names, one person each (`张三, 李四`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reporters {
    pub label_range: (usize, usize),
    pub names: String,
    pub names_range: (usize, usize),
}

/// A dateline's bracket opens within this many characters of the start of its line.
const DATELINE_CHARS: usize = 20;
/// A name written in CJK characters has this many of them.
const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=6;
/// A byline names at most this many reporters.
const MAX_NAMES: usize = 5;

/// The reporters `line` names in one of these forms, as a byline with their names.
pub fn reporters(line: &str, data: &MetadataData) -> Option<Reporters> {
    in_dateline(line, data).or_else(|| label_after(line, data))
}

/// `新华社北京3月7日电（记者张三、李四）外交部发言人…`: a label right after an opening
/// bracket near the start of the line, then names up to the closing bracket.
pub fn in_dateline(line: &str, data: &MetadataData) -> Option<Reporters> {
    let (open, bracket) = line
        .char_indices()
        .take(DATELINE_CHARS)
        .find(|&(_, c)| matches!(c, '（' | '('))?;
    let after = open + bracket.len_utf8();
    let label = cjk_labels(data).find(|label| line[after..].starts_with(label))?;
    let names_start = after + label.len();
    let close = names_start + line[names_start..].find(['）', ')'])?;
    names_field(line, (after, names_start), (names_start, close))
}

/// `山田太郎 記者`, `王小明　特派員`: a line of names and then a label.
fn label_after(line: &str, data: &MetadataData) -> Option<Reporters> {
    let text = line.trim_end();
    // Most lines of a corpus end in no CJK character: the labels are not looked at.
    if !text.chars().next_back().is_some_and(is_cjk) {
        return None;
    }
    let label = cjk_labels(data).find(|label| text.ends_with(label))?;
    let label_start = text.len() - label.len();
    let start = line.len() - line.trim_start().len();
    // A space stands between the names and the label: `答记者` ends a headline.
    let names_end = start + line[start..label_start].trim_end().len();
    if names_end == label_start {
        return None;
    }
    names_field(line, (label_start, text.len()), (start, names_end))
}

/// The author labels written in CJK characters, longest first (`本报记者` before `记者`).
fn cjk_labels(data: &MetadataData) -> impl Iterator<Item = &str> {
    data.labels
        .iter()
        .filter(|(label, kind)| *kind == Label::Author && label.chars().all(is_cjk))
        .map(|(label, _)| label.as_str())
}

/// The field of the names in `line[names.0..names.1]`, if that holds one to five names of
/// two to six CJK characters, apart by `、`, commas or spaces: `张三、李四` gives `张三, 李四`.
fn names_field(line: &str, label: (usize, usize), names: (usize, usize)) -> Option<Reporters> {
    let raw = &line[names.0..names.1];
    let text = raw.trim_matches([' ', '\u{3000}']);
    let start = names.0 + (text.as_ptr() as usize - raw.as_ptr() as usize);
    let names = (start, start + text.len());
    let people: Vec<&str> = text
        .split(['、', '，', ',', ' ', '\u{3000}'])
        .filter(|name| !name.is_empty())
        .collect();
    let is_name = |name: &&str| {
        NAME_CHARS.contains(&name.chars().count()) && name.chars().all(|c| is_cjk(c) || c == '・')
    };
    if people.is_empty() || people.len() > MAX_NAMES || !people.iter().all(is_name) {
        return None;
    }
    Some(Reporters {
        label_range: label,
        names: people.join(", "),
        names_range: names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<String> {
        let data = MetadataData::for_tests();
        let found = reporters(line, data)?;
        let (start, end) = found.names_range;
        assert!(line[start..end].starts_with(found.names.split(", ").next()?));
        Some(found.names)
    }

    #[test]
    fn reporters_in_the_dateline_bracket() {
        assert_eq!(
            names("新华社北京3月7日电（记者张三、李四）外交部发言人7日表示……").as_deref(),
            Some("张三, 李四")
        );
        assert_eq!(
            names("中新网上海1月5日电 (记者 王小明) 上海市今天发布……").as_deref(),
            Some("王小明")
        );
    }

    #[test]
    fn a_label_after_the_name() {
        assert_eq!(names("山田太郎 記者").as_deref(), Some("山田太郎"));
        assert_eq!(names("  王小明　记者").as_deref(), Some("王小明"));
    }

    #[test]
    fn prose_and_long_brackets_are_not_bylines() {
        // The bracket is not the dateline's, or holds words, not names.
        assert_eq!(
            names("外交部发言人在例行记者会上回答问题时说，双方应当加强沟通（记者张三）"),
            None
        );
        assert_eq!(
            names("新华社电（记者从有关部门获悉，今年粮食产量稳定增长）"),
            None
        );
        assert_eq!(names("发言人答记者问"), None);
        assert_eq!(names("总理答记者"), None);
        assert_eq!(names("By Jane Doe (reporter)"), None);
    }
}
