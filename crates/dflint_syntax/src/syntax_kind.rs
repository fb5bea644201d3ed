//! `SyntaxKind`: every token and node kind of the Dockerfile tree, and the rowan language tag.

/// The kind of a token or node in the syntax tree.
///
/// Tokens come first (up to `__LAST_TOKEN`), nodes after.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
pub enum SyntaxKind {
    // ---- tokens ----
    /// A UTF-8 byte-order mark at the very start of the file.
    BOM = 0,
    /// Spaces and tabs that are part of an instruction's logical line (or between top-level items).
    WHITESPACE,
    /// Whitespace on a line that BuildKit drops entirely (an empty or comment line inside a continuation).
    DROPPED_WHITESPACE,
    /// `\n`, `\r\n` (any `\r`s before the `\n`), or trailing `\r`s at the end of the file.
    NEWLINE,
    /// The escape character ending a line, with the spaces and tabs after it.
    LINE_CONTINUATION,
    /// `# ...` up to the end of the line.
    COMMENT,
    /// `#` opening a parser directive.
    HASH,
    /// The key of a parser directive (`syntax`, `escape`, `check`).
    DIRECTIVE_NAME,
    /// The value of a parser directive.
    DIRECTIVE_VALUE,
    /// The instruction keyword (`FROM`, `run`, ...).
    KEYWORD,
    /// A flag's name with its dashes: `--from`, or a bare `--`.
    FLAG_NAME,
    /// `=`
    EQ,
    /// Plain text inside a word or command.
    TEXT,
    /// The escape character and the character it escapes.
    ESCAPED,
    /// `"`
    DQUOTE,
    /// `'`
    SQUOTE,
    /// `$` starting a variable reference.
    DOLLAR,
    /// `{` of `${`.
    L_CURLY,
    /// `}` closing `${`.
    R_CURLY,
    /// The name in a variable reference.
    VAR_NAME,
    /// The modifier in `${name<op>word}`: `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`, ...
    VAR_OP,
    /// `[` of an exec-form JSON array.
    L_BRACK,
    /// `]` of an exec-form JSON array.
    R_BRACK,
    /// `,` of an exec-form JSON array.
    COMMA,
    /// A JSON string literal, quotes included.
    JSON_STRING,
    /// Any other JSON value token (numbers, `true`, `{`...), only in arrays BuildKit rejects.
    JSON_OTHER,
    /// A heredoc redirection word: `<<EOF`, `<<-"EOF"`, `3<<EOF`.
    HEREDOC_MARKER,
    /// The lines of a heredoc body, newlines included.
    HEREDOC_BODY,
    /// The line that terminates a heredoc (without its newline).
    HEREDOC_END,
    /// Text the parser could not place.
    ERROR,
    #[doc(hidden)]
    __LAST_TOKEN,

    // ---- nodes ----
    /// The whole file.
    SOURCE_FILE,
    /// `# name=value` at the top of the file.
    DIRECTIVE,
    ADD_INSTR,
    ARG_INSTR,
    CMD_INSTR,
    COPY_INSTR,
    ENTRYPOINT_INSTR,
    ENV_INSTR,
    EXPOSE_INSTR,
    FROM_INSTR,
    HEALTHCHECK_INSTR,
    LABEL_INSTR,
    MAINTAINER_INSTR,
    ONBUILD_INSTR,
    RUN_INSTR,
    SHELL_INSTR,
    STOPSIGNAL_INSTR,
    USER_INSTR,
    VOLUME_INSTR,
    WORKDIR_INSTR,
    /// An instruction whose keyword BuildKit does not know.
    UNKNOWN_INSTR,
    /// `--name`, `--name=value` or `--name value` before the arguments; a bare `--`.
    FLAG,
    /// The value of a flag.
    FLAG_VALUE,
    /// A JSON array of strings: exec form.
    EXEC_FORM,
    /// The rest of the line, given to a shell: shell form.
    SHELL_FORM,
    /// One whitespace-separated argument.
    WORD,
    /// The rest of the line as one argument (`USER`, `WORKDIR`, a legacy `ENV k v` value, ...).
    ARGUMENT,
    /// `key=value`, `key value` (legacy ENV/LABEL) or an ARG's `name[=default]`.
    KEY_VALUE,
    /// The key of a `KEY_VALUE`.
    KEY,
    /// The value of a `KEY_VALUE`.
    VALUE,
    /// A heredoc's body and terminator.
    HEREDOC,
    /// `$name` or `${name...}`.
    VAR,
    /// The word after a `${name<op>` modifier.
    VAR_ARG,
    #[doc(hidden)]
    __LAST,
}

use SyntaxKind::*;

impl SyntaxKind {
    /// Tokens that are not part of an instruction's logical line: BuildKit drops them.
    pub fn is_trivia(self) -> bool {
        matches!(self, NEWLINE | LINE_CONTINUATION | COMMENT | DROPPED_WHITESPACE)
    }

    /// Is this a token kind (as opposed to a node kind)?
    pub fn is_token(self) -> bool {
        (self as u16) < (__LAST_TOKEN as u16)
    }

    /// Is this one of the instruction node kinds?
    pub fn is_instruction(self) -> bool {
        (ADD_INSTR as u16..=UNKNOWN_INSTR as u16).contains(&(self as u16))
    }

    /// The instruction node kind for a keyword (any case), or `None` for an unknown keyword.
    pub fn from_keyword(keyword: &str) -> Option<SyntaxKind> {
        let kind = match_ignore_case(keyword)?;
        Some(kind)
    }
}

fn match_ignore_case(kw: &str) -> Option<SyntaxKind> {
    const TABLE: [(&str, SyntaxKind); 18] = [
        ("add", ADD_INSTR),
        ("arg", ARG_INSTR),
        ("cmd", CMD_INSTR),
        ("copy", COPY_INSTR),
        ("entrypoint", ENTRYPOINT_INSTR),
        ("env", ENV_INSTR),
        ("expose", EXPOSE_INSTR),
        ("from", FROM_INSTR),
        ("healthcheck", HEALTHCHECK_INSTR),
        ("label", LABEL_INSTR),
        ("maintainer", MAINTAINER_INSTR),
        ("onbuild", ONBUILD_INSTR),
        ("run", RUN_INSTR),
        ("shell", SHELL_INSTR),
        ("stopsignal", STOPSIGNAL_INSTR),
        ("user", USER_INSTR),
        ("volume", VOLUME_INSTR),
        ("workdir", WORKDIR_INSTR),
    ];
    TABLE.iter().find(|(name, _)| name.eq_ignore_ascii_case(kw)).map(|&(_, k)| k)
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        rowan::SyntaxKind(kind as u16)
    }
}

/// The rowan language tag of Dockerfiles.
#[derive(Debug, Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DockerfileLang {}

impl rowan::Language for DockerfileLang {
    type Kind = SyntaxKind;
    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        assert!(raw.0 < __LAST as u16);
        KINDS_IN_ORDER[raw.0 as usize]
    }
    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

const KINDS_IN_ORDER: [SyntaxKind; __LAST as usize] = [
    BOM,
    WHITESPACE,
    DROPPED_WHITESPACE,
    NEWLINE,
    LINE_CONTINUATION,
    COMMENT,
    HASH,
    DIRECTIVE_NAME,
    DIRECTIVE_VALUE,
    KEYWORD,
    FLAG_NAME,
    EQ,
    TEXT,
    ESCAPED,
    DQUOTE,
    SQUOTE,
    DOLLAR,
    L_CURLY,
    R_CURLY,
    VAR_NAME,
    VAR_OP,
    L_BRACK,
    R_BRACK,
    COMMA,
    JSON_STRING,
    JSON_OTHER,
    HEREDOC_MARKER,
    HEREDOC_BODY,
    HEREDOC_END,
    ERROR,
    __LAST_TOKEN,
    SOURCE_FILE,
    DIRECTIVE,
    ADD_INSTR,
    ARG_INSTR,
    CMD_INSTR,
    COPY_INSTR,
    ENTRYPOINT_INSTR,
    ENV_INSTR,
    EXPOSE_INSTR,
    FROM_INSTR,
    HEALTHCHECK_INSTR,
    LABEL_INSTR,
    MAINTAINER_INSTR,
    ONBUILD_INSTR,
    RUN_INSTR,
    SHELL_INSTR,
    STOPSIGNAL_INSTR,
    USER_INSTR,
    VOLUME_INSTR,
    WORKDIR_INSTR,
    UNKNOWN_INSTR,
    FLAG,
    FLAG_VALUE,
    EXEC_FORM,
    SHELL_FORM,
    WORD,
    ARGUMENT,
    KEY_VALUE,
    KEY,
    VALUE,
    HEREDOC,
    VAR,
    VAR_ARG,
];

/// A node of the Dockerfile tree.
pub type SyntaxNode = rowan::SyntaxNode<DockerfileLang>;
/// A token of the Dockerfile tree.
pub type SyntaxToken = rowan::SyntaxToken<DockerfileLang>;
/// A node or a token.
pub type SyntaxElement = rowan::SyntaxElement<DockerfileLang>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_raw() {
        for (i, k) in KINDS_IN_ORDER.iter().enumerate() {
            assert_eq!(*k as usize, i, "{k:?} is out of order");
        }
    }
}
