//! Inline SVG charts: bars that read without colour (patterns and printed numbers tell the
//! parts apart), each with a title for screen readers and a link on every bar to the
//! findings behind it.

use std::fmt::Write;

use crate::report::markup::{attr, text};

/// One bar: its label, its value, and the findings filter it links to (none: no link).
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub filter: Option<String>,
}

/// The fills of a stacked bar's parts, defined once per page: solid, hatched, empty.
pub const PATTERNS: &str = r##"<svg width="0" height="0" aria-hidden="true" focusable="false" style="position:absolute"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#4a6d8c"/></pattern></defs></svg>"##;

const FILLS: [&str; 3] = ["#1f3b57", "url(#hatch)", "#fff"];

fn open(out: &mut String, id: &str, title: &str, width: usize, height: usize) {
    let _ = write!(
        out,
        r##"<figure class="chart"><svg role="group" aria-labelledby="{id}-t" viewBox="0 0 {width} {height}" width="{width}" height="{height}"><title id="{id}-t">{}</title>"##,
        text(title)
    );
}

fn close(out: &mut String, caption: &str) {
    let _ = write!(
        out,
        "</svg><figcaption>{}</figcaption></figure>",
        text(caption)
    );
}

fn link_open(out: &mut String, filter: Option<&str>, label: &str) {
    if let Some(filter) = filter {
        let _ = write!(
            out,
            r##"<a href="#findings" data-f="{}" aria-label="{}">"##,
            attr(filter),
            attr(label)
        );
    }
}

fn link_close(out: &mut String, filter: Option<&str>) {
    if filter.is_some() {
        out.push_str("</a>");
    }
}

/// Horizontal bars, one per row, the value printed after each.
pub fn bars(id: &str, title: &str, rows: &[Bar]) -> String {
    let max = rows.iter().map(|r| r.value).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (190, 420, 24);
    let height = rows.len() * row_h + 8;
    let mut out = String::new();
    open(&mut out, id, title, label_w + bar_w + 90, height);
    for (i, row) in rows.iter().enumerate() {
        let y = i * row_h + 4;
        let w = (row.value * bar_w).div_ceil(max);
        let label = format!("{}: {}", row.label, row.value);
        link_open(&mut out, row.filter.as_deref(), &label);
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" text-anchor="end" class="l">{}</text><rect x="{label_w}" y="{y}" width="{w}" height="{}" fill="{}" stroke="#000"><title>{}</title></rect><text x="{}" y="{}" class="v">{}</text>"##,
            label_w - 6,
            y + 15,
            text(&crate::text::ellipsize(&row.label, 28)),
            row_h - 8,
            FILLS[0],
            text(&label),
            label_w + w + 6,
            y + 15,
            row.value
        );
        link_close(&mut out, row.filter.as_deref());
    }
    close(&mut out, title);
    out
}

/// Vertical bars over a labelled axis (years): the label under each bar, one in
/// `label_every` when they are many.
pub fn columns(id: &str, title: &str, columns: &[Bar]) -> String {
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0).max(1);
    let chart_h = 180;
    let col_w = (760 / columns.len().max(1)).clamp(6, 48);
    let width = (columns.len() * col_w).max(200) + 60;
    let height = chart_h + 50;
    let label_every = (columns.len() * 40).div_ceil(width.max(1)).max(1);
    let mut out = String::new();
    open(&mut out, id, title, width, height);
    let _ = write!(
        out,
        r##"<line x1="40" y1="{0}" x2="{1}" y2="{0}" stroke="#000"/><text x="36" y="{2}" text-anchor="end" class="v">{max}</text><text x="36" y="{0}" text-anchor="end" class="v">0</text>"##,
        chart_h + 10,
        width,
        20
    );
    for (i, col) in columns.iter().enumerate() {
        let x = 40 + i * col_w;
        let h = (col.value * (chart_h - 10)).div_ceil(max);
        let label = format!("{}: {}", col.label, col.value);
        link_open(&mut out, col.filter.as_deref(), &label);
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{h}" fill="{}" stroke="#000"><title>{}</title></rect>"##,
            x + 1,
            chart_h + 10 - h,
            col_w.saturating_sub(2).max(1),
            FILLS[0],
            text(&label)
        );
        link_close(&mut out, col.filter.as_deref());
        if i % label_every == 0 {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" class="l">{}</text>"##,
                x + col_w / 2,
                chart_h + 28,
                text(&col.label)
            );
        }
    }
    close(&mut out, title);
    out
}

/// One stacked bar per row, split in three parts (solid, hatched, empty), each part's
/// share printed in it or beside the bar; a legend names the parts.
pub fn stacked(id: &str, title: &str, parts: [&str; 3], rows: &[(String, [Bar; 3])]) -> String {
    let (label_w, bar_w, row_h) = (90, 520, 30);
    let height = rows.len() * row_h + 40;
    let mut out = String::new();
    open(&mut out, id, title, label_w + bar_w + 20, height);
    for (i, (label, segments)) in rows.iter().enumerate() {
        let y = i * row_h + 4;
        let total = segments.iter().map(|s| s.value).sum::<usize>().max(1);
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" text-anchor="end" class="l">{}</text>"##,
            label_w - 6,
            y + 16,
            text(label)
        );
        let mut x = label_w;
        for (k, segment) in segments.iter().enumerate() {
            let w = segment.value * bar_w / total;
            let share = segment.value * 100 / total;
            let name = format!("{label}, {}: {} ({share}%)", parts[k], segment.value);
            link_open(&mut out, segment.filter.as_deref(), &name);
            let _ = write!(
                out,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{}" fill="{}" stroke="#000"><title>{}</title></rect>"##,
                row_h - 8,
                FILLS[k],
                text(&name)
            );
            if w >= 44 {
                let class = if k == 0 { "v inv" } else { "v box" };
                let _ = write!(
                    out,
                    r##"<text x="{}" y="{}" text-anchor="middle" class="{class}">{share}%</text>"##,
                    x + w / 2,
                    y + 16
                );
            }
            link_close(&mut out, segment.filter.as_deref());
            x += w;
        }
    }
    let legend_y = rows.len() * row_h + 18;
    let mut x = label_w;
    for (k, part) in parts.iter().enumerate() {
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{}" width="14" height="14" fill="{}" stroke="#000"/><text x="{}" y="{}" class="l">{}</text>"##,
            legend_y,
            FILLS[k],
            x + 20,
            legend_y + 12,
            text(part)
        );
        x += 150;
    }
    close(&mut out, title);
    out
}
