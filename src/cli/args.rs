//! The command line, with clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use corpuslint::diagnostic::Severity;
use corpuslint::settings::input::InputFormat;

#[derive(Debug, Parser)]
#[command(
    name = "corpuslint",
    version,
    about = "A fast linter for text corpora: duplicates, boilerplate, provenance, encoding.",
    after_help = "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and folders and report findings.
    Check(CheckArgs),
    /// List every rule: code, name, family, default severity, fix.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Write cleaned, canonical copies of the documents (or show what would change).
    Fix(FixArgs),
    /// Print the resolved provenance (title, author, date, source) of each document.
    Meta(MetaArgs),
    /// Print the configuration in effect: the file it comes from, then its settings.
    Config(ConfigArgs),
    /// Record today's findings, so that `check --baseline FILE` reports only new ones.
    Baseline(BaselineArgs),
    /// Write a corpus health report: one self-contained HTML page of counts, charts and findings.
    Report(ReportArgs),
    /// Map step of a check in parts: print each document's map record and each folder's
    /// counts (JSON Lines, the format of docs/map-reduce.md).
    Map(MapArgs),
    /// Reduce step: check files as a part of the corpus that map records describe.
    Reduce(ReduceArgs),
    /// Explain a rule: what it catches, why it matters, an example, how to configure it.
    Explain {
        /// A rule code (E005) or name (unusual-space).
        rule: String,
    },
}

/// Where the configuration comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of the nearest corpuslint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

/// Which rules and files: shared by `check` and `fix` (for `fix`, the rules whose fixes
/// apply).
#[derive(Debug, Clone, clap::Args)]
pub struct SelectionArgs {
    /// Rules: codes (E005), prefixes (E), names (mojibake), families (encoding) or ALL.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Rules left out, in the same notation as --select.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,

    /// File extensions read when walking folders (default: txt,md).
    #[arg(long = "extension", value_delimiter = ',')]
    pub extensions: Option<Vec<String>>,

    /// Files left out (globs, added to the configuration's).
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,

    /// Read the files that .gitignore, .ignore and .git/info/exclude leave out.
    #[arg(long)]
    pub no_ignore: bool,

    /// How files are read: `jsonl` reads every file named (`-`: standard input) as JSON
    /// Lines, one document per line; `text` reads `.jsonl` files as text too (default:
    /// auto, by name: `.jsonl`, `.jsonl.gz`, `.jsonl.zst` are JSON Lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub context: ContextArgs,
}

/// Named files and the rest of their corpus.
#[derive(Debug, Clone, clap::Args)]
pub struct ContextArgs {
    /// The corpus root (default: the folder of the corpuslint.toml in effect). Named files
    /// are checked against every file of it, but only they are reported and fixed.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Check named files on their own, without the rest of the corpus root.
    #[arg(long)]
    pub no_context: bool,

    /// Check the files changed since the git revision REV (committed since the merge base,
    /// staged, unstaged, untracked; not deleted), with the whole root as context.
    #[arg(long, value_name = "REV", conflicts_with = "paths")]
    pub changed_since: Option<String>,

    /// Neither read nor write the cache in ROOT/.corpuslint_cache/.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to check; folders are walked for text files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[command(flatten)]
    pub selection: SelectionArgs,

    /// Exit with status 1 when a finding reaches this severity (default: warning).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Print the wall time of each pass on stderr.
    #[arg(long)]
    pub timings: bool,

    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Report only the findings not recorded in this baseline file (see `baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Also write the health report of the run to FILE, as with `corpuslint report`.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    #[command(flatten)]
    pub verbosity: OutputArgs,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files and folders to check; folders are walked for text files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// The HTML file to write.
    #[arg(long, value_name = "FILE")]
    pub html: PathBuf,

    /// A baseline file (see `baseline`) to compare the counts with.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    #[command(flatten)]
    pub selection: SelectionArgs,

    #[command(flatten)]
    pub verbosity: OutputArgs,
}

/// How much `check`, `fix` and `baseline` say besides their results.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct OutputArgs {
    /// Print only the findings (or the diff): no summary line, no progress bar; errors
    /// still go to stderr.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more: for `check` and `baseline`, the files read and the time of each pass (on
    /// stderr); for `fix`, every line removed or changed.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Files and folders to record; folders are walked for text files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// The baseline file to write; its paths are relative to its folder.
    #[arg(long, short, value_name = "FILE", default_value = corpuslint::output::baseline::DEFAULT_FILE)]
    pub output: PathBuf,

    #[command(flatten)]
    pub selection: SelectionArgs,

    #[command(flatten)]
    pub verbosity: OutputArgs,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["out", "in_place", "diff", "check"])))]
pub struct FixArgs {
    /// Files and folders to fix; folders are walked for text files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Write the cleaned copies under DIR (keeping relative paths), with DIR/metadata.jsonl.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Rewrite the files themselves (atomically) and update their metadata.jsonl.
    #[arg(long)]
    pub in_place: bool,

    /// Write nothing; print a unified diff of each file that would change.
    #[arg(long)]
    pub diff: bool,

    /// Write nothing; exit with status 1 if any file would change.
    #[arg(long)]
    pub check: bool,

    /// Apply unsafe fixes too (near-duplicates, cross-file copies, glued words...).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the wall time of each pass on stderr.
    #[arg(long)]
    pub timings: bool,

    #[command(flatten)]
    pub verbosity: OutputArgs,

    #[command(flatten)]
    pub selection: SelectionArgs,

    /// When to colour the diff.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, clap::Args)]
pub struct MetaArgs {
    /// Files and folders; folders are walked for text files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,

    /// File extensions read when walking folders (default: txt,md).
    #[arg(long = "extension", value_delimiter = ',')]
    pub extensions: Option<Vec<String>>,

    /// Read the files that .gitignore, .ignore and .git/info/exclude leave out.
    #[arg(long)]
    pub no_ignore: bool,

    /// How files are read: `jsonl` reads every file named (`-`: standard input) as JSON
    /// Lines, one document per line; `text` reads `.jsonl` files as text too (default:
    /// auto, by name: `.jsonl`, `.jsonl.gz`, `.jsonl.zst` are JSON Lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style reports with the source lines underlined.
    Human,
    /// One line per finding: path:line:col: CODE message.
    Short,
    /// One JSON object with every finding.
    Json,
    /// One JSON object per finding and line, for streaming huge corpora.
    Jsonl,
    /// GitHub Actions workflow commands: findings become annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning services (GitHub's upload-sarif and others).
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    Jsonl,
    Text,
}

impl InputFormatArg {
    pub fn format(self) -> InputFormat {
        match self {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Text => InputFormat::Text,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// Files, folders and shards to map.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub selection: SelectionArgs,
}

#[derive(Debug, clap::Args)]
pub struct ReduceArgs {
    /// Map records of the whole corpus (files of `corpuslint map` output; their folder
    /// records are summed). Without: the files named are the whole corpus.
    #[arg(long = "corpus", value_name = "RECORDS")]
    pub corpus: Vec<PathBuf>,

    /// The rules to run: a part of a check runs each kind where its documents are (see
    /// docs/map-reduce.md).
    #[arg(long, value_enum, default_value_t = RuleScopeArg::Corpus)]
    pub rules: RuleScopeArg,

    /// Write the findings as SARIF to FILE too.
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RuleScopeArg {
    /// Every corpus-wide rule.
    Corpus,
    /// The rules that read one document at a time.
    Document,
    /// The duplicate family: the rules that relate documents by their text.
    Duplicate,
    /// The chrome and metadata rules: given the corpus counts, one document at a time.
    Site,
    All,
}

impl RuleScopeArg {
    pub fn scope(self) -> corpuslint::RuleScope {
        match self {
            Self::Corpus => corpuslint::RuleScope::Corpus,
            Self::Document => corpuslint::RuleScope::Document,
            Self::Duplicate => corpuslint::RuleScope::Duplicate,
            Self::Site => corpuslint::RuleScope::Site,
            Self::All => corpuslint::RuleScope::All,
        }
    }
}
