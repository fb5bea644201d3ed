#!/usr/bin/env python3
"""dflint against its peers, side by side, in one run: the results table the README shows.

    python3 tests/bench/peers.py [--update-readme]

Runs ../shared/bench (beside the repository) on ../shared/corpus/real:
  * time-peers.py: hadolint, dockerfile-utils and dockerfilelint (one node process), each in
    batch mode (the whole corpus in one process) and one process per file, and dflint the same
    way with ShellCheck off and on;
  * lsp-bench.py: `dflint lsp` and dockerfile-language-server-nodejs on the same files (the
    corpus's median-size file and generated 5,000- and 20,000-line files);
  * the criterion parser benchmark (`cargo bench -p dflint_syntax --bench parse`): one core.
Then prints a markdown table of ratios (peer time / dflint time) with the machine described,
writes it and the raw results to --out, and with --update-readme replaces the table between
`<!-- bench:begin -->` and `<!-- bench:end -->` in README.md.

The peers are installed by `bash ../shared/bench/setup-peers.sh` (into ../peers by default;
--peers-dir or $PEERS_DIR elsewhere). Run on an otherwise idle machine: the figures are ratios
measured in the same minutes, but a loaded machine still moves them.
"""

import argparse
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def run(cmd, **kw):
    print("+", " ".join(shlex.quote(str(c)) for c in cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, **kw)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, AttributeError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} at start".format(os.getloadavg()[0])
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}{load}"


def timing(args, dflint, out):
    bench = args.shared / "bench"
    cmd = [
        sys.executable, str(bench / "time-peers.py"), str(args.shared / "corpus/real"),
        "-o", str(out / "timing"),
        "--tools", "hadolint,dockerfile-utils,dockerfilelint",
        "--modes", "batch,per-file",
        "--runs", str(args.runs),
        "--per-file-sample", str(args.per_file_sample),
        "--cmd", f"{dflint} check --no-shellcheck --format json {{files}}", "--cmd-name", "dflint",
        "--cmd", f"{dflint} check --format json {{files}}", "--cmd-name", "dflint+shellcheck",
    ]
    if args.peers_dir:
        cmd += ["--peers-dir", str(args.peers_dir)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    run(cmd, stdout=sys.stderr)
    return json.loads((out / "timing" / "timing.json").read_text())["results"]


def lsp(args, dflint, out):
    bench = args.shared / "bench"
    results = {}
    for name, server in (("dflint", f"{dflint} lsp"), ("node", "docker-langserver")):
        path = out / f"lsp-{name}.json"
        cmd = [
            sys.executable, str(bench / "lsp-bench.py"), "--server", server, "--typical",
            "--corpus", str(args.shared / "corpus/real"), "--generate", "5000,20000", "-o", str(path),
            "--timeout", str(args.lsp_timeout),
        ]
        if args.peers_dir:
            cmd += ["--peers-dir", str(args.peers_dir)]
        run(cmd, stdout=subprocess.DEVNULL)
        results[name] = json.loads(path.read_text())
    return results


def parser_mb_s():
    run(["cargo", "bench", "-q", "-p", "dflint_syntax", "--bench", "parse", "--", "--noplot"], cwd=ROOT,
        stdout=sys.stderr)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    base = target / "criterion" / "parse" / "real-corpus" / "new"
    size = json.loads((base / "benchmark.json").read_text())["throughput"]["Bytes"]
    mean_ns = json.loads((base / "estimates.json").read_text())["mean"]["point_estimate"]
    return size / (mean_ns / 1e9) / 1e6


def find(results, tool, mode):
    for r in results:
        if r["tool"] == tool and r["mode"] == mode:
            return r
    return None


def fmt_s(seconds):
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def table(timing_results, lsp_results, mb_s, described, lsp_timeout=60.0):
    rows = []
    dfl = find(timing_results, "dflint", "batch") if timing_results else None
    dfl_pf = find(timing_results, "dflint", "per-file") if timing_results else None
    dfl_sc = find(timing_results, "dflint+shellcheck", "batch") if timing_results else None
    goals = {
        ("hadolint", "batch"): ">= 300x",
        ("dockerfile-utils", "batch"): ">= 25x",
        ("dockerfilelint", "batch"): ">= 4x",
        ("hadolint", "per-file"): ">= 20x",
    }
    if timing_results:
        files = dfl["files"] if dfl else 0
        for (tool, mode), goal in goals.items():
            peer = find(timing_results, tool, mode)
            mine = dfl if mode == "batch" else dfl_pf
            if not peer or not mine:
                continue
            what = f"whole corpus ({files} files), one process" if mode == "batch" else \
                f"one process per file ({peer['files']}-file sample)"
            rows.append((f"lint, ShellCheck off, {what}: {peer['version']}",
                         fmt_s(mine["mean_s"]), fmt_s(peer["mean_s"]), peer["mean_s"] / mine["mean_s"], goal))
        peer = find(timing_results, "hadolint", "batch")
        if peer and dfl_sc:
            rows.append((f"lint with ShellCheck on, whole corpus, one process: {peer['version']}",
                         fmt_s(dfl_sc["mean_s"]), fmt_s(peer["mean_s"]), peer["mean_s"] / dfl_sc["mean_s"], "> 1x"))
        if dfl and peer:
            rows.append(("CPU time (user+sys), ShellCheck off, whole corpus: hadolint",
                         f"{dfl['cpu_s']:.2f} s", f"{peer['cpu_s']:.1f} s", peer["cpu_s"] / dfl["cpu_s"], "-"))
    if lsp_results:
        mine_all, node_all = lsp_results["dflint"], lsp_results["node"]
        for mine, node in zip(mine_all, node_all):
            label = f"{mine['lines']} lines" if mine["file"].startswith("generated") else \
                f"typical file ({mine['lines']} lines)"
            a, b = mine["change_to_diagnostics_ms"]["p95"], node["change_to_diagnostics_ms"]["p95"]
            goal = ">= 10x, <= 50 ms" if mine["lines"] >= 20000 else ">= 10x"
            # A server that published nothing within the timeout has no latency to divide by.
            none = f"none within {lsp_timeout:g} s"
            rows.append((f"LSP didChange -> diagnostics p95, {label}: dockerfile-language-server-nodejs",
                         f"{a:.1f} ms" if a is not None else none, f"{b:.1f} ms" if b is not None else none,
                         b / a if a and b else None, goal))
            a, b = mine.get("peak_rss_mb"), node.get("peak_rss_mb")
            rows.append((f"LSP peak RSS, {label}: dockerfile-language-server-nodejs",
                         f"{a:.1f} MB" if a else "-", f"{b:.1f} MB" if b else "-", b / a if a and b else None, ">= 4x"))
    lines = [f"Machine: {described}.", "",
             "| measure: peer | dflint | peer | ratio | goal |", "|---|---:|---:|---:|---|"]
    for what, mine, peer, ratio, goal in rows:
        shown = f"{ratio:.1f}x" if ratio is not None else "-"
        lines.append(f"| {what} | {mine} | {peer} | {shown} | {goal} |")
    if mb_s is not None:
        lines.append(f"| parser throughput, one core (criterion, real corpus) | {mb_s:.1f} MB/s | - | - | >= 100 MB/s |")
    return "\n".join(lines) + "\n"


def update_readme(text):
    readme = ROOT / "README.md"
    content = readme.read_text()
    start, end = content.find(BEGIN), content.find(END)
    if start < 0 or end < start:
        sys.exit(f"README.md has no {BEGIN} ... {END} section")
    readme.write_text(content[: start + len(BEGIN)] + "\n" + text + content[end:])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    p.add_argument("--peers-dir", type=Path, default=None)
    p.add_argument("--dflint", type=Path, default=None, help="a dflint binary (default: build the release one)")
    p.add_argument("--out", type=Path, default=ROOT / "target" / "bench-peers")
    p.add_argument("--runs", type=int, default=5,
                   help="hyperfine runs per batch measurement (default 5: this host's speed drifts between minutes)")
    p.add_argument("--per-file-sample", type=int, default=150)
    p.add_argument("--limit", type=int, default=None, help="only the first N corpus files (a quick try)")
    p.add_argument("--skip-timing", action="store_true")
    p.add_argument("--skip-lsp", action="store_true")
    p.add_argument("--skip-parser", action="store_true")
    p.add_argument("--update-readme", action="store_true")
    p.add_argument("--lsp-timeout", type=float, default=60.0,
                   help="seconds lsp-bench waits for any one reply (default 60: the Node server is slow on big files)")
    args = p.parse_args()
    if not (args.shared / "bench" / "time-peers.py").exists():
        sys.exit(f"{args.shared}/bench is absent: this script needs ../shared beside the repository")
    dflint = args.dflint
    if dflint is None:
        run(["cargo", "build", "-q", "--release", "-p", "dflint"], cwd=ROOT)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        dflint = target / "release" / "dflint"
    dflint = dflint.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    described = machine()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    version = subprocess.run([str(dflint), "--version"], capture_output=True, text=True).stdout.strip()
    mb_s = None if args.skip_parser else parser_mb_s()
    timing_results = None if args.skip_timing else timing(args, dflint, args.out)
    lsp_results = None if args.skip_lsp else lsp(args, dflint, args.out)
    how = f"wall times are means of {args.runs} hyperfine runs after a warm-up run (one run per file in per-file mode)"
    text = table(timing_results, lsp_results, mb_s, f"{described}; {version}; {started}; {how}", args.lsp_timeout)
    (args.out / "results.md").write_text(text)
    print(text, end="")
    if args.update_readme:
        update_readme(text)


if __name__ == "__main__":
    main()
