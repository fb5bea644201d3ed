//! Replacing a file's contents atomically, as `check --fix` and `fmt` do: the new text goes to a
//! temporary file in the same folder, with the permissions of the old one, which is then renamed
//! over it. The text is written byte for byte (byte-order mark and line endings included).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the file at `path` (or, for a symbolic link, the file it points to) with `text`.
pub(crate) fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(".dflint-").tempfile_in(folder)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
    temp.persist(&target).map_err(|err| err.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_bytes_and_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("Dockerfile");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        let text = "\u{feff}FROM a\r\nCMD [\"x\"]\r\n";
        write_atomically(&path, text).expect("written");
        assert_eq!(fs::read(&path).expect("read"), text.as_bytes());
        assert_eq!(fs::metadata(&path).expect("metadata").permissions().mode() & 0o777, 0o640);
        let leftovers = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_keeps_pointing_at_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("Dockerfile.real");
        let link = dir.path().join("Dockerfile");
        fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomically(&link, "new").expect("written");
        assert!(fs::symlink_metadata(&link).expect("metadata").file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
    }
}
