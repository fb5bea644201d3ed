//! Records the commit dflint is built from, for `dflint --version`: `DFLINT_VERSION` is
//! `0.1.0 (abc1234)`, or `0.1.0` alone when the commit is unknown (a source tarball, a crates.io
//! package, a build without git). `DFLINT_COMMIT` in the environment wins over git (the
//! `Dockerfile` passes it in, as the build context has no `.git`). Nothing but the short hash is
//! baked in: no paths, no dates, so builds stay reproducible.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=DFLINT_COMMIT");
    let commit = match std::env::var("DFLINT_COMMIT") {
        Ok(commit) => Some(commit.trim().to_owned()).filter(|c| !c.is_empty()),
        Err(_) => git_commit(),
    };
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let long = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=DFLINT_VERSION={long}");
}

/// The short hash of `HEAD`, and a rebuild whenever `HEAD` moves; `None` outside a git checkout.
fn git_commit() -> Option<String> {
    let hash = git(&["rev-parse", "--short", "HEAD"])?;
    // Rebuild when HEAD changes: HEAD itself (a checkout), the branch it points at (a commit)
    // and packed-refs. A worktree keeps HEAD in its own git dir and refs in the common one.
    if let (Some(git_dir), Some(common_dir)) =
        (git(&["rev-parse", "--git-dir"]), git(&["rev-parse", "--git-common-dir"]))
    {
        let (git_dir, common_dir) = (PathBuf::from(git_dir), PathBuf::from(common_dir));
        let mut watched = vec![git_dir.join("HEAD"), common_dir.join("packed-refs")];
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            // A branch only in packed-refs gets its loose file on the next commit: watch its folder.
            let loose = common_dir.join(reference);
            watched.push(if loose.exists() { loose } else { loose.parent().map_or(common_dir, PathBuf::from) });
        }
        // A path that does not exist would make cargo run this script on every build.
        for path in watched.iter().filter(|p| p.exists()) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    Some(hash)
}

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}
