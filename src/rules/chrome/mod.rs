//! The chrome family: boilerplate that web pages put around an article (navigation,
//! share buttons, captions, related links, footers), left in the text by scraping.
//!
//! Each rule file holds the rule's docs and its detector; `evidence` the types they share;
//! `article` finds where a scraped page's article is; `analysis` runs the detectors,
//! strongest first, into the `runs` the rules report (`report`).

pub mod analysis;
mod article;
pub mod boilerplate_phrase;
pub mod chrome_context;
pub mod comment_section;
pub mod evidence;
pub mod gallery;
pub mod graphic_text;
mod lines;
pub mod navigation;
pub mod outside_article;
mod report;
pub mod runs;
pub mod site_template;

pub use crate::rules::options::ChromeOptions as Options;
/// Where a page's article and comments are, which provenance reads too.
pub use article::Layout;
/// Bylines and date lines, which no chrome heuristic calls chrome, repeat by design.
pub use lines::is_metadata;
