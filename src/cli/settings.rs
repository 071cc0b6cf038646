//! The settings of a run: the configuration file in effect, with the flags over it.

use corpuslint::error::Error;
use corpuslint::settings::Settings;
use corpuslint::settings::config;
use corpuslint::settings::input::InputFormat;

use crate::cli::args::{ConfigArgs, SelectionArgs};

/// The settings of the configuration file in effect, if any, for `paths`.
pub fn base_settings(paths: Vec<std::path::PathBuf>, args: &ConfigArgs) -> Result<Settings, Error> {
    let mut settings = Settings {
        paths,
        ..Settings::default()
    };
    if let Some(path) = config_path(args) {
        let config = config::load(&path).map_err(Error::Configuration)?;
        settings.apply_config(&config, &path)?;
    }
    Ok(settings)
}

/// `--config FILE`, else the nearest corpuslint.toml from the current folder up, unless
/// `--isolated`.
pub fn config_path(args: &ConfigArgs) -> Option<std::path::PathBuf> {
    if args.isolated {
        return None;
    }
    args.config.clone().or_else(|| {
        let here = std::env::current_dir().ok()?;
        let found = config::find(&here)?;
        // Shown relative to the current folder when it is in it.
        Some(
            found
                .strip_prefix(&here)
                .map(|p| p.to_path_buf())
                .unwrap_or(found),
        )
    })
}

/// The settings of the configuration file, with the command-line flags over them.
pub fn selected_settings(
    paths: Vec<std::path::PathBuf>,
    args: &SelectionArgs,
) -> Result<Settings, Error> {
    let mut settings = base_settings(paths, &args.config)?;
    if let Some(select) = &args.select {
        settings.select = select.clone();
    }
    if let Some(ignore) = &args.ignore {
        settings.ignore = ignore.clone();
    }
    if let Some(extensions) = &args.extensions {
        settings.extensions = extensions.clone();
    }
    settings.exclude.extend(args.exclude.iter().cloned());
    if args.no_ignore {
        settings.respect_ignore_files = false;
    }
    if let Some(format) = args.input_format {
        settings.input_format = format.format();
    }
    apply_context(&mut settings, args)?;
    Ok(settings)
}

/// The corpus root (`--root`, else the folder of the configuration file in effect), the
/// cache in it, and the files of `--changed-since`.
pub fn apply_context(settings: &mut Settings, args: &SelectionArgs) -> Result<(), Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = match &args.context.root {
        Some(root) if !root.is_dir() => {
            return Err(Error::Root(format!("{}: not a folder", root.display())));
        }
        Some(root) => Some(root.clone()),
        None => config_path(&args.config).map(|config| match config.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        }),
    };
    if let Some(rev) = &args.context.changed_since {
        settings.paths = corpuslint::discover::changed::changed_since(rev)?
            .into_iter()
            .filter(|path| {
                let shard = settings.input_format != InputFormat::Text
                    && corpuslint::discover::shards::is_shard_name(path);
                path.is_file()
                    && (shard || corpuslint::discover::has_extension(path, &settings.extensions))
            })
            .collect();
    }
    if !args.context.no_context {
        settings.root = root.map(|root| corpuslint::discover::scope::relative_root(&cwd, &root));
        settings.cache = !args.context.no_cache;
    }
    Ok(())
}
