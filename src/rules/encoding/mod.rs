//! The encoding family: bytes and characters that are not clean UTF-8 text.

pub mod byte_order_mark;
pub mod control_character;
pub mod crlf_line_endings;
pub mod glued_words;
pub mod html_entity;
pub mod invalid_utf8;
pub mod invisible_character;
mod line_endings;
pub mod missing_final_newline;
pub mod mixed_line_endings;
pub mod mojibake;
pub mod not_nfc;
pub mod not_text;
pub mod replacement_character;
pub mod trailing_whitespace;
pub mod unusual_space;
