//! The layout family: how a text is laid out in lines and paragraphs. A line break inside
//! a paragraph, indentation and Markdown structure are the writer's and never a finding;
//! these rules report only layouts that lose paragraph boundaries or add nothing.

pub mod extra_blank_lines;
pub mod hard_wrapped_paragraph;
pub mod unseparated_paragraphs;
