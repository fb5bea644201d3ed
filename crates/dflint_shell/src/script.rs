//! The script model rules work with: [`Script`], [`Command`], [`Word`], [`Redirect`], and the flag
//! helpers that read arguments the way GNU and POSIX tools do.

use std::ops::Range;

use crate::word;

/// A parsed shell script: its simple commands, flattened, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// Every simple command, ordered by start offset (a command comes before the commands of the
    /// substitutions inside it).
    pub commands: Vec<Command>,
    /// True when the parser met text it could not read; the commands are then a best effort.
    pub has_errors: bool,
}

impl Script {
    /// The commands whose program is `name` (compared with [`Command::is`]).
    pub fn commands_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command> + 'a {
        self.commands.iter().filter(move |c| c.is(name))
    }

    /// Does any command run `name`?
    pub fn has_command(&self, name: &str) -> bool {
        self.commands_named(name).next().is_some()
    }

    /// The commands of the pipeline `pos` belongs to, in pipeline order.
    pub fn pipeline(&self, pos: PipelinePos) -> impl Iterator<Item = &Command> {
        self.commands.iter().filter(move |c| c.pipeline.is_some_and(|p| p.id == pos.id))
    }
}

/// How a command is joined to the command before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Connector {
    /// `a && b`
    And,
    /// `a || b`
    Or,
    /// `a; b` (also `;;` in `case`)
    Semi,
    /// A line break between two commands.
    Newline,
    /// `a | b` or `a |& b`
    Pipe,
    /// `a & b`
    Background,
}

/// Where a command stands in a pipeline of two or more commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PipelinePos {
    /// Identifies the pipeline within its script.
    pub id: usize,
    /// 0 for the first command.
    pub index: usize,
    /// How many commands the pipeline has.
    pub len: usize,
}

/// A shell word: an argument, a command name, an assignment, a redirection target.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Word {
    /// Byte range in the parsed text.
    pub range: Range<usize>,
    /// The word as written.
    pub raw: String,
    /// The word after quote removal and backslash escapes; expansions (`$X`, `${X}`, `$(...)`,
    /// backquotes) are kept as written.
    pub value: String,
}

impl Word {
    /// A word for `text[range]`. Out-of-bounds or non-boundary ranges give an empty word.
    pub(crate) fn new(text: &str, range: Range<usize>) -> Word {
        let raw = text.get(range.clone()).unwrap_or_default().to_string();
        let value = word::unquote(&raw);
        Word { range, raw, value }
    }

    /// Does the word's value depend on the environment (`$X`, `${X}`, `$(...)`, backquotes outside
    /// single quotes)?
    pub fn has_expansion(&self) -> bool {
        word::has_expansion(&self.raw)
    }

    /// Is any part of the word quoted or escaped?
    pub fn is_quoted(&self) -> bool {
        self.raw.bytes().any(|b| matches!(b, b'\'' | b'"' | b'\\'))
    }
}

/// A redirection: `> file`, `2>&1`, `<<EOF`, `<<< word`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Redirect {
    /// Byte range of the whole redirection (for a heredoc: the `<<EOF` marker only).
    pub range: Range<usize>,
    /// The file descriptor written before the operator (`2` in `2>&1`).
    pub fd: Option<u32>,
    /// The operator: `>`, `>>`, `<`, `>&`, `&>`, `<<`, `<<-`, `<<<`, ...
    pub op: String,
    /// The target: file, descriptor, heredoc delimiter, or here-string word.
    pub target: Option<Word>,
}

/// A simple command: `[assignments] name args [redirects]`. Also used for `export`/`declare`/
/// `local`/`readonly`/`unset` (the keyword is the name), for test commands (`[`, `[[`, `((` are the
/// name and the expression's words the arguments, without the closing bracket), and for a line of
/// bare assignments (no name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Command {
    /// Byte range of the command in the parsed text (without redirections written outside it).
    pub range: Range<usize>,
    /// The command name as written (`apt-get`, `/usr/bin/env`, `"$CC"`); `None` for assignments only.
    pub name: Option<Word>,
    /// The arguments after the name.
    pub args: Vec<Word>,
    /// `NAME=value` words before the name.
    pub assignments: Vec<Word>,
    /// Redirections attached to this command.
    pub redirects: Vec<Redirect>,
    /// Set when the command is part of a pipeline of two or more commands.
    pub pipeline: Option<PipelinePos>,
    /// Inside `$(...)`, backquotes, or `<(...)`/`>(...)`.
    pub in_substitution: bool,
    /// Inside a `( ... )` subshell.
    pub in_subshell: bool,
    /// The list operator before this command in source order; `None` for the first command of
    /// the script or of a substitution.
    pub connector_before: Option<Connector>,
}

/// A flag's value, found by [`Command::flag_value`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagValue<'a> {
    /// The argument holding the flag.
    pub flag: &'a Word,
    /// The argument holding the value: the flag itself for `--opt=value` and `-ovalue`, else the
    /// next argument.
    pub word: &'a Word,
    /// The value, unquoted.
    pub value: &'a str,
}

/// How one argument reads as an option.
enum Arg<'a> {
    /// `--`: everything after is positional.
    EndOfOptions,
    /// `--name` or `--name=value` (`value` is `None` without `=`).
    Long { name: &'a str, value: Option<&'a str> },
    /// `-abc`: a group of short flags (the characters after the dash).
    Short(&'a str),
    /// Anything else, `-` included.
    Positional,
}

fn classify(value: &str) -> Arg<'_> {
    if value == "--" {
        Arg::EndOfOptions
    } else if let Some(long) = value.strip_prefix("--") {
        match long.split_once('=') {
            Some((name, value)) => Arg::Long { name, value: Some(value) },
            None => Arg::Long { name: long, value: None },
        }
    } else if let Some(short) = value.strip_prefix('-').filter(|s| !s.is_empty()) {
        Arg::Short(short)
    } else {
        Arg::Positional
    }
}

/// `-y` -> Short('y'), `--yes` -> Long("yes"); anything else matches nothing.
enum FlagName<'a> {
    Short(char),
    Long(&'a str),
}

fn flag_name(flag: &str) -> Option<FlagName<'_>> {
    if let Some(long) = flag.strip_prefix("--").filter(|l| !l.is_empty()) {
        return Some(FlagName::Long(long));
    }
    let mut chars = flag.strip_prefix('-')?.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(FlagName::Short(c)),
        _ => None,
    }
}

impl Command {
    /// The command name's value (quotes removed; a path stays a path).
    pub fn name_str(&self) -> Option<&str> {
        self.name.as_ref().map(|w| w.value.as_str())
    }

    /// The name without its directory: `apt-get` for `/usr/bin/apt-get`.
    pub fn program(&self) -> Option<&str> {
        let name = self.name_str()?;
        // A byte loop: names are short, and `rsplit` costs more to set up than to run here.
        Some(match name.bytes().rposition(|b| b == b'/') {
            Some(slash) => &name[slash + 1..],
            None => name,
        })
    }

    /// Is this command `name`, written bare or as a path (`/usr/bin/name`)?
    pub fn is(&self, name: &str) -> bool {
        // Rules ask this of every command for many names: compare the end first.
        let Some(full) = self.name_str() else { return false };
        let matches = match full.strip_suffix(name) {
            Some(dir) => dir.is_empty() || dir.ends_with('/'),
            None => false,
        };
        matches && !name.contains('/')
    }

    /// Is the command part of a pipeline of two or more commands?
    pub fn in_pipeline(&self) -> bool {
        self.pipeline.is_some()
    }

    /// The arguments' values.
    pub fn args_str(&self) -> Vec<&str> {
        self.args.iter().map(|w| w.value.as_str()).collect()
    }

    /// Arguments before a `--` that ends the options.
    fn option_args(&self) -> impl Iterator<Item = (usize, &Word)> {
        self.args.iter().enumerate().take_while(|(_, w)| w.value != "--")
    }

    /// Is `flag` given? `-y` matches `-y` and a short group containing `y` (`-qy`); `--yes`
    /// matches `--yes` and `--yes=...`. Arguments after `--` are not flags. Values of other flags
    /// are not known here, so `-o -y` counts `-y`, and single-dash long options (`find -name`)
    /// read as groups of short flags.
    pub fn has_flag(&self, flag: &str) -> bool {
        let Some(wanted) = flag_name(flag) else { return false };
        self.option_args().any(|(_, w)| match (classify(&w.value), &wanted) {
            (Arg::Long { name, .. }, FlagName::Long(l)) => name == *l,
            (Arg::Short(group), FlagName::Short(c)) => group.contains(*c),
            _ => false,
        })
    }

    /// Is any of `flags` given (see [`Command::has_flag`])?
    pub fn has_any_flag(&self, flags: &[&str]) -> bool {
        flags.iter().any(|f| self.has_flag(f))
    }

    /// The value of the first occurrence of a flag that takes one (see [`Command::flag_values`]).
    pub fn flag_value(&self, flag: &str) -> Option<FlagValue<'_>> {
        self.flag_values(flag).into_iter().next()
    }

    /// The values of every occurrence of `flag`, a flag that takes a value: `--file=x`,
    /// `--file x`, `-fx`, `-f x`, and `-vf x` (the flag last in a short group takes the next
    /// argument). An occurrence with nothing after it gives no value.
    pub fn flag_values(&self, flag: &str) -> Vec<FlagValue<'_>> {
        let Some(wanted) = flag_name(flag) else { return Vec::new() };
        let mut out = Vec::new();
        let mut skip_next = false;
        for (i, w) in self.option_args() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let next = || self.args.get(i + 1).map(|next| FlagValue { flag: w, word: next, value: &next.value });
            match (classify(&w.value), &wanted) {
                (Arg::Long { name, value }, FlagName::Long(l)) if name == *l => match value {
                    Some(v) => out.push(FlagValue { flag: w, word: w, value: v }),
                    None => {
                        out.extend(next());
                        skip_next = true;
                    }
                },
                (Arg::Short(group), FlagName::Short(c)) => {
                    if let Some(at) = group.find(*c) {
                        let rest = &group[at + c.len_utf8()..];
                        if rest.is_empty() {
                            out.extend(next());
                            skip_next = true;
                        } else {
                            out.push(FlagValue { flag: w, word: w, value: rest });
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The arguments that are not flags, in order. `value_flags` names the flags that take a
    /// value as a separate argument (`-t`, `--tag`), whose values are skipped; a `--name=value`
    /// or `-tvalue` needs no listing. `-` is positional; everything after `--` is positional.
    pub fn positional_args(&self, value_flags: &[&str]) -> Vec<&Word> {
        let mut out = Vec::new();
        self.positionals(value_flags, |w| {
            out.push(w);
            true
        });
        out
    }

    /// Calls `f` with each positional argument (see [`Command::positional_args`]) until it
    /// returns false.
    fn positionals<'w>(&'w self, value_flags: &[&str], mut f: impl FnMut(&'w Word) -> bool) {
        let takes_value = |name: FlagName| {
            value_flags.iter().filter_map(|f| flag_name(f)).any(|f| match (&f, &name) {
                (FlagName::Long(a), FlagName::Long(b)) => a == b,
                (FlagName::Short(a), FlagName::Short(b)) => a == b,
                _ => false,
            })
        };
        let mut args = self.args.iter();
        while let Some(w) = args.next() {
            match classify(&w.value) {
                Arg::EndOfOptions => {
                    for w in args.by_ref() {
                        if !f(w) {
                            return;
                        }
                    }
                    return;
                }
                Arg::Long { name, value: None } if takes_value(FlagName::Long(name)) => {
                    args.next();
                }
                Arg::Long { .. } => {}
                Arg::Short(group) => {
                    for (at, c) in group.char_indices() {
                        if takes_value(FlagName::Short(c)) {
                            if at + c.len_utf8() == group.len() {
                                args.next();
                            }
                            break;
                        }
                    }
                }
                Arg::Positional => {
                    if !f(w) {
                        return;
                    }
                }
            }
        }
    }

    /// The first positional argument (see [`Command::positional_args`]): `install` in
    /// `apt-get -q install curl`.
    pub fn subcommand(&self, value_flags: &[&str]) -> Option<&Word> {
        let mut first = None;
        self.positionals(value_flags, |w| {
            first = Some(w);
            false
        });
        first
    }

    /// The positional arguments after the subcommand: the packages of `apt-get -y install a b`.
    pub fn args_after_subcommand(&self, value_flags: &[&str]) -> Vec<&Word> {
        self.positional_args(value_flags).into_iter().skip(1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(args: &[&str]) -> Command {
        let mut at = 0;
        let words: Vec<Word> = args
            .iter()
            .map(|a| {
                let w = Word::new(a, 0..a.len());
                let w = Word { range: at..at + a.len(), ..w };
                at += a.len() + 1;
                w
            })
            .collect();
        Command {
            range: 0..at,
            name: Some(words[0].clone()),
            args: words[1..].to_vec(),
            assignments: vec![],
            redirects: vec![],
            pipeline: None,
            in_substitution: false,
            in_subshell: false,
            connector_before: None,
        }
    }

    #[test]
    fn flags() {
        let c = cmd(&["apt-get", "-qy", "--no-install-recommends", "install", "--", "-x"]);
        assert!(c.has_flag("-y") && c.has_flag("-q") && c.has_flag("--no-install-recommends"));
        assert!(!c.has_flag("-x"), "after -- nothing is a flag");
        assert!(!c.has_flag("--yes") && !c.has_flag("y") && !c.has_flag("-"));
        assert!(c.has_any_flag(&["--yes", "-y"]));
        let c = cmd(&["pip", "install", "--index-url=https://x", "-r", "req.txt", "--target", "/t"]);
        assert!(c.has_flag("--index-url"));
        assert_eq!(c.flag_value("--index-url").unwrap().value, "https://x");
        assert_eq!(c.flag_value("-r").unwrap().value, "req.txt");
        assert_eq!(c.flag_value("--target").unwrap().word.raw, "/t");
        assert!(c.flag_value("--nope").is_none());
    }

    #[test]
    fn short_values() {
        let c = cmd(&["tar", "-xzf", "a.tgz", "-Cdir", "-C", "other", "-f"]);
        let values: Vec<_> = c.flag_values("-C").iter().map(|v| v.value).collect();
        assert_eq!(values, ["dir", "other"]);
        assert_eq!(c.flag_values("-f").iter().map(|v| v.value).collect::<Vec<_>>(), ["a.tgz"]);
    }

    #[test]
    fn positional() {
        let c = cmd(&["apt-get", "-q", "-o", "Dpkg::Options=x", "install", "-y", "curl", "-", "--", "-z"]);
        let pos: Vec<_> = c.positional_args(&["-o"]).iter().map(|w| w.value.as_str()).collect();
        assert_eq!(pos, ["install", "curl", "-", "-z"]);
        assert_eq!(c.subcommand(&["-o"]).unwrap().value, "install");
        assert_eq!(c.args_after_subcommand(&["-o"]).len(), 3);
        let c = cmd(&["docker", "build", "-qt", "name", "--file", "F", "."]);
        let pos: Vec<_> = c.positional_args(&["-t", "--file"]).iter().map(|w| w.value.as_str()).collect();
        assert_eq!(pos, ["build", "."]);
    }

    #[test]
    fn names() {
        let c = cmd(&["/usr/bin/apt-get", "update"]);
        assert_eq!(c.name_str(), Some("/usr/bin/apt-get"));
        assert_eq!(c.program(), Some("apt-get"));
        assert!(c.is("apt-get"));
        assert_eq!(c.args_str(), ["update"]);
    }
}
