//! Front matter: a TOML block between `+++` lines, or a YAML-style block of `key: value`
//! lines between `---` lines, at the very top of a document.

use std::collections::BTreeMap;

/// Front matter fields, and the lines the block takes (0-based, both fences included).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, FrontValue>,
    pub last_line: usize,
}

/// A value and the 0-based line it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontValue {
    pub value: String,
    pub line: usize,
}

/// Reads the front matter at the top of `text`, if there is one. `Err` names the problem
/// of a block that opens and does not parse.
pub fn parse(text: &str) -> Option<Result<FrontMatter, String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let fence = lines.next()?;
    if fence != "+++" && fence != "---" {
        return None;
    }
    let body: Vec<&str> = lines.clone().take_while(|l| *l != fence).collect();
    if body.len() == lines.count() {
        return Some(Err(format!(
            "front matter opened with `{fence}` is never closed"
        )));
    }
    let last_line = body.len() + 1;
    let fields = if fence == "+++" {
        toml_fields(&body)
    } else {
        yaml_fields(&body)
    };
    Some(fields.map(|fields| FrontMatter { fields, last_line }))
}

fn toml_fields(body: &[&str]) -> Result<BTreeMap<String, FrontValue>, String> {
    let table: toml::Table = body
        .join("\n")
        .parse()
        .map_err(|e: toml::de::Error| format!("front matter is not valid TOML: {}", e.message()))?;
    let mut fields = BTreeMap::new();
    for (key, value) in table {
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(", "),
            other => other.to_string(),
        };
        let line = body
            .iter()
            .position(|l| l.trim_start().starts_with(key.as_str()))
            .map_or(1, |i| i + 1);
        fields.insert(key.to_lowercase(), FrontValue { value, line });
    }
    Ok(fields)
}

fn yaml_fields(body: &[&str]) -> Result<BTreeMap<String, FrontValue>, String> {
    let mut fields = BTreeMap::new();
    for (i, line) in body.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("- ") {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err(format!("front matter line {} is not `key: value`", i + 2));
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        fields.insert(key.trim().to_lowercase(), FrontValue { value, line: i + 1 });
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_style_front_matter() {
        let fm = parse("---\ntitle: \"A title\"\nauthor: Jane Doe\ndate: 2021-12-15\n---\nBody.\n")
            .expect("front matter")
            .expect("valid");
        assert_eq!(fm.fields["title"].value, "A title");
        assert_eq!(fm.fields["author"].value, "Jane Doe");
        assert_eq!(fm.fields["author"].line, 2);
        assert_eq!(fm.last_line, 4);
    }

    #[test]
    fn reads_toml_front_matter() {
        let fm = parse(
            "+++\ntitle = \"A title\"\ndate = 2021-12-15\nauthors = [\"A\", \"B\"]\n+++\nBody.\n",
        )
        .expect("front matter")
        .expect("valid");
        assert_eq!(fm.fields["date"].value, "2021-12-15");
        assert_eq!(fm.fields["authors"].value, "A, B");
    }

    #[test]
    fn problems_are_named() {
        assert!(parse("---\ntitle: x\nno end\n").expect("block").is_err());
        assert!(parse("+++\ntitle = \n+++\n").expect("block").is_err());
        assert!(parse("Just text\n").is_none());
    }
}
