//! `dflint migrate`: turns hadolint's `.hadolint.yaml` into the equivalent `.dflint.toml`.
//!
//! Exit codes: 0 when the file was written (or printed), 2 when the hadolint file cannot be read
//! or is invalid, or when `.dflint.toml` exists and `--force` is not given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use dflint_config::{HadolintConfig, CONFIG_FILE_NAME, HADOLINT_FILE_NAMES};

/// Write the `.dflint.toml` equivalent to a hadolint configuration (`.hadolint.yaml`).
#[derive(Debug, clap::Args)]
pub(crate) struct MigrateArgs {
    /// The hadolint configuration file, or a folder holding `.hadolint.yaml` or `.hadolint.yml`.
    /// Default: the one hadolint would use from the current folder. The `.dflint.toml` is written
    /// in that folder (the current folder when the file was found outside it).
    path: Option<PathBuf>,
    /// Print the `.dflint.toml` on standard output instead of writing it.
    #[arg(long)]
    stdout: bool,
    /// Overwrite an existing `.dflint.toml`.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: MigrateArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let (source, folder) = match &args.path {
        Some(path) if path.is_dir() => {
            let found = HADOLINT_FILE_NAMES.iter().map(|name| path.join(name)).find(|p| p.is_file());
            match found {
                Some(file) => (file, path.clone()),
                None => bail!("no .hadolint.yaml or .hadolint.yml in {}", path.display()),
            }
        }
        Some(path) => {
            let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
            (path.clone(), if folder.as_os_str().is_empty() { PathBuf::from(".") } else { folder })
        }
        None => match dflint_config::find_hadolint_config(&cwd) {
            Some(file) => {
                let shown = file.strip_prefix(&cwd).map_or_else(|_| file.clone(), Path::to_path_buf);
                (shown, PathBuf::from("."))
            }
            None => bail!("no hadolint configuration found (looked where hadolint looks: .hadolint.yaml, ~/.config/hadolint.yaml, ...)"),
        },
    };
    let text = std::fs::read_to_string(&source).with_context(|| format!("cannot read {}", source.display()))?;
    let config = match HadolintConfig::parse(&text, &source) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err}");
            return Ok(ExitCode::from(2));
        }
    };
    let name = source.file_name().map_or_else(|| source.display().to_string(), |n| n.to_string_lossy().into_owned());
    let toml = config.to_dflint_toml(&name);
    for item in &config.unmapped {
        eprintln!("dflint: note: no equivalent for {item}");
    }
    if args.stdout {
        print!("{toml}");
        return Ok(ExitCode::SUCCESS);
    }
    let target = if folder == Path::new(".") { PathBuf::from(CONFIG_FILE_NAME) } else { folder.join(CONFIG_FILE_NAME) };
    if target.exists() && !args.force {
        eprintln!("dflint: error: {} exists: pass --force to overwrite it, or --stdout to print", target.display());
        return Ok(ExitCode::from(2));
    }
    if target.exists() {
        crate::atomic_write::write_atomically(&target, &toml)
    } else {
        std::fs::write(&target, &toml)
    }
    .with_context(|| format!("cannot write {}", target.display()))?;
    eprintln!("Wrote {} from {}.", target.display(), source.display());
    Ok(ExitCode::SUCCESS)
}
