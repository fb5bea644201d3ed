//! The typed AST: thin wrappers over syntax nodes with `Option`-returning accessors.
//!
//! Every wrapper holds a [`SyntaxNode`] and reads it lazily; nothing is copied out of the tree.
//! Values that BuildKit decodes (flag values, exec-form strings, quoted words) are decoded here on
//! demand, from the same tokens that carry their ranges.

use crate::{go, SyntaxKind, SyntaxKind::*, SyntaxNode, SyntaxToken, TextRange, TextSize};

/// A typed view of a syntax node.
pub trait AstNode: Sized {
    /// Wraps `node` if it has this wrapper's kind.
    fn cast(node: SyntaxNode) -> Option<Self>;
    /// Would [`AstNode::cast`] accept a node of `kind`?
    fn can_cast(kind: SyntaxKind) -> bool;
    /// The underlying node.
    fn syntax(&self) -> &SyntaxNode;
    /// The node's range in the file.
    fn range(&self) -> TextRange {
        self.syntax().text_range()
    }
    /// The node's text as BuildKit reads it: without line continuations, comment lines inside them,
    /// and heredoc bodies.
    fn logical_text(&self) -> String {
        logical_text(self.syntax())
    }
}

/// The text of `node` without trivia and heredoc bodies.
pub fn logical_text(node: &SyntaxNode) -> String {
    let mut out = String::new();
    green_tokens(node.green(), node.text_range().start(), None, &mut |kind, text, _| {
        if is_logical(kind) {
            out.push_str(text);
        }
    });
    out
}

/// Calls `f(kind, text, start)` for each token of `node`, in order, reading the green tree (no
/// syntax node is built per token, unlike `descendants_with_tokens`).
pub fn for_each_token(node: &SyntaxNode, mut f: impl FnMut(SyntaxKind, &str, TextSize)) {
    green_tokens(node.green(), node.text_range().start(), None, &mut f);
}

/// Calls `f(kind, text, start)` for each token under `green` (which starts at `at`) in order,
/// skipping subtrees that end before or start after `within`, when given. Reads the green tree:
/// no syntax nodes are built, which makes token walks several times cheaper than
/// `descendants_with_tokens`.
fn green_tokens(
    green: &rowan::GreenNodeData,
    mut at: TextSize,
    within: Option<TextRange>,
    f: &mut dyn FnMut(SyntaxKind, &str, TextSize),
) {
    use rowan::Language;
    for child in green.children() {
        let len = child.text_len();
        let range = TextRange::at(at, len);
        let outside = within.is_some_and(|w| range.end() <= w.start() || range.start() >= w.end());
        if !outside || len == TextSize::from(0) {
            match child {
                rowan::NodeOrToken::Node(n) => green_tokens(n, at, within, f),
                rowan::NodeOrToken::Token(t) => f(crate::DockerfileLang::kind_from_raw(t.kind()), t.text(), at),
            }
        }
        at += len;
    }
}

/// Does any token under `green` have kind `kind`?
fn green_has_token(green: &rowan::GreenNodeData, kind: SyntaxKind) -> bool {
    let raw = rowan::SyntaxKind::from(kind);
    green.children().any(|child| match child {
        rowan::NodeOrToken::Node(n) => green_has_token(n, kind),
        rowan::NodeOrToken::Token(t) => t.kind() == raw,
    })
}

/// A node's logical text (see [`AstNode::logical_text`]) with the way back to file offsets, so
/// that positions found in it (by a shell parser, say) can be reported where they are in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogicalText {
    /// The text as BuildKit reads it.
    pub text: String,
    /// `(logical start, file start)` of each contiguous piece, in order.
    pieces: Vec<(u32, TextSize)>,
}

impl LogicalText {
    /// The logical text of `node`.
    pub fn of(node: &SyntaxNode) -> LogicalText {
        Self::of_range(node, node.text_range())
    }

    /// The logical text of the part of `node` inside `range`.
    pub fn of_range(node: &SyntaxNode, range: TextRange) -> LogicalText {
        let mut text = String::new();
        let mut pieces: Vec<(u32, TextSize)> = Vec::new();
        let mut last_end = None;
        green_tokens(node.green(), node.text_range().start(), Some(range), &mut |kind, token, start| {
            let whole = TextRange::at(start, TextSize::of(token));
            if !is_logical(kind) || whole.end() <= range.start() || whole.start() >= range.end() {
                return;
            }
            let r = whole.intersect(range).unwrap_or(whole);
            if last_end != Some(r.start()) {
                pieces.push((text.len() as u32, r.start()));
            }
            text.push_str(&token[r - whole.start()]);
            last_end = Some(r.end());
        });
        LogicalText { text, pieces }
    }

    /// The text of a plain file slice starting at `start` (a heredoc body, say): maps one to one.
    pub fn verbatim(text: &str, start: TextSize) -> LogicalText {
        LogicalText { text: text.to_string(), pieces: vec![(0, start)] }
    }

    /// The file offset of a logical offset. An offset where two pieces meet maps to the start of
    /// the later piece.
    pub fn to_source(&self, offset: usize) -> TextSize {
        let offset = offset.min(self.text.len()) as u32;
        let i = self.pieces.partition_point(|&(l, _)| l <= offset);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(l, s)) => s + TextSize::from(offset - l),
            None => TextSize::from(0),
        }
    }

    /// The file range of a logical range; the end of a range that ends where two pieces meet
    /// maps to the end of the earlier piece.
    pub fn range_to_source(&self, range: std::ops::Range<usize>) -> TextRange {
        let start = self.to_source(range.start);
        let end_off = range.end.min(self.text.len()) as u32;
        let i = self.pieces.partition_point(|&(l, _)| l < end_off);
        let end = match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(l, s)) if range.end > range.start => s + TextSize::from(end_off - l),
            _ => start,
        };
        TextRange::new(start, end.max(start))
    }
}

fn is_logical(kind: SyntaxKind) -> bool {
    !kind.is_trivia() && kind != HEREDOC_BODY && kind != HEREDOC_END
}

macro_rules! ast_node {
    ($(#[$meta:meta])* $name:ident, $kind:pat) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(SyntaxNode);
        impl AstNode for $name {
            fn cast(node: SyntaxNode) -> Option<Self> {
                matches!(node.kind(), $kind).then(|| $name(node))
            }
            fn can_cast(kind: SyntaxKind) -> bool {
                matches!(kind, $kind)
            }
            fn syntax(&self) -> &SyntaxNode {
                &self.0
            }
        }
    };
}

fn children<N: AstNode>(node: &SyntaxNode) -> impl Iterator<Item = N> {
    node.children().filter_map(N::cast)
}

fn child<N: AstNode>(node: &SyntaxNode) -> Option<N> {
    use rowan::Language;
    // Found in the green tree, so that only the child itself becomes a syntax node.
    let (at, len) = green_child(node, |kind| N::can_cast(crate::DockerfileLang::kind_from_raw(kind)), true)?;
    match node.child_or_token_at_range(TextRange::at(at, len)) {
        Some(rowan::NodeOrToken::Node(n)) if len > TextSize::from(0) => N::cast(n),
        _ => children(node).next(),
    }
}

fn token(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    let raw = rowan::SyntaxKind::from(kind);
    let (at, len) = green_child(node, |k| k == raw, false)?;
    match node.child_or_token_at_range(TextRange::at(at, len)) {
        Some(rowan::NodeOrToken::Token(t)) if len > TextSize::from(0) => Some(t),
        _ => node.children_with_tokens().filter_map(|e| e.into_token()).find(|t| t.kind() == kind),
    }
}

/// The start and length of the first child node (`nodes`) or token (`!nodes`) of `node` whose
/// kind `matches`, read from the green tree.
fn green_child(
    node: &SyntaxNode,
    matches: impl Fn(rowan::SyntaxKind) -> bool,
    nodes: bool,
) -> Option<(TextSize, TextSize)> {
    let mut at = node.text_range().start();
    for child in node.green().children() {
        let len = child.text_len();
        let hit = match child {
            rowan::NodeOrToken::Node(n) => nodes && matches(n.kind()),
            rowan::NodeOrToken::Token(t) => !nodes && matches(t.kind()),
        };
        if hit {
            return Some((at, len));
        }
        at += len;
    }
    None
}

ast_node!(
    /// The whole file.
    SourceFile, SOURCE_FILE
);
ast_node!(
    /// A parser directive: `# syntax=...`, `# escape=...`, `# check=...`.
    Directive, DIRECTIVE
);
ast_node!(
    /// Any instruction.
    Instruction, ADD_INSTR | ARG_INSTR | CMD_INSTR | COPY_INSTR | ENTRYPOINT_INSTR | ENV_INSTR | EXPOSE_INSTR
        | FROM_INSTR | HEALTHCHECK_INSTR | LABEL_INSTR | MAINTAINER_INSTR | ONBUILD_INSTR | RUN_INSTR
        | SHELL_INSTR | STOPSIGNAL_INSTR | USER_INSTR | VOLUME_INSTR | WORKDIR_INSTR | UNKNOWN_INSTR
);
ast_node!(
    /// `FROM [--platform=...] image [AS name]`.
    From, FROM_INSTR
);
ast_node!(
    /// `ONBUILD <instruction>`.
    Onbuild, ONBUILD_INSTR
);
ast_node!(
    /// `HEALTHCHECK [flags] CMD ...` or `HEALTHCHECK NONE`.
    Healthcheck, HEALTHCHECK_INSTR
);
ast_node!(
    /// A flag before the arguments: `--name`, `--name=value`, or a bare `--`.
    Flag, FLAG
);
ast_node!(
    /// A JSON array of strings.
    ExecForm, EXEC_FORM
);
ast_node!(
    /// A command given to the shell.
    ShellForm, SHELL_FORM
);
ast_node!(
    /// A whitespace-separated argument, or the rest of the line as one argument.
    Word, WORD | ARGUMENT | KEY | VALUE | FLAG_VALUE
);
ast_node!(
    /// `key=value`, legacy `key value`, or ARG's `name[=default]`.
    KeyValue, KEY_VALUE
);
ast_node!(
    /// `$name` or `${name<op>word}`.
    Var, VAR
);
ast_node!(
    /// A heredoc body with its terminator line.
    HeredocBody, HEREDOC
);

impl SourceFile {
    /// The parser directives at the top of the file.
    pub fn directives(&self) -> impl Iterator<Item = Directive> {
        // Found in the green tree: walking the file's children as syntax nodes would build one
        // per instruction, and rules ask for the directives (the escape character) often.
        let directive = rowan::SyntaxKind::from(DIRECTIVE);
        let mut at = self.0.text_range().start();
        let mut ranges = Vec::new();
        for child in self.0.green().children() {
            let len = child.text_len();
            if child.as_node().is_some_and(|n| n.kind() == directive) {
                ranges.push(TextRange::at(at, len));
            }
            at += len;
        }
        let node = self.0.clone();
        ranges.into_iter().filter_map(move |range| match node.child_or_token_at_range(range) {
            Some(rowan::NodeOrToken::Node(n)) if !range.is_empty() => Directive::cast(n),
            _ => None,
        })
    }

    /// The top-level instructions, in order.
    pub fn instructions(&self) -> impl Iterator<Item = Instruction> {
        children(&self.0)
    }

    /// The escape character in force: `` ` `` after a valid `# escape=``, else `\`.
    pub fn escape_char(&self) -> char {
        self.directives()
            .find_map(|d| match (d.name()?.as_str(), d.value()?.as_str()) {
                ("escape", "`") => Some('`'),
                ("escape", "\\") => Some('\\'),
                _ => None,
            })
            .unwrap_or('\\')
    }
}

impl Directive {
    /// The directive's key, lower-cased (`syntax`, `escape`, `check`).
    pub fn name(&self) -> Option<String> {
        Some(self.name_token()?.text().to_ascii_lowercase())
    }
    /// The key token.
    pub fn name_token(&self) -> Option<SyntaxToken> {
        token(&self.0, DIRECTIVE_NAME)
    }
    /// The value text.
    pub fn value(&self) -> Option<String> {
        Some(self.value_token()?.text().to_string())
    }
    /// The value token.
    pub fn value_token(&self) -> Option<SyntaxToken> {
        token(&self.0, DIRECTIVE_VALUE)
    }
}

impl Instruction {
    /// The node kind, e.g. `RUN_INSTR`.
    pub fn kind(&self) -> SyntaxKind {
        self.0.kind()
    }
    /// The keyword token as written (`run`, `FROM`, ...). A keyword broken by a line continuation
    /// has several tokens; this is the first.
    pub fn keyword(&self) -> Option<SyntaxToken> {
        token(&self.0, KEYWORD)
    }
    /// The keyword as BuildKit reads it (continuations removed), upper-cased.
    pub fn keyword_text(&self) -> String {
        let keyword = rowan::SyntaxKind::from(KEYWORD);
        let mut s = String::new();
        for t in self.0.green().children().filter_map(|e| e.into_token()).filter(|t| t.kind() == keyword) {
            s.push_str(t.text());
        }
        s.make_ascii_uppercase();
        if !s.is_ascii() {
            s = s.to_uppercase();
        }
        s
    }
    /// The flags, in order.
    pub fn flags(&self) -> impl Iterator<Item = Flag> {
        // Most instructions have none: the green tree says so without building child nodes.
        let flag = rowan::SyntaxKind::from(FLAG);
        let any = self.0.green().children().any(|c| c.as_node().is_some_and(|n| n.kind() == flag));
        any.then(|| children(&self.0)).into_iter().flatten()
    }
    /// The first flag named `name` (without dashes).
    pub fn flag(&self, name: &str) -> Option<Flag> {
        self.flags().find(|f| f.name().as_deref() == Some(name))
    }
    /// The exec-form arguments, if written as a JSON array.
    pub fn exec_form(&self) -> Option<ExecForm> {
        child(&self.0)
    }
    /// The shell-form command, if any.
    pub fn shell_form(&self) -> Option<ShellForm> {
        child(&self.0)
    }
    /// The arguments as words (`FROM`, `COPY`, `EXPOSE`, `VOLUME`, ...; one word for `USER`,
    /// `WORKDIR`, `STOPSIGNAL`, `MAINTAINER`).
    pub fn words(&self) -> impl Iterator<Item = Word> {
        self.0.children().filter(|n| matches!(n.kind(), WORD | ARGUMENT)).map(Word)
    }
    /// `ENV`, `LABEL` and `ARG` pairs.
    pub fn pairs(&self) -> impl Iterator<Item = KeyValue> {
        children(&self.0)
    }
    /// Heredocs announced on this instruction's line (or its ONBUILD trigger's), with their bodies.
    pub fn heredocs(&self) -> Vec<Heredoc> {
        if !green_has_token(self.0.green(), HEREDOC_MARKER) {
            return Vec::new();
        }
        let markers: Vec<SyntaxToken> = self
            .0
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| t.kind() == HEREDOC_MARKER)
            .collect();
        let bodies: Vec<HeredocBody> = children(&self.0).collect();
        markers.into_iter().enumerate().map(|(i, marker)| Heredoc { marker, body: bodies.get(i).cloned() }).collect()
    }
    /// The instruction under `ONBUILD`.
    pub fn onbuild_trigger(&self) -> Option<Instruction> {
        child(&self.0)
    }
    /// This instruction as a `FROM`.
    pub fn as_from(&self) -> Option<From> {
        From::cast(self.0.clone())
    }
}

impl From {
    fn words(&self) -> Vec<Word> {
        children(&self.0).collect()
    }
    /// The `--platform` flag.
    pub fn platform(&self) -> Option<Flag> {
        Instruction(self.0.clone()).flag("platform")
    }
    /// The image word (`alpine:3.20`, `$BASE`, a stage name).
    pub fn image(&self) -> Option<Word> {
        self.words().into_iter().next()
    }
    /// The image reference split into its parts.
    pub fn image_ref(&self) -> Option<ImageRef> {
        let word = self.image()?;
        Some(ImageRef::parse(&word.logical_text(), word.range().start()))
    }
    /// The `AS` word, when the instruction has the `FROM image AS name` shape.
    pub fn as_keyword(&self) -> Option<Word> {
        let words = self.words();
        (words.len() >= 3 && words[1].logical_text().eq_ignore_ascii_case("as")).then(|| words[1].clone())
    }
    /// The stage name after `AS`.
    pub fn stage_name(&self) -> Option<Word> {
        let words = self.words();
        self.as_keyword().and_then(|_| words.get(2).cloned())
    }
}

impl Healthcheck {
    /// `CMD` or `NONE` as written.
    pub fn type_word(&self) -> Option<Word> {
        child(&self.0)
    }
}

impl Flag {
    /// The name without dashes (`from` for `--from=x`); `None` for a bare `--`.
    pub fn name(&self) -> Option<String> {
        let t = self.name_token()?;
        let name = t.text().strip_prefix("--")?;
        (!name.is_empty()).then(|| name.to_string())
    }
    /// The `--name` token.
    pub fn name_token(&self) -> Option<SyntaxToken> {
        token(&self.0, FLAG_NAME)
    }
    /// Is this the bare `--` that ends the flags?
    pub fn is_terminator(&self) -> bool {
        self.name_token().is_some_and(|t| t.text() == "--") && self.value().is_none()
    }
    /// The value node (after `=`).
    pub fn value(&self) -> Option<Word> {
        child(&self.0)
    }
    /// The value as BuildKit reads it: quotes removed and backslash escapes applied.
    pub fn value_text(&self) -> Option<String> {
        let raw = self.value()?.logical_text();
        let mut out = String::new();
        let mut quote = None;
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            match (c, quote) {
                ('"' | '\'', None) => quote = Some(c),
                (q, Some(open)) if q == open => quote = None,
                ('\\', _) => out.extend(chars.next()),
                (c, _) => out.push(c),
            }
        }
        Some(out)
    }
}

/// One element of an exec-form array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonElement {
    /// The `JSON_STRING` (or `JSON_OTHER`) token, quotes included.
    pub token: SyntaxToken,
}

impl JsonElement {
    /// The token's range.
    pub fn range(&self) -> TextRange {
        self.token.text_range()
    }
    /// The decoded string, as Go's `encoding/json` decodes it; `None` for a non-string element.
    pub fn value(&self) -> Option<String> {
        (self.token.kind() == JSON_STRING).then(|| go::decode_json_string(self.token.text())).flatten()
    }
}

impl ExecForm {
    /// The elements in order.
    pub fn elements(&self) -> impl Iterator<Item = JsonElement> {
        self.0
            .children_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| matches!(t.kind(), JSON_STRING | JSON_OTHER))
            .map(|token| JsonElement { token })
    }
    /// The decoded strings, or `None` when an element is not a string (BuildKit rejects that).
    pub fn strings(&self) -> Option<Vec<String>> {
        self.elements().map(|e| e.value()).collect()
    }
}

impl ShellForm {
    /// The command as the shell receives it (continuations joined, comment lines dropped).
    pub fn text(&self) -> String {
        self.logical_text()
    }
}

impl Word {
    /// The variables referenced in this word, outermost first.
    pub fn vars(&self) -> impl Iterator<Item = Var> {
        self.0.descendants().filter_map(Var::cast)
    }
}

impl KeyValue {
    /// The key (ENV/LABEL key, ARG name).
    pub fn key(&self) -> Option<Word> {
        self.0.children().find(|n| n.kind() == KEY).map(Word)
    }
    /// The `=` token; `None` for the legacy `ENV key value` form and for a bare `ARG name`.
    pub fn eq_token(&self) -> Option<SyntaxToken> {
        token(&self.0, EQ)
    }
    /// The value.
    pub fn value(&self) -> Option<Word> {
        self.0.children().find(|n| n.kind() == VALUE).map(Word)
    }
    /// Is this the legacy `ENV key value` form?
    pub fn is_legacy(&self) -> bool {
        self.eq_token().is_none() && self.value().is_some()
    }
}

impl Var {
    /// The variable name token.
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, VAR_NAME)
    }
    /// Is it written `${...}`?
    pub fn is_braced(&self) -> bool {
        token(&self.0, L_CURLY).is_some()
    }
    /// The modifier (`:-`, `+`, `##`, ...) of `${name<op>word}`.
    pub fn op(&self) -> Option<SyntaxToken> {
        token(&self.0, VAR_OP)
    }
    /// The word after the modifier (itself possibly holding variables).
    pub fn arg(&self) -> Option<SyntaxNode> {
        self.0.children().find(|n| n.kind() == VAR_ARG)
    }
    /// Is the closing `}` missing?
    pub fn is_unterminated(&self) -> bool {
        self.is_braced() && token(&self.0, R_CURLY).is_none()
    }
}

/// A heredoc: the `<<EOF` marker on the instruction's line and the body below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The marker token, e.g. `<<-"EOF"`.
    pub marker: SyntaxToken,
    /// The body and terminator; `None` when BuildKit never got to read it.
    pub body: Option<HeredocBody>,
}

impl Heredoc {
    fn parts(&self) -> (usize, bool, &str) {
        let text = self.marker.text();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &text[digits + 2..];
        match rest.strip_prefix('-') {
            Some(r) => (digits, true, r),
            None => (digits, false, rest),
        }
    }
    /// The file descriptor before `<<`, when given (`3<<EOF`).
    pub fn fd(&self) -> Option<u32> {
        let (digits, _, _) = self.parts();
        self.marker.text()[..digits].parse().ok()
    }
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    pub fn strips_tabs(&self) -> bool {
        self.parts().1
    }
    /// The delimiter with quotes removed.
    pub fn delimiter(&self) -> String {
        let word = self.parts().2;
        let mut out = String::new();
        let mut chars = word.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' | '\'' => {}
                '\\' => out.extend(chars.next()),
                c => out.push(c),
            }
        }
        out
    }
    /// Is the delimiter quoted (`<<"EOF"`, `<<'EOF'`)? Then the body is not expanded.
    pub fn is_quoted(&self) -> bool {
        self.parts().2.contains(['"', '\''])
    }
    /// The body's range (empty at the body's start for an empty body).
    pub fn body_range(&self) -> Option<TextRange> {
        let body = self.body.as_ref()?;
        Some(match token(&body.0, HEREDOC_BODY) {
            Some(t) => t.text_range(),
            None => TextRange::empty(body.range().start()),
        })
    }
    /// The body text.
    pub fn body_text(&self) -> Option<String> {
        let body = self.body.as_ref()?;
        Some(token(&body.0, HEREDOC_BODY).map(|t| t.text().to_string()).unwrap_or_default())
    }
    /// The terminator line, if the heredoc is terminated.
    pub fn terminator(&self) -> Option<SyntaxToken> {
        token(&self.body.as_ref()?.0, HEREDOC_END)
    }
}

/// An image reference `[registry/]path[:tag][@digest]`, each part with its range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The whole reference.
    pub text: String,
    /// `docker.io`, `localhost:5000`, ... when the first path component names a registry.
    pub registry: Option<(String, TextRange)>,
    /// The repository path without registry (`library/alpine`, `alpine`).
    pub name: (String, TextRange),
    /// The tag after `:`.
    pub tag: Option<(String, TextRange)>,
    /// The digest after `@`.
    pub digest: Option<(String, TextRange)>,
}

impl ImageRef {
    /// Splits `text` (standing at `start` in the file; the word must not span a line continuation
    /// for the ranges to be exact) the way Docker's reference grammar does.
    pub fn parse(text: &str, start: TextSize) -> ImageRef {
        let at = |a: usize, b: usize| {
            (text[a..b].to_string(), TextRange::new(start + TextSize::from(a as u32), start + TextSize::from(b as u32)))
        };
        let (before_digest, digest) = match text.find('@') {
            Some(i) => (i, Some(at(i + 1, text.len()))),
            None => (text.len(), None),
        };
        let last_slash = text[..before_digest].rfind('/');
        let tag_colon = text[..before_digest].rfind(':').filter(|&c| last_slash.is_none_or(|s| c > s));
        let name_end = tag_colon.unwrap_or(before_digest);
        let tag = tag_colon.map(|c| at(c + 1, before_digest));
        let first = text[..name_end].find('/');
        let registry = first.filter(|&i| {
            let comp = &text[..i];
            comp.contains(['.', ':']) || comp == "localhost" || comp.chars().any(|c| c.is_ascii_uppercase())
        });
        let name_start = registry.map_or(0, |i| i + 1);
        ImageRef {
            text: text.to_string(),
            registry: registry.map(|i| at(0, i)),
            name: at(name_start, name_end),
            tag,
            digest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn file(text: &str) -> SourceFile {
        SourceFile::cast(parse(text).syntax_node()).unwrap()
    }

    #[test]
    fn from_parts() {
        let f = file("FROM --platform=$P registry.io:5000/team/app:1.2@sha256:abc AS Build\n");
        let from = f.instructions().next().unwrap().as_from().unwrap();
        assert_eq!(from.platform().unwrap().value_text().unwrap(), "$P");
        let r = from.image_ref().unwrap();
        assert_eq!(r.registry.unwrap().0, "registry.io:5000");
        assert_eq!(r.name.0, "team/app");
        assert_eq!(r.tag.unwrap().0, "1.2");
        assert_eq!(r.digest.unwrap().0, "sha256:abc");
        assert_eq!(from.stage_name().unwrap().logical_text(), "Build");
        assert_eq!(from.as_keyword().unwrap().logical_text(), "AS");
    }

    #[test]
    fn exec_form_elements() {
        let f = file("CMD [\"a\\u0041\", \"\\ud800\"]\n");
        let i = f.instructions().next().unwrap();
        let e = i.exec_form().unwrap();
        assert_eq!(e.strings().unwrap(), vec!["aA".to_string(), "\u{fffd}".to_string()]);
        assert_eq!(u32::from(e.elements().next().unwrap().range().start()), 5);
        assert!(i.shell_form().is_none());
    }

    #[test]
    fn pairs_and_vars() {
        let f = file("ENV a=\"x y\" b=${c:-${d}}\nENV legacy value here\nARG n\n");
        let mut ins = f.instructions();
        let env = ins.next().unwrap();
        let pairs: Vec<_> = env.pairs().collect();
        assert_eq!(pairs[0].key().unwrap().logical_text(), "a");
        assert_eq!(pairs[0].value().unwrap().logical_text(), "\"x y\"");
        let vars: Vec<_> = pairs[1].value().unwrap().vars().collect();
        assert_eq!(vars.len(), 2);
        assert_eq!(vars[0].name().unwrap().text(), "c");
        assert_eq!(vars[0].op().unwrap().text(), ":-");
        assert_eq!(vars[1].name().unwrap().text(), "d");
        let legacy = ins.next().unwrap().pairs().next().unwrap();
        assert!(legacy.is_legacy());
        assert_eq!(legacy.value().unwrap().logical_text(), "value here");
        let arg = ins.next().unwrap().pairs().next().unwrap();
        assert_eq!(arg.key().unwrap().logical_text(), "n");
        assert!(arg.value().is_none());
    }

    #[test]
    fn heredocs() {
        let f = file("RUN <<-\"EOT\" cat && 3<<X cat\n\tbody $x\n\tEOT\nsecond\nX\nRUN echo\n");
        let run = f.instructions().next().unwrap();
        let h = run.heredocs();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].delimiter(), "EOT");
        assert!(h[0].is_quoted() && h[0].strips_tabs());
        assert_eq!(h[0].body_text().unwrap(), "\tbody $x\n");
        assert_eq!(h[1].fd(), Some(3));
        assert_eq!(h[1].body_text().unwrap(), "second\n");
        assert_eq!(h[1].terminator().unwrap().text(), "X");
        assert_eq!(f.instructions().count(), 2);
    }

    #[test]
    fn continuation_and_escape() {
        let f = file("# escape=`\nRUN echo a `\n  # note\n  b\nFROM x\n");
        assert_eq!(f.escape_char(), '`');
        let run = f.instructions().next().unwrap();
        assert_eq!(run.shell_form().unwrap().text(), "echo a   b");
        let onb = file("onbuild run [\"x\"]\n").instructions().next().unwrap();
        assert_eq!(onb.keyword_text(), "ONBUILD");
        assert_eq!(onb.onbuild_trigger().unwrap().exec_form().unwrap().strings().unwrap(), vec!["x"]);
    }

    #[test]
    fn logical_text_maps_back() {
        let text = "RUN echo a \\\n  # c\n  && b\n";
        let f = file(text);
        let run = f.instructions().next().unwrap();
        let lt = LogicalText::of(run.shell_form().unwrap().syntax());
        assert_eq!(lt.text, "echo a   && b");
        let amp = lt.text.find("&&").unwrap();
        let r = lt.range_to_source(amp..amp + 2);
        assert_eq!(&text[r], "&&");
        let r = lt.range_to_source(0..lt.text.len());
        assert_eq!(&text[r], "echo a \\\n  # c\n  && b");
    }

    #[test]
    fn flags() {
        let f = file("COPY --from=build --chmod=\"755\" -- a b\n");
        let copy = f.instructions().next().unwrap();
        let flags: Vec<_> = copy.flags().collect();
        assert_eq!(flags.len(), 3);
        assert_eq!(flags[0].name().unwrap(), "from");
        assert_eq!(flags[1].value_text().unwrap(), "755");
        assert!(flags[2].is_terminator());
        assert_eq!(copy.words().map(|w| w.logical_text()).collect::<Vec<_>>(), ["a", "b"]);
    }
}
