//! How input files are read: as text files, or as JSON Lines shards of one document per
//! line, and which fields of a record hold its text and its id.

use serde::{Deserialize, Serialize};

/// How the files of a run are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// By name: `.jsonl`, `.jsonl.gz` and `.jsonl.zst` files are JSON Lines shards, and
    /// folder walks take them besides the configured extensions; other files are text.
    #[default]
    Auto,
    /// Every file read is a JSON Lines shard; folder walks take the JSON Lines names.
    Jsonl,
    /// Every file read is a text file, JSON Lines shards too.
    Text,
}

/// The `[jsonl]` table of `corpuslint.toml`: the fields of a JSON Lines record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JsonlOptions {
    /// The field that holds a record's text (a string).
    pub text_field: String,
    /// The field that names a record in findings (a string or a number); a record
    /// without it is named by its 1-based line number.
    pub id_field: String,
    /// The fields that are a record's provenance, as explicit as front matter: its
    /// title, author, publication date and source (a URL is one).
    pub title_field: String,
    pub author_field: String,
    pub date_field: String,
    pub source_field: String,
}

impl JsonlOptions {
    /// The provenance among a record's `fields`, under the names front matter uses.
    pub fn provenance(&self, fields: &[(String, String)]) -> Vec<(String, String)> {
        let names = [
            ("title", &self.title_field),
            ("author", &self.author_field),
            ("date", &self.date_field),
            ("source", &self.source_field),
        ];
        names
            .into_iter()
            .filter_map(|(name, field)| {
                let (_, value) = fields.iter().find(|(key, _)| key == field)?;
                Some((name.to_string(), value.clone()))
            })
            .collect()
    }
}

impl Default for JsonlOptions {
    fn default() -> Self {
        Self {
            text_field: "text".to_string(),
            id_field: "id".to_string(),
            title_field: "title".to_string(),
            author_field: "author".to_string(),
            date_field: "date".to_string(),
            source_field: "url".to_string(),
        }
    }
}
