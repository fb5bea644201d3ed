//! DF304: a `RUN --mount` that BuildKit rejects.

use crate::checker::Checker;
use crate::declare_rule;
use crate::rules::builder_util::{go_bool, has_variable, parsed_flags, suggest, value_range};
use dflint_syntax::ast::{AstNode, Flag, Instruction};
use dflint_syntax::SyntaxKind::*;
use dflint_syntax::{TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Reads each `RUN --mount=...` as BuildKit does (comma-separated `key=value` fields) and
    /// reports what it rejects:
    /// - a `type` other than `bind`, `cache`, `tmpfs`, `secret`, `ssh`;
    /// - an unknown key (`dest=`, `targte=`), with the closest known one;
    /// - a key the mount type does not take: `required` outside `secret`/`ssh`, `size` outside
    ///   `tmpfs`, `mode`/`uid`/`gid` on `bind` and `tmpfs`, `sharing` outside `cache`, `from` on
    ///   `secret`;
    /// - a value that does not parse: booleans (`ro`, `rw`, `required`), `sharing` (`shared`,
    ///   `private`, `locked`), `mode` (octal), `uid`/`gid` (numbers), `size`;
    /// - a variable in `from`, which BuildKit does not expand there;
    /// - a `secret` mount with neither `id`, `source` nor `target`, or with both `id` and `source`;
    /// - a `bind`, `cache` or `tmpfs` mount without `target` where the working directory is `/`:
    ///   the mount would land on `/`, which BuildKit refuses.
    ///
    /// ## Why is this bad?
    /// `docker build` stops on it before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN --mount=type=cache,dest=/root/.cache/go-build go build ./...
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN --mount=type=cache,target=/root/.cache/go-build go build ./...
    /// ```
    ///
    /// ## Differences from BuildKit
    /// Values holding a variable are expanded by BuildKit before they are checked; dflint skips
    /// them. A missing `target` (the mount then goes to the working directory) is only reported
    /// when the working directory is certainly `/`: no `WORKDIR` in the stage or the stages it is
    /// built on, and a chain starting at `scratch` or a distribution image (`alpine`, `debian`,
    /// `ubuntu`...) that sets none. Other images may set one, which only the registry knows.
    ///
    /// ## References
    /// - [Dockerfile reference: RUN --mount](https://docs.docker.com/reference/dockerfile/#run---mount)
    pub(crate) static RULE = {
        code: "DF304",
        name: "invalid-run-mount",
        severity: Error,
        fix: None,
        check: check,
    }
}

const TYPES: &[&str] = &["bind", "cache", "tmpfs", "secret", "ssh"];
const KEYS: &[&str] = &[
    "type",
    "from",
    "source",
    "src",
    "target",
    "dst",
    "destination",
    "readonly",
    "ro",
    "readwrite",
    "rw",
    "required",
    "size",
    "id",
    "sharing",
    "mode",
    "uid",
    "gid",
    "env",
];

/// Splits a CSV record as Go's `encoding/csv` does, returning each field's text and its byte
/// range in `s`.
fn csv_fields(s: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        let mut field = String::new();
        if b.get(i) == Some(&b'"') {
            i += 1;
            while i < b.len() {
                if b[i] == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        field.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                let c = s[i..].chars().next().expect("in bounds");
                field.push(c);
                i += c.len_utf8();
            }
            while i < b.len() && b[i] != b',' {
                field.push(b[i] as char);
                i += 1;
            }
        } else {
            let end = s[i..].find(',').map_or(s.len(), |j| i + j);
            field.push_str(&s[i..end]);
            i = end;
        }
        out.push((field, start..i));
        if i >= b.len() {
            break;
        }
        i += 1;
    }
    out
}

/// A docker/go-units `RAMInBytes` size: a number and an optional unit (`64m`, `1.5GiB`).
fn valid_size(s: &str) -> bool {
    let s = s.trim();
    let num_len = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    if num_len == 0 || s[..num_len].parse::<f64>().is_err() {
        return false;
    }
    let unit = s[num_len..].to_ascii_lowercase();
    matches!(
        unit.as_str(),
        "" | "b"
            | "k"
            | "m"
            | "g"
            | "t"
            | "p"
            | "kb"
            | "mb"
            | "gb"
            | "tb"
            | "pb"
            | "kib"
            | "mib"
            | "gib"
            | "tib"
            | "pib"
    )
}

struct Problem {
    range: std::ops::Range<usize>,
    message: String,
}

/// Base images whose working directory is `/` (they set no `WORKDIR`).
const ROOT_WORKDIR_IMAGES: &[&str] = &[
    "alpine",
    "busybox",
    "debian",
    "ubuntu",
    "fedora",
    "centos",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "archlinux",
];

/// Is the working directory at `instruction` certainly `/`? True when neither the stage nor the
/// stages it is built on set a `WORKDIR` (other than `/`), and the chain starts at `scratch` or
/// a distribution image known to leave it at `/`. Other images may set one.
fn workdir_is_root(checker: &Checker, instruction: &Instruction) -> bool {
    let model = checker.model();
    let Some(mut stage) = model.stage_at(instruction.range().start()) else { return false };
    let sets_workdir =
        |i: &Instruction| i.kind() == WORKDIR_INSTR && i.words().next().is_some_and(|w| w.logical_text().trim() != "/");
    let end = instruction.range().start();
    if stage.instructions.iter().take_while(|i| i.range().start() < end).any(sets_workdir) {
        return false;
    }
    loop {
        match stage.base.stage {
            Some(parent) => {
                let Some(p) = model.stages.get(parent) else { return false };
                if p.index >= stage.index || p.instructions.iter().any(sets_workdir) {
                    return false;
                }
                stage = p;
            }
            None if stage.base.is_scratch => return true,
            None => {
                let Some(reference) = stage.base.image_ref() else { return false };
                let name = reference.name.0.strip_prefix("library/").unwrap_or(&reference.name.0).to_string();
                let official = reference.registry.as_ref().is_none_or(|(r, _)| r == "docker.io");
                return official && ROOT_WORKDIR_IMAGES.contains(&name.as_str());
            }
        }
    }
}

fn check_mount(value: &str, root_workdir: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut typ = "bind".to_string();
    let (mut source, mut target, mut id, mut from, mut sharing) = (false, false, false, false, false);
    let mut file_info: Option<(&str, std::ops::Range<usize>)> = None;
    // After an unknown key (a misspelt `target`, often), a missing target is not worth a second report.
    let mut unknown_key = false;
    let fields = csv_fields(value);
    for (field, range) in &fields {
        let (key, val, has_eq) = match field.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), v, true),
            None => (field.to_ascii_lowercase(), "", false),
        };
        let mut bad = |message: String| problems.push(Problem { range: range.clone(), message });
        if !has_eq {
            match key.as_str() {
                "readonly" | "ro" | "readwrite" | "rw" => {}
                "required" if typ == "secret" || typ == "ssh" => {}
                "required" => bad(format!("`required` is only for `secret` and `ssh` mounts, not `{typ}`")),
                "" => {}
                _ => bad(format!("Invalid mount field `{field}`: it must be a `key=value` pair")),
            }
            continue;
        }
        if key == "from" && has_variable(val) {
            bad("`from` in `--mount` does not expand variables: define an alias stage instead".to_string());
            continue;
        }
        let literal = !has_variable(val);
        match key.as_str() {
            "type" => {
                let v = val.to_ascii_lowercase();
                if literal && !TYPES.contains(&v.as_str()) {
                    let hint =
                        suggest(&v, TYPES.iter().copied()).map_or(String::new(), |h| format!(": did you mean `{h}`?"));
                    bad(format!("Unsupported mount type `{val}` (bind, cache, tmpfs, secret, ssh){hint}"));
                } else {
                    typ = v;
                }
            }
            "from" => from = true,
            "source" | "src" => source = true,
            "target" | "dst" | "destination" => target = true,
            "readonly" | "ro" | "readwrite" | "rw" => {
                if literal && go_bool(val).is_none() {
                    bad(format!("Invalid value for `{key}`: `{val}` is not a boolean"));
                }
            }
            "required" => {
                if typ != "secret" && typ != "ssh" {
                    bad(format!("`required` is only for `secret` and `ssh` mounts, not `{typ}`"));
                } else if literal && go_bool(val).is_none() {
                    bad(format!("Invalid value for `required`: `{val}` is not a boolean"));
                }
            }
            "size" => {
                if typ != "tmpfs" {
                    bad(format!("`size` is only for `tmpfs` mounts, not `{typ}`"));
                } else if literal && !valid_size(val) {
                    bad(format!("Invalid value for `size`: `{val}` (write e.g. `64m`)"));
                }
            }
            "id" => id = true,
            "env" => {}
            "sharing" => {
                sharing = true;
                if literal && !matches!(val.to_ascii_lowercase().as_str(), "shared" | "private" | "locked") {
                    bad(format!("Unsupported sharing value `{val}` (shared, private, locked)"));
                }
            }
            "mode" => {
                if literal && u32::from_str_radix(val, 8).is_err() {
                    bad(format!("Invalid value `{val}` for `mode`: write an octal mode such as `0755`"));
                }
                file_info = Some(("mode", range.clone()));
            }
            "uid" | "gid" => {
                if literal && val.parse::<u32>().is_err() {
                    bad(format!("Invalid value `{val}` for `{key}`: write a number"));
                }
                file_info = Some((if key == "uid" { "uid" } else { "gid" }, range.clone()));
            }
            _ => {
                unknown_key = true;
                let hint =
                    suggest(&key, KEYS.iter().copied()).map_or(String::new(), |h| format!(": did you mean `{h}`?"));
                bad(format!("Unexpected key `{key}` in `--mount`{hint}"));
            }
        }
    }
    let file_info_allowed = matches!(typ.as_str(), "secret" | "ssh" | "cache");
    if let Some((key, range)) = file_info.filter(|_| !file_info_allowed) {
        problems.push(Problem { range, message: format!("`{key}` is not allowed on `{typ}` mounts") });
    }
    let whole = 0..value.len();
    let mut at_end = |message: String| problems.push(Problem { range: whole.clone(), message });
    match typ.as_str() {
        "secret" => {
            if from {
                at_end("A `secret` mount cannot have `from`".to_string());
            }
            if !source && !target && !id {
                at_end("A `secret` mount needs an `id`, `source` or `target`".to_string());
            }
            if source && id {
                at_end("A `secret` mount cannot set both `source` and `id`".to_string());
            }
        }
        "bind" | "cache" | "tmpfs" if !target && root_workdir && !unknown_key => {
            at_end(format!("This `{typ}` mount has no `target`: it would be mounted on `/`, which BuildKit refuses"));
        }
        _ => {}
    }
    if sharing && typ != "cache" && typ != "secret" {
        at_end(format!("`sharing` is only for `cache` mounts, not `{typ}`"));
    } else if sharing && typ == "secret" {
        at_end("A `secret` mount cannot set `sharing`".to_string());
    }
    problems
}

/// The file range of `range` in the flag's value, when the value is written plainly (no quotes,
/// escapes or continuations); else the whole value.
fn map_range(flag: &Flag, text: &str, decoded: &str, range: std::ops::Range<usize>) -> TextRange {
    let whole = value_range(flag);
    if text == decoded && usize::from(whole.len()) == text.len() {
        TextRange::new(
            whole.start() + TextSize::from(range.start as u32),
            whole.start() + TextSize::from(range.end.min(text.len()) as u32),
        )
    } else {
        whole
    }
}

fn check(checker: &mut Checker) {
    let mut found = Vec::new();
    for instruction in checker.all_instructions().iter() {
        if instruction.kind() != RUN_INSTR {
            continue;
        }
        let mounts: Vec<Flag> =
            parsed_flags(instruction).into_iter().filter(|f| f.name().as_deref() == Some("mount")).collect();
        if mounts.is_empty() {
            continue;
        }
        let root_workdir = workdir_is_root(checker, instruction);
        for flag in mounts {
            let Some(decoded) = flag.value_text() else { continue };
            let raw = flag.value().map(|v| checker.slice(v.range()).to_string()).unwrap_or_default();
            for p in check_mount(&decoded, root_workdir) {
                found.push((map_range(&flag, &raw, &decoded, p.range), p.message));
            }
        }
    }
    for (range, message) in found {
        checker.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv() {
        let f = csv_fields("type=bind,\"source=a,b\",target=/x");
        let texts: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["type=bind", "source=a,b", "target=/x"]);
        assert_eq!(f[2].1, 23..32);
    }

    #[test]
    fn mounts() {
        assert!(check_mount("type=cache,target=/root/.cache", true).is_empty());
        assert!(check_mount("type=secret,id=npmrc", false).is_empty());
        assert!(check_mount("type=ssh", false).is_empty());
        assert!(check_mount("type=secret,id=x,required", false).is_empty());
        assert!(check_mount("type=tmpfs,target=/t,size=64m", false).is_empty());
        assert_eq!(check_mount("type=cahce,target=/x", false).len(), 1);
        assert_eq!(check_mount("type=cache,dest=/x", false).len(), 1);
        assert_eq!(check_mount("type=bind,target=/x,required", false).len(), 1);
        assert_eq!(check_mount("type=secret", false).len(), 1);
        assert_eq!(check_mount("type=cache", false).len(), 0);
        assert_eq!(check_mount("type=cache", true).len(), 1);
    }
}
