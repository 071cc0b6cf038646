//! The page: one HTML file with its style, script and data inline, so that it opens from
//! disk or as a CI artifact with no network. Tables are plain HTML, readable without the
//! script; the script sorts them and lists the findings behind any number, page by page.

use std::fmt::Write;

use crate::report::markup::text;
use crate::report::sections::Page;
use crate::report::svg;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The whole page: `page`'s sections, with the findings data for the script.
pub fn page(page: &Page, data_json: &str) -> String {
    let mut out = String::with_capacity(data_json.len() + 200_000);
    let _ = write!(
        out,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="corpuslint {version}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header><h1>{title}</h1><p>{subtitle}</p></header>
<nav aria-label="Sections"><ul>"##,
        version = env!("CARGO_PKG_VERSION"),
        title = text(&page.title),
        subtitle = page.subtitle,
    );
    for (id, heading, _) in &page.sections {
        let _ = write!(out, r##"<li><a href="#{id}">{}</a></li>"##, text(heading));
    }
    out.push_str("</ul></nav>\n<main id=\"main\">\n");
    out.push_str(svg::PATTERNS);
    for (id, heading, body) in &page.sections {
        let _ = writeln!(
            out,
            r##"<section id="{id}" aria-labelledby="{id}-h"><h2 id="{id}-h">{}</h2>{body}</section>"##,
            text(heading)
        );
    }
    let _ = write!(
        out,
        "</main>\n<footer><p>Written by corpuslint {}.</p></footer>\n<script type=\"application/json\" id=\"data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        data_json
    );
    out
}

/// JSON that can stand inside a `<script>` element: no `<` that could close it.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}
