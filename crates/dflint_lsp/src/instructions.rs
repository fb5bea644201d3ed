//! What the 18 Dockerfile instructions do, their forms and flags, with an example each: the data
//! behind keyword and flag hovers, instruction and flag completion, and signature help.
//!
//! Written from the Dockerfile reference and BuildKit's frontend (`dockerfile/instructions`); flags
//! include the BuildKit-only ones (`RUN --mount/--network/--security`, `COPY --link/--parents/
//! --exclude`, `ADD --checksum/--keep-git-dir`).

/// One instruction.
#[derive(Debug)]
pub struct InstructionDoc {
    /// The keyword, upper-case.
    pub name: &'static str,
    /// What it does, in a sentence or two.
    pub summary: &'static str,
    /// Its forms, one per line of the reference's synopsis.
    pub forms: &'static [&'static str],
    /// A short example.
    pub example: &'static str,
    /// The completion snippet (LSP snippet syntax), keyword included.
    pub snippet: &'static str,
    /// The flags it takes.
    pub flags: &'static [FlagDoc],
}

/// One flag of an instruction.
#[derive(Debug)]
pub struct FlagDoc {
    /// The name without dashes.
    pub name: &'static str,
    /// The value's placeholder (`<stage>`); `None` for a flag that takes no value (`--link`).
    pub value: Option<&'static str>,
    /// What it does.
    pub doc: &'static str,
    /// The values it accepts, when there is a fixed set.
    pub values: &'static [&'static str],
}

/// A `RUN --mount` type and its keys.
#[derive(Debug)]
pub struct MountType {
    /// `bind`, `cache`, ...
    pub name: &'static str,
    /// What it mounts.
    pub doc: &'static str,
    /// `(key, doc)` pairs.
    pub keys: &'static [(&'static str, &'static str)],
}

const fn flag(name: &'static str, value: Option<&'static str>, doc: &'static str) -> FlagDoc {
    FlagDoc { name, value, doc, values: &[] }
}

const fn flag_of(
    name: &'static str,
    value: &'static str,
    doc: &'static str,
    values: &'static [&'static str],
) -> FlagDoc {
    FlagDoc { name, value: Some(value), doc, values }
}

const PLATFORM: FlagDoc = flag_of(
    "platform",
    "<platform>",
    "The platform of the image to pull (`linux/amd64`, `linux/arm64`, `$BUILDPLATFORM`, ...); defaults to the target platform.",
    &["$BUILDPLATFORM", "$TARGETPLATFORM", "linux/amd64", "linux/arm64", "linux/arm/v7", "windows/amd64"],
);

const CHOWN: FlagDoc = flag(
    "chown",
    Some("<user>:<group>"),
    "Owner of the copied files (names or numeric IDs); names are looked up in the image's /etc/passwd and /etc/group. Default 0:0.",
);
const CHMOD: FlagDoc = flag(
    "chmod",
    Some("<perms>"),
    "Permissions of the copied files, octal (`755`) or symbolic (`u+x`, BuildKit 1.14+).",
);
const LINK: FlagDoc = flag(
    "link",
    None,
    "Copy into an independent layer that does not depend on the layers below, so it can be reused when the base changes.",
);
const EXCLUDE: FlagDoc = flag(
    "exclude",
    Some("<path>"),
    "A glob of source paths to leave out (repeatable; `dockerfile:1.7-labs` and later).",
);

/// The 18 instructions, in the reference's order.
pub static INSTRUCTIONS: &[InstructionDoc] = &[
    InstructionDoc {
        name: "FROM",
        summary: "Starts a build stage on a base image (`scratch` for none, or an earlier stage's name). `AS name` names the stage for `COPY --from`, `RUN --mount=from=` and later `FROM`s.",
        forms: &["FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]"],
        example: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
        snippet: "FROM ${1:image}:${2:tag} AS ${3:name}",
        flags: &[PLATFORM],
    },
    InstructionDoc {
        name: "RUN",
        summary: "Runs a command in a new layer on top of the current image. Shell form runs through the SHELL (`/bin/sh -c` by default); exec form runs the program directly, without variable expansion.",
        forms: &["RUN [--mount=<mount>] [--network=<network>] [--security=<security>] <command>", "RUN [\"<executable>\", \"<param>\", ...]"],
        example: "RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y --no-install-recommends curl",
        snippet: "RUN ${1:command}",
        flags: &[
            flag(
                "mount",
                Some("type=<type>[,<key>=<value>...]"),
                "Mounts a filesystem for this RUN only: `bind` (default; from the context or a stage), `cache`, `tmpfs`, `secret`, `ssh`. Repeatable.",
            ),
            flag_of("network", "<network>", "The network the command sees: `default`, `none` (no network) or `host` (needs the `network.host` entitlement).", &["default", "none", "host"]),
            flag_of("security", "<security>", "`insecure` runs without sandbox (needs the `security.insecure` entitlement); `sandbox` is the default.", &["sandbox", "insecure"]),
        ],
    },
    InstructionDoc {
        name: "CMD",
        summary: "The default command of the container, or the default arguments of the ENTRYPOINT. Only the last CMD of a stage counts.",
        forms: &["CMD [\"<executable>\", \"<param>\", ...]", "CMD [\"<param>\", ...]  (arguments to ENTRYPOINT)", "CMD <command>  (shell form)"],
        example: "CMD [\"nginx\", \"-g\", \"daemon off;\"]",
        snippet: "CMD [\"${1:executable}\"${2:, \"${3:param}\"}]",
        flags: &[],
    },
    InstructionDoc {
        name: "LABEL",
        summary: "Adds key-value metadata to the image (`docker inspect` shows it).",
        forms: &["LABEL <key>=<value> [<key>=<value>...]"],
        example: "LABEL org.opencontainers.image.source=\"https://example.com/repo\"",
        snippet: "LABEL ${1:key}=\"${2:value}\"",
        flags: &[],
    },
    InstructionDoc {
        name: "MAINTAINER",
        summary: "Deprecated: sets the image's author field. Use `LABEL org.opencontainers.image.authors=...` instead.",
        forms: &["MAINTAINER <name>"],
        example: "LABEL org.opencontainers.image.authors=\"team@example.com\"",
        snippet: "MAINTAINER ${1:name}",
        flags: &[],
    },
    InstructionDoc {
        name: "EXPOSE",
        summary: "Documents the ports the container listens on (TCP unless `/udp`). It publishes nothing; `docker run -p` does.",
        forms: &["EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]"],
        example: "EXPOSE 80/tcp 53/udp",
        snippet: "EXPOSE ${1:80}",
        flags: &[],
    },
    InstructionDoc {
        name: "ENV",
        summary: "Sets environment variables for the rest of the stage, its child stages and the running container.",
        forms: &["ENV <key>=<value> [<key>=<value>...]", "ENV <key> <value>  (legacy, one variable)"],
        example: "ENV PATH=\"/app/bin:$PATH\" LANG=C.UTF-8",
        snippet: "ENV ${1:KEY}=${2:value}",
        flags: &[],
    },
    InstructionDoc {
        name: "ADD",
        summary: "Copies files, directories, remote URLs or git repositories into the image; local tar archives are extracted. Prefer COPY for plain local files.",
        forms: &["ADD [--chown=<user>:<group>] [--chmod=<perms>] [--checksum=<checksum>] [--keep-git-dir] [--link] <src>... <dest>", "ADD [\"<src>\", ... \"<dest>\"]"],
        example: "ADD --checksum=sha256:24454f83... https://example.com/tool.tar.gz /opt/",
        snippet: "ADD ${1:src} ${2:dest}",
        flags: &[
            CHOWN,
            CHMOD,
            flag("checksum", Some("<checksum>"), "Verifies a remote source against this digest (`sha256:...`)."),
            flag_of("keep-git-dir", "<bool>", "Keeps the `.git` directory when adding a git repository.", &["true", "false"]),
            LINK,
            EXCLUDE,
            flag_of("unpack", "<bool>", "Whether to extract a local or remote archive (dockerfile:1.17).", &["true", "false"]),
        ],
    },
    InstructionDoc {
        name: "COPY",
        summary: "Copies files and directories from the build context, a stage (`--from=<stage>`) or an image into the image.",
        forms: &["COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<path>] <src>... <dest>", "COPY [\"<src>\", ... \"<dest>\"]"],
        example: "COPY --from=build --chown=app:app /out/app /usr/local/bin/app",
        snippet: "COPY ${1:src} ${2:dest}",
        flags: &[
            flag("from", Some("<stage|image|context>"), "Copies from a build stage (by name or index), an image, or a named context instead of the build context."),
            CHOWN,
            CHMOD,
            LINK,
            flag_of("parents", "<bool>", "Keeps the parent directories of each source below `<dest>` (`dockerfile:1.7-labs` and later).", &["true", "false"]),
            EXCLUDE,
        ],
    },
    InstructionDoc {
        name: "ENTRYPOINT",
        summary: "The program the container runs; CMD supplies its default arguments. Setting it clears a CMD inherited from the parent stage.",
        forms: &["ENTRYPOINT [\"<executable>\", \"<param>\", ...]", "ENTRYPOINT <command>  (shell form: CMD and `docker run` arguments are ignored)"],
        example: "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]",
        snippet: "ENTRYPOINT [\"${1:executable}\"${2:, \"${3:param}\"}]",
        flags: &[],
    },
    InstructionDoc {
        name: "VOLUME",
        summary: "Marks paths as mount points for external volumes; changes to them in later build steps are discarded.",
        forms: &["VOLUME [\"<path>\", ...]", "VOLUME <path> [<path>...]"],
        example: "VOLUME /var/lib/postgresql/data",
        snippet: "VOLUME ${1:/data}",
        flags: &[],
    },
    InstructionDoc {
        name: "USER",
        summary: "Sets the user (and group) for the rest of the stage's RUN, CMD and ENTRYPOINT, and for the container.",
        forms: &["USER <user>[:<group>]", "USER <UID>[:<GID>]"],
        example: "USER 10001:10001",
        snippet: "USER ${1:user}",
        flags: &[],
    },
    InstructionDoc {
        name: "WORKDIR",
        summary: "Sets the working directory for the following instructions and the container, creating it if needed. A relative path is relative to the previous WORKDIR.",
        forms: &["WORKDIR <path>"],
        example: "WORKDIR /app",
        snippet: "WORKDIR ${1:/app}",
        flags: &[],
    },
    InstructionDoc {
        name: "ARG",
        summary: "Declares a build argument (`docker build --build-arg`), with an optional default. Before the first FROM it is global (visible to FROM lines; re-declare it in a stage to use it there).",
        forms: &["ARG <name>[=<default value>] [<name>[=<default value>]...]"],
        example: "ARG VERSION=1.0",
        snippet: "ARG ${1:NAME}=${2:default}",
        flags: &[],
    },
    InstructionDoc {
        name: "ONBUILD",
        summary: "Registers an instruction to run when another build uses this image as its base.",
        forms: &["ONBUILD <INSTRUCTION>"],
        example: "ONBUILD COPY . /app/src",
        snippet: "ONBUILD ${1:INSTRUCTION}",
        flags: &[],
    },
    InstructionDoc {
        name: "STOPSIGNAL",
        summary: "The signal sent to stop the container (`SIGTERM` by default).",
        forms: &["STOPSIGNAL <signal>"],
        example: "STOPSIGNAL SIGQUIT",
        snippet: "STOPSIGNAL ${1:SIGTERM}",
        flags: &[],
    },
    InstructionDoc {
        name: "HEALTHCHECK",
        summary: "How to test that the container still works (`HEALTHCHECK NONE` disables a check inherited from the base image). Only the last one counts.",
        forms: &["HEALTHCHECK [--interval=<duration>] [--timeout=<duration>] [--start-period=<duration>] [--start-interval=<duration>] [--retries=<n>] CMD <command>", "HEALTHCHECK NONE"],
        example: "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1",
        snippet: "HEALTHCHECK --interval=${1:30s} CMD ${2:command}",
        flags: &[
            flag("interval", Some("<duration>"), "Time between checks (default 30s)."),
            flag("timeout", Some("<duration>"), "A check taking longer fails (default 30s)."),
            flag("start-period", Some("<duration>"), "Start-up time during which failures do not count (default 0s)."),
            flag("start-interval", Some("<duration>"), "Time between checks during the start period (default 5s)."),
            flag("retries", Some("<n>"), "Consecutive failures before the container is unhealthy (default 3)."),
        ],
    },
    InstructionDoc {
        name: "SHELL",
        summary: "Sets the shell that shell-form RUN, CMD and ENTRYPOINT use (default `[\"/bin/sh\", \"-c\"]`, `[\"cmd\", \"/S\", \"/C\"]` on Windows).",
        forms: &["SHELL [\"<executable>\", \"<param>\", ...]"],
        example: "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
        snippet: "SHELL [\"${1:/bin/bash}\", \"-o\", \"pipefail\", \"-c\"]",
        flags: &[],
    },
];

/// The `RUN --mount` types.
pub static MOUNT_TYPES: &[MountType] = &[
    MountType {
        name: "bind",
        doc: "Bind-mounts files from the context or a stage (read-only unless `rw`). The default type.",
        keys: &[
            ("target", "Mount path (also `dst`, `destination`)."),
            ("source", "Path in `from` (default: its root)."),
            ("from", "Stage, image or context to mount from (default: the build context)."),
            ("rw", "Allow writes (discarded afterwards). Also `readwrite`."),
        ],
    },
    MountType {
        name: "cache",
        doc: "A persistent cache directory shared between builds (compilers, package managers).",
        keys: &[
            ("target", "Mount path (also `dst`, `destination`)."),
            ("id", "Cache id (default: the target path)."),
            ("sharing", "`shared` (default), `private` or `locked`."),
            ("from", "Stage to seed the cache from."),
            ("source", "Subpath in `from`."),
            ("ro", "Read-only. Also `readonly`."),
            ("mode", "Permissions of a new cache directory (default 0755)."),
            ("uid", "Owner user id of a new cache directory."),
            ("gid", "Owner group id of a new cache directory."),
        ],
    },
    MountType {
        name: "tmpfs",
        doc: "An in-memory filesystem.",
        keys: &[("target", "Mount path (also `dst`, `destination`)."), ("size", "Size limit in bytes.")],
    },
    MountType {
        name: "secret",
        doc: "A secret file (`docker build --secret`), not stored in the image.",
        keys: &[
            ("id", "Secret id (default: the target's file name)."),
            ("target", "Mount path (default `/run/secrets/<id>`)."),
            ("env", "Expose the secret as this environment variable instead of (or besides) a file."),
            ("required", "Fail when the secret is missing (default false)."),
            ("mode", "File mode (default 0400)."),
            ("uid", "Owner user id."),
            ("gid", "Owner group id."),
        ],
    },
    MountType {
        name: "ssh",
        doc: "Forwards an SSH agent socket (`docker build --ssh`).",
        keys: &[
            ("id", "SSH agent id (default `default`)."),
            ("target", "Socket path (default `/run/buildkit/ssh_agent.${N}`)."),
            ("required", "Fail when the agent is missing (default false)."),
            ("mode", "Socket mode (default 0600)."),
            ("uid", "Owner user id."),
            ("gid", "Owner group id."),
        ],
    },
];

/// Values of `--mount` keys with a fixed set.
pub fn mount_key_values(key: &str) -> &'static [&'static str] {
    match key {
        "type" => &["bind", "cache", "tmpfs", "secret", "ssh"],
        "sharing" => &["shared", "private", "locked"],
        "rw" | "readwrite" | "ro" | "readonly" | "required" => &["true", "false"],
        _ => &[],
    }
}

/// The BuildKit build checks (`# check=skip=...`), as of dockerfile:1.10+.
pub static BUILDKIT_CHECKS: &[&str] = &[
    "ConsistentInstructionCasing",
    "CopyIgnoredFile",
    "DuplicateStageName",
    "ExposeInvalidFormat",
    "ExposeProtoCasing",
    "FromAsCasing",
    "FromPlatformFlagConstDisallowed",
    "InvalidBaseImagePlatform",
    "InvalidDefaultArgInFrom",
    "JSONArgsRecommended",
    "LegacyKeyValueFormat",
    "MaintainerDeprecated",
    "MultipleInstructionsDisallowed",
    "NoEmptyContinuation",
    "RedundantTargetPlatform",
    "ReservedStageName",
    "SecretsUsedInArgOrEnv",
    "StageNameCasing",
    "UndefinedArgInFrom",
    "UndefinedVar",
    "WorkdirRelativePath",
];

/// The instruction called `keyword` (any case).
pub fn find(keyword: &str) -> Option<&'static InstructionDoc> {
    INSTRUCTIONS.iter().find(|i| i.name.eq_ignore_ascii_case(keyword))
}

impl InstructionDoc {
    /// The flag called `name` (without dashes).
    pub fn flag(&self, name: &str) -> Option<&'static FlagDoc> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// The hover text: summary, forms, flags, example.
    pub fn markdown(&self) -> String {
        let mut out = format!("**{}** — {}\n\n```dockerfile\n", self.name, self.summary);
        for form in self.forms {
            out.push_str(form);
            out.push('\n');
        }
        out.push_str("```\n");
        if !self.flags.is_empty() {
            out.push_str("\nFlags:\n");
            for f in self.flags {
                out.push_str(&format!("- `{}`: {}\n", f.usage(), f.doc));
            }
        }
        out.push_str(&format!("\nExample:\n```dockerfile\n{}\n```\n", self.example));
        out
    }
}

impl FlagDoc {
    /// `--name=<value>` or `--name`.
    pub fn usage(&self) -> String {
        match self.value {
            Some(v) => format!("--{}={v}", self.name),
            None => format!("--{}", self.name),
        }
    }

    /// The hover text of the flag; `--mount` lists its types and keys.
    pub fn markdown(&self, instruction: &str) -> String {
        let mut out = format!("**{instruction} `{}`** — {}\n", self.usage(), self.doc);
        if !self.values.is_empty() {
            out.push_str(&format!(
                "\nValues: {}\n",
                self.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        if self.name == "mount" {
            for t in MOUNT_TYPES {
                let keys = t.keys.iter().map(|(k, _)| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                out.push_str(&format!("\n- `type={}`: {} Keys: {keys}.", t.name, t.doc));
            }
            out.push('\n');
        }
        out
    }
}

/// How ENTRYPOINT and CMD combine, for their hovers.
pub const START_TABLE: &str = "\
| | no ENTRYPOINT | ENTRYPOINT exec_entry p1_entry | ENTRYPOINT [\"exec_entry\", \"p1_entry\"] |
|---|---|---|---|
| no CMD | *error, not allowed* | /bin/sh -c exec_entry p1_entry | exec_entry p1_entry |
| CMD [\"exec_cmd\", \"p1_cmd\"] | exec_cmd p1_cmd | /bin/sh -c exec_entry p1_entry | exec_entry p1_entry exec_cmd p1_cmd |
| CMD exec_cmd p1_cmd | /bin/sh -c exec_cmd p1_cmd | /bin/sh -c exec_entry p1_entry | exec_entry p1_entry /bin/sh -c exec_cmd p1_cmd |

A shell-form ENTRYPOINT ignores CMD (and `docker run` arguments); an ENTRYPOINT clears a CMD inherited from the parent stage.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_instruction_is_documented_once() {
        assert_eq!(INSTRUCTIONS.len(), 18);
        for doc in INSTRUCTIONS {
            assert!(dflint_syntax::SyntaxKind::from_keyword(doc.name).is_some(), "{} is a keyword", doc.name);
            assert!(doc.snippet.starts_with(doc.name));
            assert!(doc.forms.iter().all(|f| f.starts_with(doc.name)), "{}", doc.name);
            assert_eq!(INSTRUCTIONS.iter().filter(|d| d.name == doc.name).count(), 1);
        }
    }
}
