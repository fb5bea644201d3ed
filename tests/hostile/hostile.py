#!/usr/bin/env python3
"""Hostile inputs: generates pathological Dockerfiles and runs `dflint check` (and, when installed,
hadolint and dockerfile-utils, side by side on the same files) on each, printing wall time and peak
RSS per tool and input. Fails (exit 1) when dflint crashes (exit code other than 0/1), times out,
or prints nothing parseable; for the inputs that are not UTF-8 text (random bytes, invalid UTF-8,
UTF-16 with a byte order mark) when it does not refuse them with exit code 2 and a
`FILE:LINE:COL: error: ...` message.

dflint runs with ShellCheck off (`--no-shellcheck`: ShellCheck's own time on a 100,000-line script
is not ours to measure); `--with-shellcheck` adds a column with it on.

Usage: tests/hostile/hostile.py [--dflint PATH] [--peers-dir DIR] [--timeout S] [--keep DIR] [--scale F]
"""
import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def inputs(scale):
    """(name, text) pairs. `scale` shrinks or grows the sizes (1.0 = full size)."""
    n = lambda k: max(1, int(k * scale))  # noqa: E731
    yield "long-line-1MB", "FROM alpine:3.20\nRUN echo " + "a" * n(1 << 20) + "\n"
    yield "continuations-100k", "FROM alpine:3.20\nRUN true \\\n" + "  && true \\\n" * n(100_000) + "  && true\n"
    yield "comment-lines-in-continuation-100k", "FROM alpine:3.20\nRUN true \\\n" + "# c\n\n" * n(100_000) + "  && true\n"
    yield "nested-vars-10k", "FROM alpine:3.20\nARG A=1\nENV B=" + "${A:-" * n(10_000) + "x" + "}" * n(10_000) + "\n"
    yield "unterminated-var-100k", "FROM alpine:3.20\nENV B=" + "${" * n(100_000) + "\n"
    yield "nested-json-100k", "FROM alpine:3.20\nCMD " + "[" * n(100_000) + "\n"
    yield "json-many-elements-100k", "FROM alpine:3.20\nCMD [" + ",".join(['"a b"'] * n(100_000)) + "]\n"
    yield "stages-10k", "".join(f"FROM alpine:3.20 AS s{i}\nRUN echo {i}\n" for i in range(n(10_000)))
    yield "copy-from-chain-5k", "FROM alpine:3.20 AS s0\n" + "".join(
        f"FROM s{i} AS s{i + 1}\nCOPY --from=s{i} /a /a\n" for i in range(n(5_000)))
    yield "args-envs-interleaved-20k", "FROM alpine:3.20\n" + "".join(
        f"ARG A{i}=${{A{max(i - 1, 0)}}}\nENV E{i}=$A{i}\nRUN echo $E{i}\n" for i in range(n(20_000)))
    yield "heredoc-unterminated-1MB", "FROM alpine:3.20\nRUN <<EOF\n" + "echo hi\n" * n(130_000)
    yield "heredocs-10k", "FROM alpine:3.20\n" + "RUN <<A <<B\na\nA\nb\nB\n" * n(10_000)
    yield "escapes-1MB", "# escape=`\nFROM alpine:3.20\nRUN " + "``" * n(500_000) + "\n"
    yield "backslashes-1MB", "FROM alpine:3.20\nRUN " + "\\\\" * n(500_000) + "\n"
    yield "quotes-unbalanced-100k", "FROM alpine:3.20\nRUN " + "\"'" * n(100_000) + "\n"
    yield "shell-nesting-5k", "FROM alpine:3.20\nRUN " + "$(" * n(5_000) + "true" + ")" * n(5_000) + "\n"
    yield "shell-subshells-5k", "FROM alpine:3.20\nRUN " + "(" * n(5_000) + "true" + ")" * n(5_000) + "\n"
    yield "pipes-50k", "FROM alpine:3.20\nRUN " + " | ".join(["cat"] * n(50_000)) + "\n"
    yield "flags-50k", "FROM alpine:3.20\nRUN " + "--mount=type=cache,target=/x " * n(50_000) + "true\n"
    yield "labels-50k", "FROM alpine:3.20\nLABEL " + " ".join(f'k{i}="v {i}"' for i in range(n(50_000))) + "\n"
    yield "nul-and-control-bytes", "FROM alpine:3.20\nRUN echo \x00\x01\x02\x1b[31m\r\n\x0b\x0c" * n(10_000) + "\n"
    yield "crlf-and-lone-cr-100k", "FROM alpine:3.20\r\nRUN true \\\r" * n(100_000) + "\n"
    yield "unicode-100k", "FROM alpine:3.20\nRUN echo " + "é中😀\u200b\u202e" * n(100_000) + "\n"
    yield "empty", ""
    yield "only-directives", "# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\n"
    # A realistic file repeated to 50 MB: every rule on a huge input.
    unit = ("FROM debian:12 AS build\nARG VERSION=1.0\nENV PATH=/opt/bin:$PATH\n"
            "RUN apt-get update && apt-get install -y curl ca-certificates \\\n"
            "    && curl -fsSL https://example.com/x-${VERSION}.tgz | tar -xz -C /opt\n"
            "COPY --chown=app:app . /src\nWORKDIR /src\nUSER app\nCMD [\"/opt/bin/x\", \"serve\"]\n")
    yield "realistic-50MB", unit * n(50_000_000 // len(unit))
    # Not UTF-8 text at all: a clear message (file:line:col), exit code 2, no panic.
    yield "binary-random-64KB", random.Random(7).randbytes(n(65_536))
    yield "invalid-utf8", b"FROM alpine:3.20\nRUN echo \xff\xfe\xc3\n" * n(1000)
    yield "utf16-with-bom", "FROM alpine:3.20\nRUN echo hi\n".encode("utf-16")


# Inputs that are not UTF-8: dflint must refuse them with a located message, not lint them.
NOT_TEXT = {"binary-random-64KB", "invalid-utf8", "utf16-with-bom"}


def peak_rss_of_children_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def run(cmd, path, timeout):
    """Runs one tool on one file in a fresh process under /usr/bin/time when available."""
    use_time = shutil.which("/usr/bin/time") is not None and os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-f", "%M"] if use_time else []) + cmd + [path]
    start = time.perf_counter()
    try:
        p = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": timeout, "rss_mb": None, "rc": None}
    seconds = time.perf_counter() - start
    rss = None
    if use_time:
        lines = p.stderr.decode(errors="replace").strip().splitlines()
        if lines and lines[-1].strip().isdigit():
            rss = int(lines[-1].strip()) / 1024.0
    return {"status": "ok", "seconds": seconds, "rss_mb": rss, "rc": p.returncode,
            "stdout": p.stdout, "stderr": p.stderr.decode(errors="replace")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dflint", default=None, help="dflint binary (default: target/release/dflint, else debug)")
    ap.add_argument("--peers-dir", default=os.environ.get("PEERS_DIR"), help="where setup-peers.sh installed the peers")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--peer-timeout", type=float, default=60.0)
    ap.add_argument("--keep", default=None, help="write the inputs here and keep them")
    ap.add_argument("--scale", type=float, default=1.0, help="size factor (0.1 for a quick run)")
    ap.add_argument("--json", default=None, help="also write the results as JSON here")
    ap.add_argument("--with-shellcheck", action="store_true", help="also run dflint with ShellCheck on")
    args = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    dflint = args.dflint
    if dflint is None:
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
        for profile in ("release", "debug"):
            cand = os.path.join(target, profile, "dflint")
            if os.path.exists(cand):
                dflint = cand
                break
    if dflint is None:
        sys.exit("no dflint binary: build it (cargo build --release -p dflint) or pass --dflint")

    tools = [("dflint", [dflint, "check", "--no-shellcheck", "--format", "json"], args.timeout)]
    if args.with_shellcheck:
        tools.append(("dflint+sc", [dflint, "check", "--format", "json"], args.timeout))
    if args.peers_dir:
        hadolint = os.path.join(args.peers_dir, "venv", "bin", "hadolint")
        if os.path.exists(hadolint):
            cfg = os.path.join(root, "..", "shared", "bench", "hadolint-default.yaml")
            extra = ["-c", cfg] if os.path.exists(cfg) else []
            tools.append(("hadolint", [hadolint, *extra, "--no-fail", "-f", "json"], args.peer_timeout))
        du = os.path.join(args.peers_dir, "node", "node_modules", ".bin", "dockerfile-utils")
        if os.path.exists(du):
            tools.append(("dockerfile-utils", [du, "lint", "-j"], args.peer_timeout))

    workdir = args.keep or tempfile.mkdtemp(prefix="dflint-hostile-")
    os.makedirs(workdir, exist_ok=True)
    results, failures = [], []
    header = f"{'input':40} {'size':>9} " + " ".join(f"{t[0] + ' s':>18} {t[0] + ' MB':>18}" for t in tools)
    print(header)
    for name, text in inputs(args.scale):
        path = os.path.join(workdir, name + ".Dockerfile")
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        row = {"input": name, "bytes": len(data)}
        cells = []
        for tool, cmd, timeout in tools:
            r = run(cmd, path, timeout)
            row[tool] = {k: v for k, v in r.items() if k not in ("stdout", "stderr")}
            if r["status"] == "timeout":
                cells.append(f"{'timeout':>18} {'-':>18}")
            else:
                cells.append(f"{r['seconds']:>18.3f} {(r['rss_mb'] or 0):>18.1f}")
            if tool.startswith("dflint"):
                if r["status"] == "timeout":
                    failures.append(f"{name}: dflint timed out after {timeout} s")
                elif name in NOT_TEXT:
                    # Exit code 2 and `FILE:LINE:COL: error: ...` naming the file.
                    located = re.search(re.escape(name) + r"\.Dockerfile:\d+:\d+: error: ", r["stderr"])
                    if r["rc"] != 2 or not located or "panicked" in r["stderr"]:
                        failures.append(f"{name}: expected exit 2 and a located message, got {r['rc']}: {r['stderr'][:300]}")
                elif r["rc"] not in (0, 1):
                    failures.append(f"{name}: dflint exited {r['rc']}: {r['stderr'][:500]}")
                else:
                    try:
                        json.loads(r["stdout"])
                    except ValueError as e:
                        failures.append(f"{name}: dflint printed no JSON ({e})")
        results.append(row)
        print(f"{name:40} {row['bytes']:>9} " + " ".join(cells), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(results)} inputs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
