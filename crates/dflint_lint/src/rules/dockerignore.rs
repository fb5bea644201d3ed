//! `.dockerignore` files as BuildKit reads them (`moby/patternmatcher` and its `ignorefile`
//! reader), for the CopyIgnoredFile check.
//!
//! Where the file is: the Docker CLI and buildx use `<Dockerfile>.dockerignore` beside the
//! Dockerfile when it exists, else `.dockerignore` at the root of the build context (the
//! Dockerfile's folder unless [`Settings::build_context`] says otherwise).
//!
//! Reading: one pattern a line, blanks trimmed, empty lines and `#` comments skipped, `!` marks an
//! exception, each pattern cleaned like a path (`./a//b/` is `a/b`) with a leading `/` dropped.
//! Matching: `*` any run of characters but `/`, `?` one such character, `[...]` a class, `\` quotes
//! the next character, `**` any number of directories; a path matches when it or one of its parent
//! folders matches.

use crate::settings::Settings;
use std::path::{Path, PathBuf};

/// The patterns of one `.dockerignore`.
#[derive(Clone, Debug)]
pub(crate) struct Patterns {
    patterns: Vec<Pattern>,
}

#[derive(Clone, Debug)]
struct Pattern {
    text: String,
    exclusion: bool,
    tokens: Vec<Token>,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Lit(char),
    /// `*`
    Star,
    /// `?`
    One,
    /// `[...]`: ranges, negated.
    Class(Vec<(char, char)>, bool),
    /// `**` at the end: anything.
    All,
    /// `**` or `**/` before more pattern: any number of leading directories, or none.
    Dirs,
}

impl Patterns {
    /// The patterns that apply to the Dockerfile at `path`, or `None` when there is no
    /// `.dockerignore` (or no path, and none given in `settings`).
    pub(crate) fn for_dockerfile(path: Option<&Path>, settings: &Settings) -> Option<Patterns> {
        if let Some(lines) = &settings.dockerignore {
            return Some(Patterns::parse(&lines.join("\n")));
        }
        let path = path?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut candidates: Vec<PathBuf> = Vec::new();
        if let Some(name) = path.file_name() {
            let mut specific = name.to_os_string();
            specific.push(".dockerignore");
            candidates.push(dir.join(specific));
        }
        let context = match &settings.build_context {
            Some(c) if c.is_absolute() => c.clone(),
            Some(c) => dir.join(c),
            None => dir.to_path_buf(),
        };
        candidates.push(context.join(".dockerignore"));
        let text = candidates.iter().find_map(|c| std::fs::read_to_string(c).ok())?;
        Some(Patterns::parse(&text))
    }

    /// Reads the text of a `.dockerignore`.
    pub(crate) fn parse(text: &str) -> Patterns {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exclusion, rest) = match line.strip_prefix('!') {
                Some(r) => (true, r.trim()),
                None => (false, line),
            };
            let mut cleaned = clean(rest);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let tokens = compile(&cleaned);
            patterns.push(Pattern { text: cleaned, exclusion, tokens });
        }
        Patterns { patterns }
    }

    /// Is there an exception (`!pattern`)? BuildKit's check then says nothing, since a file in an
    /// ignored folder may be let back in.
    pub(crate) fn has_exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// Do the patterns exclude everything (`*`, `**`, `**/*`)? Only then is the context root itself
    /// (`COPY . .`) reported.
    pub(crate) fn excludes_root(&self) -> bool {
        self.patterns.iter().any(|p| !p.exclusion && matches!(p.text.as_str(), "*" | "**" | "**/*"))
    }

    /// patternmatcher's `MatchesOrParentMatches` for a cleaned, slash-separated path.
    pub(crate) fn matches_or_parent_matches(&self, file: &str) -> bool {
        let dirs: Vec<&str> = match file.rfind('/') {
            Some(i) => file[..i].split('/').collect(),
            None => Vec::new(),
        };
        let mut matched = false;
        for p in &self.patterns {
            if p.exclusion != matched {
                continue;
            }
            let mut m = matches(&p.tokens, &file.chars().collect::<Vec<_>>());
            if !m {
                for i in 0..dirs.len() {
                    let parent: Vec<char> = dirs[..=i].join("/").chars().collect();
                    if matches(&p.tokens, &parent) {
                        m = true;
                        break;
                    }
                }
            }
            if m {
                matched = !p.exclusion;
            }
        }
        matched
    }
}

/// Go's `filepath.Clean` on a slash-separated path.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

fn compile(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                out.push(if i >= chars.len() { Token::All } else { Token::Dirs });
            }
            '*' => out.push(Token::Star),
            '?' => out.push(Token::One),
            '\\' => {
                if let Some(&n) = chars.get(i) {
                    out.push(Token::Lit(n));
                    i += 1;
                }
            }
            '[' => {
                let mut j = i;
                let negated = matches!(chars.get(j), Some('^') | Some('!'));
                if negated {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut closed = false;
                while j < chars.len() {
                    let mut a = chars[j];
                    if a == ']' && (j > i + usize::from(negated)) {
                        closed = true;
                        j += 1;
                        break;
                    }
                    if a == '\\' && j + 1 < chars.len() {
                        j += 1;
                        a = chars[j];
                    }
                    let mut b = a;
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|c| *c != ']') {
                        b = chars[j + 2];
                        j += 2;
                    }
                    ranges.push((a, b));
                    j += 1;
                }
                if closed {
                    out.push(Token::Class(ranges, negated));
                    i = j;
                } else {
                    out.push(Token::Lit('['));
                }
            }
            c => out.push(Token::Lit(c)),
        }
    }
    out
}

fn matches(tokens: &[Token], s: &[char]) -> bool {
    let Some((first, rest)) = tokens.split_first() else { return s.is_empty() };
    match first {
        Token::Lit(c) => s.first() == Some(c) && matches(rest, &s[1..]),
        Token::One => s.first().is_some_and(|c| *c != '/') && matches(rest, &s[1..]),
        Token::Class(ranges, negated) => {
            s.first().is_some_and(|c| *c != '/' && (ranges.iter().any(|(a, b)| (*a..=*b).contains(c)) != *negated))
                && matches(rest, &s[1..])
        }
        Token::Star => {
            let mut i = 0;
            loop {
                if matches(rest, &s[i..]) {
                    return true;
                }
                if i >= s.len() || s[i] == '/' {
                    return false;
                }
                i += 1;
            }
        }
        Token::All => true,
        Token::Dirs => {
            // `(.*/)?`: nothing, or anything up to and including a `/`.
            if matches(rest, s) {
                return true;
            }
            (0..s.len()).any(|i| s[i] == '/' && matches(rest, &s[i + 1..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(patterns: &str, file: &str) -> bool {
        Patterns::parse(patterns).matches_or_parent_matches(file)
    }

    #[test]
    fn matching() {
        assert!(m("Dockerfile", "Dockerfile"));
        assert!(m("tmp", "tmp/a.txt"));
        assert!(m("/tmp/", "tmp/a/b"));
        assert!(m("*/tmp/*", "src/tmp/a.txt"));
        assert!(!m("*/tmp/*", "tmp/a.txt"));
        assert!(m("**/*.log", "a/b/c.log"));
        assert!(m("**/*.log", "c.log"));
        assert!(m("*.md\n!README.md", "x.md"));
        assert!(!m("*.md\n!README.md", "README.md"));
        assert!(m("node_modules", "node_modules/x/y.js"));
        assert!(!m("*.txt", "a/b.txt"));
        assert!(m("a?c", "abc"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[^a-c]x", "bx"));
        assert!(m("**", "anything/at/all"));
        assert_eq!(clean("./a//b/../c/"), "a/c");
        assert_eq!(clean("/"), "/");
    }
}
