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

#[test]
fn pipeline_binds_tighter_than_and() {
    let script = parse("R --version && ldd --version 2>&1 | grep -q musl");
    let c = &script.commands;
    assert_eq!(summary(&script), ["R --version", "ldd --version", "grep -q musl"]);
    assert!(c[0].pipeline.is_none());
    assert_eq!(c[1].pipeline.map(|p| (p.index, p.len)), Some((0, 2)));
    assert_eq!(c[1].redirects[0].fd, Some(2));
}

#[test]
fn groups_in_pipelines() {
    let script = parse("{ echo a; echo b; } | tee x && a2enconf y");
    let c = &script.commands;
    assert_eq!(c[0].pipeline.map(|p| (p.index, p.len)), Some((0, 2)));
    assert_eq!(c[1].pipeline.map(|p| (p.index, p.len)), Some((0, 2)));
    assert_eq!(c[2].pipeline.map(|p| (p.index, p.len)), Some((1, 2)));
    assert!(c[3].pipeline.is_none());
    let script = parse("a | (b | c) | ! d");
    let p: Vec<_> = script.commands.iter().map(|c| c.pipeline.map(|p| (p.index, p.len))).collect();
    assert_eq!(p, [Some((0, 3)), Some((0, 2)), Some((1, 2)), Some((2, 3))]);
}

#[test]
fn loops_functions_and_keywords() {
    let text = "for ((i=0; i<3; i++)); do echo $i; done; select x in a b; do break; done\n\
                until false; do :; done\nf() { local a=1; g; }\nfunction h { h1 | h2; }\n\
                echo if then fi; time make -j2; ! grep -q x f";
    let script = parse(text);
    assert!(!script.has_errors, "{:?}", summary(&script));
    assert_eq!(
        summary(&script),
        ["echo $i", "break", "false", ":", "local a=1", "g", "h1", "h2", "echo if then fi", "make -j2", "grep -q x f"]
    );
}

#[test]
fn case_items() {
    let script = parse("case \"$(uname -m)\" in\n  x86_64|amd64) A=1 ;;\n  (arm*) B=2 ;& *) c ;;& esac; d");
    assert!(!script.has_errors);
    assert_eq!(summary(&script), ["uname -m", "A=1", "B=2", "c", "d"]);
    assert!(script.commands[0].in_substitution);
    assert_eq!(script.commands[2].connector_before, Some(Connector::Semi));
}

#[test]
fn tests_and_arithmetic() {
    let script = parse("[[ $a =~ ^(x|y)$ && -n \"$b\" ]] && (( n = 1 + 2 )) && [ -f a ] && echo $((1 + $(nproc)))");
    assert!(!script.has_errors);
    let c = &script.commands;
    assert_eq!(c[0].name_str(), Some("[["));
    assert_eq!(c[0].args_str(), ["$a", "=~", "^(x|y)$", "&&", "-n", "$b"]);
    assert_eq!(c[1].name_str(), Some("(("));
    assert_eq!(c[1].args_str(), ["n", "=", "1", "+", "2"]);
    assert_eq!(c[2].args_str(), ["-f", "a"]);
    assert_eq!(summary(&script)[3..], ["echo $((1 + $(nproc)))", "nproc"]);
    let script = parse("x=$((cd /a && pwd) | cat)");
    assert_eq!(summary(&script), ["x=$((cd /a && pwd) | cat)", "cd /a", "pwd", "cat"]);
}

#[test]
fn substitutions_everywhere() {
    let text = "a=\"${X:-$(b)}\" c `d` <(e) >(f) \"$(g \"$(h)\")\" $'q\\'' $\"r\" > $(i) <<< \"$(j)\"";
    let script = parse(text);
    assert!(!script.has_errors, "{:?}", summary(&script));
    let names: Vec<_> = script.commands.iter().filter_map(|c| c.name_str()).collect();
    assert_eq!(names, ["c", "b", "d", "e", "f", "g", "h", "i", "j"]);
    assert!(script.commands.iter().skip(1).all(|c| c.in_substitution));
    let c = &script.commands[0];
    assert_eq!(c.assignments.len(), 1);
    assert_eq!(c.redirects.iter().map(|r| r.op.as_str()).collect::<Vec<_>>(), [">", "<<<"]);
    assert_eq!(c.range.end, text.len(), "a here-string belongs to the command");
}

#[test]
fn assignments_and_arrays() {
    let script = parse("A=1 B+=2 C[0]=x D=(a \"b c\" $(e)) cmd E=3; F=(1 2)");
    let c = &script.commands;
    assert_eq!(
        c[0].assignments.iter().map(|w| w.raw.as_str()).collect::<Vec<_>>(),
        ["A=1", "B+=2", "C[0]=x", "D=(a \"b c\" $(e))"]
    );
    assert_eq!(c[0].name_str(), Some("cmd"));
    assert_eq!(c[0].args_str(), ["E=3"]);
    assert_eq!(c[1].name_str(), Some("e"));
    assert!(c[2].name.is_none());
    assert_eq!(c[2].assignments[0].raw, "F=(1 2)");
}

#[test]
fn redirections() {
    let script = parse("2>/dev/null cmd a >> log 2>&1 b &> all &>> more >| f <&- 3<> g");
    let c = only(&script);
    assert_eq!(c.args_str(), ["a", "b"]);
    let ops: Vec<_> = c.redirects.iter().map(|r| (r.fd, r.op.as_str())).collect();
    assert_eq!(
        ops,
        [
            (Some(2), ">"),
            (None, ">>"),
            (Some(2), ">&"),
            (None, "&>"),
            (None, "&>>"),
            (None, ">|"),
            (None, "<&"),
            (Some(3), "<>")
        ]
    );
    assert_eq!(c.range.start, 0, "a redirection before the name is part of the command");
}

#[test]
fn heredocs() {
    let text = "cat <<-'A' <<\"B\" && sh <<C\n\tbody $(no)\n\tA\nbody $(no)\nB\nx $(yes) `yes2`\nC\necho after\n";
    let script = parse(text);
    assert!(!script.has_errors);
    assert_eq!(summary(&script), ["cat", "sh", "yes", "yes2", "echo after"]);
    let c = &script.commands;
    assert_eq!(c[0].redirects.iter().map(|r| r.op.as_str()).collect::<Vec<_>>(), ["<<-", "<<"]);
    assert_eq!(c[0].redirects[0].target.as_ref().unwrap().value, "A");
    assert_eq!(&text[c[0].redirects[1].range.clone()], "<<\"B\"");
    assert_eq!(c[4].connector_before, Some(Connector::Newline));
    let script = parse("cat <<EOF\nno end");
    assert!(script.has_errors);
    assert_eq!(summary(&script), ["cat"]);
}

#[test]
fn comments_and_continuations() {
    let script = parse("echo a#b # c ; d\nls \\\n  -l # e\n#f");
    assert_eq!(summary(&script), ["echo a#b", "ls -l"]);
    assert_eq!(script.commands[1].connector_before, Some(Connector::Newline));
}

#[test]
fn unterminated_text_has_errors() {
    for text in [
        "echo \"a",
        "echo 'a",
        "echo $(a",
        "echo ${a",
        "echo `a",
        "(a",
        "{ a;",
        "if a; then b",
        "case x in a) b",
        "a &&",
        "a |",
        "$((1",
    ] {
        let script = parse(text);
        assert!(script.has_errors, "{text:?}");
        assert!(!script.commands.is_empty(), "{text:?}");
    }
    for text in ["fi", "done", ")", ";;", "a && && b", "| a", "then"] {
        assert!(parse(text).has_errors, "{text:?}");
    }
}

#[test]
fn hostile_nesting() {
    let n = 100_000;
    for (open, close) in [
        ("$(", ")"),
        ("(", ")"),
        ("{ ", "; }"),
        ("\"$(", ")\""),
        ("${", "}"),
        ("`", "`"),
        ("$((", "))"),
        ("a | ", ""),
        ("<(", ")"),
    ] {
        let text = format!("{}x{}", open.repeat(n), close.repeat(n));
        let script = parse(&text);
        assert!(script.has_errors || ["`", "a | ", "(", "$(("].contains(&open), "{open}");
        let _ = parse(&open.repeat(n));
    }
    // Long flat inputs stay linear.
    let text = "a && ".repeat(50_000) + "b";
    assert_eq!(parse(&text).commands.len(), 50_001);
    let text = "$((".repeat(20_000) + &")".repeat(20_000);
    let _ = parse(&text);
    let text = "((".repeat(20_000) + "x" + &")".repeat(20_000);
    let _ = parse(&text);
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

        /// Garbled text with multibyte characters: no panic, every range on char boundaries.
        #[test]
        fn garbled_text_keeps_char_boundaries(text in r#"([a-z é€🦀 $'"`(){};|&<>\\=\n#\t\[\]*!@?+-]|\$\(\(|<<-?EOF\n|EOF\n|\$\{){0,80}"#) {
            let script = dflint_shell::parse(&text);
            for c in &script.commands {
                prop_assert!(text.is_char_boundary(c.range.start) && text.is_char_boundary(c.range.end));
                prop_assert!(c.range.start <= c.range.end && c.range.end <= text.len());
                let words = c.args.iter().chain(&c.name).chain(&c.assignments);
                for w in words.chain(c.redirects.iter().filter_map(|r| r.target.as_ref())) {
                    prop_assert_eq!(text.get(w.range.clone()), Some(w.raw.as_str()));
                }
                for r in &c.redirects {
                    prop_assert!(text.get(r.range.clone()).is_some());
                }
            }
            for pair in script.commands.windows(2) {
                prop_assert!(pair[0].range.start <= pair[1].range.start);
            }
        }
    }
}
