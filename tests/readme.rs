//! README is the front door: every output it shows is what corpuslint prints.

use assert_cmd::Command;
use serde_json::Value;

fn readme() -> String {
    std::fs::read_to_string("README.md").expect("README.md")
}

fn corpuslint(args: &[&str]) -> String {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .args(args)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .output()
        .expect("run corpuslint");
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// `<!-- output: corpuslint ARGS -->` followed by a fenced block: the block is the output.
#[test]
fn shown_outputs_are_real() {
    let readme = readme();
    let marker = "<!-- output: corpuslint ";
    let mut checked = 0;
    for (at, _) in readme.match_indices(marker) {
        let rest = &readme[at + marker.len()..];
        let (args, rest) = rest.split_once(" -->").expect("closed marker");
        let rest = rest
            .trim_start()
            .strip_prefix("```text\n")
            .expect("a text block follows");
        let (shown, _) = rest.split_once("```").expect("closed block");
        let args: Vec<&str> = args.split_whitespace().collect();
        assert_eq!(
            shown,
            corpuslint(&args),
            "README output of `corpuslint {}`",
            args.join(" ")
        );
        checked += 1;
    }
    assert!(checked >= 3, "README shows outputs to check");
}

#[test]
fn json_example_is_real() {
    let readme = readme();
    let start = readme.find("```json\n").expect("a JSON example") + "```json\n".len();
    let block = &readme[start..];
    let example: Value = serde_json::from_str(&block[..block.find("```").expect("closed")])
        .expect("the JSON example parses");
    let actual: Value =
        serde_json::from_str(&corpuslint(&["check", "seeds/", "--format", "json"])).expect("json");
    assert_eq!(example["version"], actual["version"]);
    assert_eq!(example["tool"]["name"], actual["tool"]["name"]);
    assert_eq!(example["files"], actual["files"]);
    assert_eq!(example["diagnostics"][0], actual["diagnostics"][0]);
    assert_eq!(example["errors"], actual["errors"]);
}

#[test]
fn set_up_commands_are_given_and_ci_runs_the_tests() {
    let readme = readme();
    assert!(readme.contains("cargo run --release -- check seeds/"));
    assert!(readme.contains("\ncargo test "));
    let ci = std::fs::read_to_string(".ci/run").expect(".ci/run");
    assert!(
        ci.lines().any(|line| line.trim() == "cargo test"),
        ".ci/run runs `cargo test`"
    );
}

#[test]
fn configuration_example_is_valid() {
    let readme = readme();
    let start = readme.find("```toml\n").expect("a configuration example") + "```toml\n".len();
    let block = &readme[start..];
    let example = &block[..block.find("```").expect("closed")];
    let config =
        corpuslint::settings::config::parse(std::path::Path::new("corpuslint.toml"), example)
            .unwrap_or_else(|err| panic!("README configuration: {}", err.message));
    // The example shows the defaults, apart from the lines marked as examples.
    assert_eq!(
        config.duplicate,
        corpuslint::rules::duplicate::Options::default()
    );
    assert_eq!(config.chrome, corpuslint::rules::chrome::Options::default());
    assert_eq!(
        config.metadata,
        corpuslint::rules::metadata::Options::default()
    );
}
