//! `dflint_shell::parse` on the shapes RUN instructions take: lists, pipelines, subshells,
//! compound commands, substitutions, quoting, heredocs, broken and empty text.

use dflint_shell::{parse, Command, Connector, Script};

/// `(name, args)` of every command, values unquoted.
fn summary(script: &Script) -> Vec<String> {
    script
        .commands
        .iter()
        .map(|c| {
            let mut parts: Vec<&str> = c.assignments.iter().map(|w| w.value.as_str()).collect();
            parts.extend(c.name_str());
            parts.extend(c.args_str());
            parts.join(" ")
        })
        .collect()
}

fn only(script: &Script) -> &Command {
    assert_eq!(script.commands.len(), 1, "{:?}", summary(script));
    &script.commands[0]
}

#[test]
fn apt_get_chain() {
    let text = "apt-get update && apt-get install -y --no-install-recommends curl=7.* && rm -rf /var/lib/apt/lists/*";
    let script = parse(text);
    assert!(!script.has_errors);
    assert_eq!(
        summary(&script),
        ["apt-get update", "apt-get install -y --no-install-recommends curl=7.*", "rm -rf /var/lib/apt/lists/*"]
    );
    let install = &script.commands[1];
    assert_eq!(install.connector_before, Some(Connector::And));
    assert_eq!(script.commands[0].connector_before, None);
    assert!(install.has_flag("-y") && install.has_flag("--no-install-recommends"));
    assert_eq!(install.subcommand(&[]).unwrap().value, "install");
    let packages: Vec<_> = install.args_after_subcommand(&[]).iter().map(|w| w.raw.as_str()).collect();
    assert_eq!(packages, ["curl=7.*"]);
    let curl = &install.args[3];
    assert_eq!(&text[curl.range.clone()], "curl=7.*");
    assert_eq!(&text[install.range.clone()], "apt-get install -y --no-install-recommends curl=7.*");
    assert!(script.commands[2].has_flag("-r") && script.commands[2].has_flag("-f"));
    assert_eq!(script.commands_named("apt-get").count(), 2);
    assert!(script.has_command("rm") && !script.has_command("curl"));
}

#[test]
fn pip_requirements() {
    let script = parse("pip install -r requirements.txt");
    let pip = only(&script);
    assert!(pip.is("pip"));
    assert_eq!(pip.flag_value("-r").unwrap().value, "requirements.txt");
    assert_eq!(pip.positional_args(&["-r"]).len(), 1);
}

#[test]
fn pipelines() {
    let script = parse("curl -fsSL https://x | sh -s -- -y && wget -qO- y |& tee log | grep z");
    assert_eq!(summary(&script), ["curl -fsSL https://x", "sh -s -- -y", "wget -qO- y", "tee log", "grep z"]);
    let c = &script.commands;
    let first = c[0].pipeline.unwrap();
    assert_eq!((first.index, first.len), (0, 2));
    assert_eq!(c[1].pipeline.unwrap().index, 1);
    assert_eq!(c[1].connector_before, Some(Connector::Pipe));
    assert_eq!(c[2].connector_before, Some(Connector::And));
    let third = c[4].pipeline.unwrap();
    assert_eq!((third.index, third.len), (2, 3));
    assert_ne!(third.id, first.id);
    assert_eq!(script.pipeline(third).count(), 3);
    assert!(!c[1].has_flag("-y"), "-y comes after --");
}

#[test]
fn subshells_and_groups() {
    let script = parse("(cd /src && make) ; { echo a; echo b; } & wait");
    assert_eq!(summary(&script), ["cd /src", "make", "echo a", "echo b", "wait"]);
    let c = &script.commands;
    assert!(c[0].in_subshell && c[1].in_subshell && !c[2].in_subshell);
    assert_eq!(c[2].connector_before, Some(Connector::Semi));
    assert_eq!(c[4].connector_before, Some(Connector::Background));
}

#[test]
fn compound_commands() {
    let text = "if [ -f /etc/os-release ]; then apk add x; elif true; then :; else yum install -y y; fi\n\
                for f in a b; do rm \"$f\"; done\nwhile read l; do echo $l; done < file\n\
                case \"$ARCH\" in amd64) A=x86_64 ;; *) exit 1 ;; esac";
    let script = parse(text);
    assert!(!script.has_errors);
    assert_eq!(
        summary(&script),
        [
            "[ -f /etc/os-release",
            "apk add x",
            "true",
            ":",
            "yum install -y y",
            "rm $f",
            "read l",
            "echo $l",
            "A=x86_64",
            "exit 1"
        ]
    );
    assert_eq!(script.commands[5].connector_before, Some(Connector::Semi), "the `;` of `for f in a b;`");
    assert_eq!(script.commands[6].connector_before, Some(Connector::Newline));
}

#[test]
fn substitutions() {
    let text = "VERSION=$(cat /v) make install PREFIX=\"`pwd`/out\" && echo \"$(uname -m | tr a b)\"";
    let script = parse(text);
    assert_eq!(
        summary(&script),
        [
            "VERSION=$(cat /v) make install PREFIX=`pwd`/out",
            "cat /v",
            "pwd",
            "echo $(uname -m | tr a b)",
            "uname -m",
            "tr a b"
        ]
    );
    let c = &script.commands;
    assert!(!c[0].in_substitution && c[1].in_substitution && c[2].in_substitution);
    assert_eq!(c[0].assignments.len(), 1);
    assert_eq!(c[0].name_str(), Some("make"));
    assert_eq!(c[3].connector_before, Some(Connector::And));
    assert_eq!(c[4].connector_before, None);
    assert_eq!(c[5].pipeline.unwrap().index, 1);
    assert!(c[0].args[1].has_expansion());
    assert_eq!(&text[c[1].range.clone()], "cat /v");
}

#[test]
fn quoting() {
    let text = r#"echo 'single $x' "double $y \"q\"" $'tab\t' a\ b --opt="x y""#;
    let script = parse(text);
    let echo = only(&script);
    let values: Vec<_> = echo.args_str();
    assert_eq!(values, ["single $x", "double $y \"q\"", "tab\t", "a b", "--opt=x y"]);
    assert_eq!(echo.args[0].raw, "'single $x'");
    assert!(!echo.args[0].has_expansion() && echo.args[1].has_expansion());
    assert!(echo.args[4].is_quoted());
    assert_eq!(echo.flag_value("--opt").unwrap().value, "x y");
}

#[test]
fn declarations_and_tests() {
    let script = parse("export A=1 B && unset C; [[ $a == b ]] || local x");
    assert_eq!(summary(&script), ["export A=1 B", "unset C", "[[ $a == b", "local x"]);
    assert_eq!(script.commands[3].connector_before, Some(Connector::Or));
}

#[test]
fn redirects() {
    let script = parse("make 2>&1 > /dev/null && cat <<EOF > /etc/x && echo done\nbody $(date)\nEOF\n");
    let c = &script.commands;
    assert_eq!(summary(&script), ["make", "cat", "echo done", "date"]);
    let ops: Vec<_> = c[0].redirects.iter().map(|r| (r.fd, r.op.as_str())).collect();
    assert_eq!(ops, [(Some(2), ">&"), (None, ">")]);
    assert_eq!(c[0].redirects[1].target.as_ref().unwrap().value, "/dev/null");
    let heredoc: Vec<_> = c[1].redirects.iter().map(|r| r.op.as_str()).collect();
    assert_eq!(heredoc, ["<<", ">"]);
    assert_eq!(c[1].redirects[0].target.as_ref().unwrap().value, "EOF");
    assert_eq!(c[2].connector_before, Some(Connector::And));
    assert!(c[3].in_substitution, "an unquoted heredoc body runs its substitutions");
}

#[test]
fn heredoc_into_a_pipeline() {
    let script = parse("cat <<EOF | sh -s\necho hi\nEOF\n");
    assert_eq!(summary(&script), ["cat", "sh -s"]);
    let (a, b) = (script.commands[0].pipeline.unwrap(), script.commands[1].pipeline.unwrap());
    assert_eq!((a.id, a.index, a.len), (b.id, 0, 2));
    assert_eq!(b.index, 1);
}

#[test]
fn broken_text() {
    let script = parse("apt-get install \"unterminated");
    assert!(script.has_errors);
    let c = only(&script);
    assert_eq!(c.name_str(), Some("apt-get"));
    assert_eq!(c.args_str(), ["install", "unterminated"]);

    let script = parse("apt-get install -y curl &&");
    assert_eq!(summary(&script), ["apt-get install -y curl"]);
    let script = parse("echo 'abc");
    assert_eq!(only(&script).args.len(), 1);
    let script = parse("a && && b");
    assert_eq!(summary(&script), ["a", "b"]);
    for text in ["if [ x ]; then", "echo $(ls", "))((", "${", "case x in", "<<EOF", "\"", "'", "\\", "| |", "\u{0}"] {
        let _ = parse(text);
    }
}

#[test]
fn empty_text() {
    for text in ["", "   ", "\n\n", "# just a comment"] {
        let script = parse(text);
        assert!(script.commands.is_empty(), "{text:?}");
        assert!(!script.has_errors, "{text:?}");
    }
}

#[test]
fn line_continuations_already_removed() {
    // The logical text of `RUN apt-get update \` + `    && apt-get install x`.
    let script = parse("apt-get update     && apt-get install x");
    assert_eq!(summary(&script), ["apt-get update", "apt-get install x"]);
}

#[test]
fn ranges_are_byte_offsets() {
    let text = "echo «ü» && printf '%s' é";
    let script = parse(text);
    for c in &script.commands {
        for w in c.args.iter().chain(&c.name) {
            assert_eq!(&text[w.range.clone()], w.raw);
        }
    }
    assert_eq!(script.commands[1].args[1].value, "é");
}

#[test]
fn parses_on_many_threads() {
    let handles: Vec<_> =
        (0..4).map(|i| std::thread::spawn(move || parse(&format!("echo {i} | cat")).commands.len())).collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 2);
    }
}

mod properties {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text parses, and every word's range slices the text to its raw form.
        #[test]
        fn never_panics_and_ranges_hold(text in "[a-z $'\"`(){};|&<>\\\\=\\n#-]{0,60}") {
            let script = dflint_shell::parse(&text);
            for c in &script.commands {
                prop_assert!(c.range.end <= text.len());
                let words = c.args.iter().chain(&c.name).chain(&c.assignments);
                for w in words {
                    prop_assert_eq!(text.get(w.range.clone()), Some(w.raw.as_str()));
                }
            }
        }
    }
}
