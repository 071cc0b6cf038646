//! The pieces of HTML the sections are made of: escaped text, numbers as people read
//! them, numbers that link to their findings, tables.

use std::fmt::Write;

/// Text escaped for HTML content.
pub fn text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Text escaped for a double-quoted attribute.
pub fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2_500_000` → `2.5 MB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.1} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.1} kB", b as f64 / 1e3),
        b => format!("{b} B"),
    }
}

/// `part` as a whole percentage of `whole`.
pub fn percent(part: usize, whole: usize) -> String {
    match whole {
        0 => "–".to_string(),
        _ => format!("{}%", (part * 100 + whole / 2) / whole),
    }
}

/// A number that links to the findings behind it (`filter`: `rule=E005&folder=3`); zero
/// links nowhere.
pub fn count_link(n: usize, filter: &str) -> String {
    if n == 0 {
        return "0".to_string();
    }
    format!(
        r##"<a href="#findings" data-f="{}">{}</a>"##,
        attr(filter),
        thousands(n)
    )
}

/// The change from a baseline count: `+12`, `−3`, `0`.
pub fn change(now: usize, before: usize) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("+{} (worse)", thousands(now - before)),
        std::cmp::Ordering::Less => format!("−{} (better)", thousands(before - now)),
        std::cmp::Ordering::Equal => "0 (same)".to_string(),
    }
}

/// A table: `head` cells, then rows of cells already in HTML. Columns whose heading
/// starts with `#` are numeric: right-aligned, sorted as numbers.
pub fn table(
    id: &str,
    caption: &str,
    head: &[&str],
    rows: &[Vec<String>],
    sortable: bool,
) -> String {
    let mut out = String::new();
    let class = if sortable { "data sortable" } else { "data" };
    let _ = write!(
        out,
        r##"<div class="scroll"><table id="{id}" class="{class}"><caption>{}</caption><thead><tr>"##,
        text(caption)
    );
    for h in head {
        let (numeric, label) = match h.strip_prefix('#') {
            Some(label) => (true, label),
            None => (false, *h),
        };
        let class = if numeric { r#" class="n""# } else { "" };
        let _ = write!(out, r##"<th scope="col"{class}>{}</th>"##, text(label));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let numeric = head.get(i).is_some_and(|h| h.starts_with('#'));
            let class = if numeric { r#" class="n""# } else { "" };
            if i == 0 {
                let _ = write!(out, r##"<th scope="row"{class}>{cell}</th>"##);
            } else {
                let _ = write!(out, "<td{class}>{cell}</td>");
            }
        }
        out.push_str("</tr>");
    }
    if rows.is_empty() {
        let _ = write!(
            out,
            r##"<tr><td colspan="{}">None.</td></tr>"##,
            head.len().max(1)
        );
    }
    out.push_str("</tbody></table></div>");
    out
}
