//! Finding the configuration of each file as ruff does: the nearest `.dflint.toml` in the file's
//! folder or a parent folder, unless `--config` names one for all files. Where no `.dflint.toml`
//! applies, hadolint's configuration is honoured as hadolint finds it. Each folder is looked up
//! once and each configuration file read once.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::error::ConfigError;
use crate::resolve::{Config, Overrides};

/// The name of the configuration file.
pub const CONFIG_FILE_NAME: &str = ".dflint.toml";

/// Finds, reads and caches the configurations of the files of one run.
#[derive(Debug)]
pub struct Discovery {
    /// The folder relative paths are relative to.
    cwd: PathBuf,
    overrides: Overrides,
    /// The configuration for files with no `.dflint.toml` above them, or the one `--config` named.
    fallback: Arc<Config>,
    /// `--config` was given: no discovery.
    explicit: bool,
    /// Folder -> the nearest configuration file in it or above it.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file -> what it resolved to.
    loaded: HashMap<PathBuf, Result<Arc<Config>, ConfigError>>,
}

impl Discovery {
    /// Discovers `.dflint.toml` files, with `cwd` as the base of relative paths. Files with no
    /// `.dflint.toml` above them get the hadolint configuration hadolint would use here
    /// ([`crate::find_hadolint_config`]: `.hadolint.yaml` in `cwd`, then the user's), or the
    /// defaults.
    pub fn new(cwd: &Path, overrides: Overrides) -> Result<Discovery, ConfigError> {
        let fallback = match crate::hadolint::find_hadolint_config(cwd) {
            Some(path) => {
                let shown = path.strip_prefix(cwd).map_or_else(|_| path.clone(), Path::to_path_buf);
                Config::load(&path, &shown, &overrides)?
            }
            None => Config::defaults(&overrides)?,
        };
        let fallback = Arc::new(fallback);
        Ok(Discovery {
            cwd: normalize(cwd),
            overrides,
            fallback,
            explicit: false,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
        })
    }

    /// Uses the configuration file at `path` (as `--config` gives it) for every file.
    pub fn with_config_file(cwd: &Path, path: &Path, overrides: Overrides) -> Result<Discovery, ConfigError> {
        let fallback = Arc::new(Config::load(&absolute(cwd, path), path, &overrides)?);
        Ok(Discovery {
            cwd: normalize(cwd),
            overrides,
            fallback,
            explicit: true,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
        })
    }

    /// The configuration of the file at `path` (relative to `cwd`, or absolute).
    pub fn config_for(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        let path = absolute(&self.cwd, path);
        match path.parent() {
            Some(folder) => self.config_for_folder(folder),
            None => Ok(self.fallback.clone()),
        }
    }

    /// The configuration of files in `folder` (relative to `cwd`, or absolute).
    pub fn config_for_folder(&mut self, folder: &Path) -> Result<Arc<Config>, ConfigError> {
        if self.explicit {
            return Ok(self.fallback.clone());
        }
        let folder = absolute(&self.cwd, folder);
        let Some(file) = self.nearest(&folder) else { return Ok(self.fallback.clone()) };
        if let Some(loaded) = self.loaded.get(&file) {
            return loaded.clone();
        }
        let shown = file.strip_prefix(&self.cwd).map_or_else(|_| file.clone(), Path::to_path_buf);
        let loaded = Config::load(&file, &shown, &self.overrides).map(Arc::new);
        self.loaded.insert(file, loaded.clone());
        loaded
    }

    /// The nearest configuration file in `folder` (absolute) or a parent, caching every folder on
    /// the way.
    fn nearest(&mut self, folder: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut found = None;
        for dir in folder.ancestors() {
            if let Some(cached) = self.nearest.get(dir) {
                found = cached.clone();
                break;
            }
            visited.push(dir.to_path_buf());
            let candidate = dir.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for dir in visited {
            self.nearest.insert(dir, found.clone());
        }
        found
    }
}

/// `path` made absolute against `cwd` and [normalized](normalize).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    normalize(&cwd.join(path))
}

/// Removes `.` and resolves `..` without asking the file system (as ruff does), so that a path
/// keeps the name it was given through symbolic links.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out
}
