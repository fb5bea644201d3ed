//! Which files `dflint check` lints: the files named on the command line, always, and the
//! Dockerfiles found in the folders named (the `ignore` crate's walk, as ripgrep does: `.gitignore`,
//! `.ignore` and git's exclude files are honoured, hidden files and folders skipped).

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::source::InputError;

/// One thing to lint.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// How messages name it: the path relative to the current folder when it is inside it, else as
    /// given; for standard input, `--stdin-filename` or `<stdin>`.
    pub(crate) name: String,
    /// Absolute and normalized: finds the configuration and matches per-file globs. For standard
    /// input, the path `--stdin-filename` names (or a `-` in the current folder).
    pub(crate) path: PathBuf,
    /// Where the text comes from.
    pub(crate) origin: Origin,
}

/// Where the text of an [`Input`] comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A file, opened by this path.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// Is `name` a Dockerfile by its name? `Dockerfile`, `Containerfile`, `Dockerfile.*`,
/// `Containerfile.*`, `*.Dockerfile`, `*.dockerfile`.
pub(crate) fn is_dockerfile_name(name: &str) -> bool {
    ["Dockerfile", "Containerfile"].iter().any(|stem| {
        name == *stem || name.strip_prefix(stem).is_some_and(|rest| rest.len() > 1 && rest.starts_with('.'))
    }) || [".Dockerfile", ".dockerfile"].iter().any(|ext| name.len() > ext.len() && name.ends_with(ext))
}

/// The inputs `paths` name, sorted by name and without duplicates, and the errors met while
/// walking folders. No paths: the current folder.
pub(crate) fn collect(paths: &[PathBuf], cwd: &Path, stdin_filename: Option<&Path>) -> (Vec<Input>, Vec<InputError>) {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let normalized_cwd = dflint_config::normalize(cwd);
    for path in paths {
        if path == Path::new("-") {
            let (name, path) = match stdin_filename {
                Some(name) => (shown(cwd, name), dflint_config::absolute(cwd, name)),
                None => ("<stdin>".to_owned(), dflint_config::absolute(cwd, Path::new("-"))),
            };
            inputs.push(Input { name, path, origin: Origin::Stdin });
        } else if path.is_dir() {
            walk(path, cwd, &normalized_cwd, &mut inputs, &mut errors);
        } else {
            inputs.push(file_input(path, cwd, &normalized_cwd));
        }
    }
    // The paths are normalized, so equal paths are equal byte strings (hashing a `Path` walks
    // its components, which costs more than the bytes).
    let keep: Vec<bool> = {
        let mut seen = HashSet::new();
        inputs
            .iter()
            .map(|input| seen.insert((input.path.as_os_str().as_encoded_bytes(), input.origin == Origin::Stdin)))
            .collect()
    };
    let mut keep = keep.into_iter();
    inputs.retain(|_| keep.next().unwrap_or(true));
    // In `Path` order (component by component, as `Component` orders them), each name split once.
    inputs.sort_by_cached_key(|input| {
        let rank = |c: &Component| match c {
            Component::Prefix(_) => 0u8,
            Component::RootDir => 1,
            Component::CurDir => 2,
            Component::ParentDir => 3,
            Component::Normal(_) => 4,
        };
        Path::new(&input.name).components().map(|c| (rank(&c), c.as_os_str().to_os_string())).collect::<Vec<_>>()
    });
    (inputs, errors)
}

fn walk(folder: &Path, cwd: &Path, normalized_cwd: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    // `require_git(false)`: a `.gitignore` counts outside a git checkout too (ripgrep's default is
    // to need one), so that what is linted does not depend on where the folder sits.
    let walker = ignore::WalkBuilder::new(folder).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && entry.file_name().to_str().is_some_and(is_dockerfile_name) {
                    inputs.push(file_input(entry.path(), cwd, normalized_cwd));
                }
            }
            Err(err) => {
                let location = match &err {
                    ignore::Error::WithPath { path, .. } => shown(cwd, path),
                    _ => shown(cwd, folder),
                };
                errors.push(InputError::new(location, format!("cannot search folder: {}", strip_path(&err))));
            }
        }
    }
}

/// The message of a walk error without the path it carries (we print that in front).
fn strip_path(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => strip_path(err),
        other => other.to_string(),
    }
}

fn file_input(path: &Path, cwd: &Path, normalized_cwd: &Path) -> Input {
    // A plain relative path (`a/Dockerfile`: no `.`, `..`, empty segment or trailing `/`), as a
    // shell's glob gives thousands of them, is already normal: no component walk needed.
    if let Some(text) = path.to_str() {
        if cfg!(unix)
            && !text.is_empty()
            && !text.starts_with('/')
            && text.split('/').all(|s| !matches!(s, "" | "." | ".."))
        {
            return Input {
                name: text.to_string(),
                path: normalized_cwd.join(path),
                origin: Origin::File(path.to_path_buf()),
            };
        }
    }
    let absolute = dflint_config::absolute(cwd, path);
    Input { name: shown_as(&absolute, normalized_cwd, path), path: absolute, origin: Origin::File(path.to_path_buf()) }
}

/// How to name `path` in messages: relative to `cwd` when it is inside it, else as given.
pub(crate) fn shown(cwd: &Path, path: &Path) -> String {
    shown_as(&dflint_config::absolute(cwd, path), &dflint_config::normalize(cwd), path)
}

/// [`shown`] for a path already made absolute, with the current folder normalized.
fn shown_as(absolute: &Path, normalized_cwd: &Path, path: &Path) -> String {
    match absolute.strip_prefix(normalized_cwd) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.display().to_string(),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        for name in
            ["Dockerfile", "Containerfile", "Dockerfile.dev", "Containerfile.arm64", "app.Dockerfile", "x.dockerfile"]
        {
            assert!(is_dockerfile_name(name), "{name}");
        }
        for name in ["dockerfile", "Dockerfile.", "Dockerfiles", ".Dockerfile", "Dockerfile-dev", "README.md", "docker"]
        {
            assert!(!is_dockerfile_name(name), "{name}");
        }
    }

    #[test]
    fn plain_relative_paths_take_the_short_way_to_the_same_input() {
        let cwd = Path::new("/home/user/./project");
        let normalized = dflint_config::normalize(cwd);
        for path in ["Dockerfile", "a/b/Dockerfile", "a//Dockerfile", "./a", "a/./b", "a/../b", "a/", "../x", "/abs/x"]
        {
            let input = file_input(Path::new(path), cwd, &normalized);
            let absolute = dflint_config::absolute(cwd, Path::new(path));
            assert_eq!(input.name, shown_as(&absolute, &normalized, Path::new(path)), "{path}");
            assert_eq!(input.path, absolute, "{path}");
        }
    }

    #[test]
    fn names_are_relative_to_the_current_folder() {
        let cwd = Path::new("/home/user/project");
        assert_eq!(shown(cwd, Path::new("./a/Dockerfile")), "a/Dockerfile");
        assert_eq!(shown(cwd, Path::new("/home/user/project/a/Dockerfile")), "a/Dockerfile");
        assert_eq!(shown(cwd, Path::new("../other/Dockerfile")), "../other/Dockerfile");
        assert_eq!(shown(cwd, Path::new("/elsewhere/Dockerfile")), "/elsewhere/Dockerfile");
    }
}
