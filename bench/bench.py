#!/usr/bin/env python3
"""Times whole mpl commands on a generated journal and prints a Markdown table.

    cargo build --release
    python3 bench/bench.py                 # ten years, 10 runs per command
    python3 bench/bench.py --years 1 --runs 20

The journal comes from ../shared/bench/gen_journal.py (deterministic: 8,042 entries for
ten years). Each command runs `--runs` times after one warm-up; the table shows the median
and the slowest run in milliseconds, and the peak resident memory of the slowest-memory run.
Commands that write run on a scratch copy of the journal. Peers (git, rg, grep) doing the
same work on the same files are timed in the same run, so compare ratios, not absolutes:
this machine has slow spells.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(argv, env, cwd):
    """Wall time in ms."""
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr.decode(errors='replace')}")
    return elapsed * 1000


def peak_mib(argv, env, cwd):
    """Peak resident memory in MiB, from GNU time (a fork of Python would count Python's)."""
    if not Path("/usr/bin/time").exists():
        return float("nan")
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def measure(label, argv, env, cwd, runs, shell=False):
    if shell:
        argv = ["sh", "-c", argv]
    run_once(argv, env, cwd)  # warm-up
    times = [run_once(argv, env, cwd) for _ in range(runs)]
    return label, statistics.median(times), max(times), peak_mib(argv, env, cwd)


def binary(path):
    """The mpl binary to time, or exit saying how to build it."""
    mpl = Path(path)
    if not mpl.exists():
        sys.exit(f"{mpl} is missing: run `cargo build --release` first")
    return mpl


def journal(years, shared):
    """(work folder, journal tree, manifest) of the generated journal, made on first use."""
    work = ROOT / "target" / "bench" / f"{years}y"
    tree = work / "tree"
    if not (tree / "mpl.toml").exists():
        shutil.rmtree(work, ignore_errors=True)
        gen = Path(shared) / "bench" / "gen_journal.py"
        if not gen.exists():
            sys.exit(f"{gen} is missing: pass --shared DIR, the folder holding bench/gen_journal.py")
        print(f"generating a {years}-year journal with {gen} …", file=sys.stderr)
        subprocess.run([sys.executable, str(gen), "--years", str(years), "--out", str(work), "--git"],
                       check=True, stdout=subprocess.DEVNULL)
    return work, tree, json.loads((work / "manifest.json").read_text())


def recall_log(journal, end):
    """Writes journal/recall.log as a learner who recalled every learned entry on time and
    always knew it would have it: due the day after it was learned, then SM-2's waits for
    "good" (1, 6, 15, 38, 95, … days). Some 28,000 answers over ten years. Returns how many."""
    import datetime
    end = datetime.date.fromisoformat(end)
    lines = []
    for path in sorted((journal / "learned").glob("*/*.md")):
        day = datetime.date.fromisoformat(path.stem[:10])
        for wait in (1, 1, 6, 15, 38, 95, 238, 595, 1488, 3720):
            day += datetime.timedelta(days=wait)
            if day > end:
                break
            lines.append(f"{day.isoformat()}T19:00:00+00:00 {path.stem} good")
    lines.sort()
    (journal / "recall.log").write_text("# mpl recall (bench)\n" + "\n".join(lines) + "\n")
    # Where nudge keeps the schedule it works out once per change of the log, as in every
    # journal mpl has written to (the generated one has none yet).
    (journal / ".mpl").mkdir(exist_ok=True)
    return len(lines)


def cpd_hours(journal):
    """Gives every learned entry, piece of evidence and feedback of journal/ its CPD hours and
    category in its front matter (and one in seven a competency), as a learner keeping a CPD
    record would, and writes a three-year scheme (examples/cpd/nmc.toml) as cpd.toml and the
    example framework into frameworks/. Returns how many entries."""
    categories = ["participatory", "individual"]
    competencies = ["testing", "observability", "mentoring", "system-design"]
    count = 0
    for kind in ("learned", "evidence", "feedback"):
        for path in sorted((journal / kind).glob("*/*.md")):
            text = path.read_text()
            end = text.find("\n+++", 3)
            if not text.startswith("+++") or end < 0:
                continue
            extra = f'\nhours = {1 + count % 4 * 0.5}\ncpd = "{categories[count % 2]}"'
            # One entry in seven names a competency of the example framework.
            if count % 7 == 0:
                extra += f'\ncompetencies = ["{competencies[count // 7 % len(competencies)]}"]'
            path.write_text(text[:end] + extra + text[end:])
            count += 1
    scheme = (ROOT / "examples" / "cpd" / "nmc.toml").read_text()
    (journal / "cpd.toml").write_text(scheme)
    (journal / "frameworks").mkdir(exist_ok=True)
    framework = (ROOT / "examples" / "frameworks" / "software-engineering.toml").read_text()
    (journal / "frameworks" / "software-engineering.toml").write_text(framework)
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder with bench/gen_journal.py")
    ap.add_argument("--mpl", default=str(ROOT / "target" / "release" / "mpl"))
    args = ap.parse_args()

    mpl = binary(args.mpl)
    work, tree, manifest = journal(args.years, args.shared)
    scratch = work / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(tree, scratch, symlinks=True)

    end = manifest["end"]
    env = dict(os.environ, MPL_NOW=f"{end}T20:00:00+00:00", MPL_JOURNAL=str(tree), NO_COLOR="1")
    scratch_env = dict(env, MPL_JOURNAL=str(scratch))
    newest = subprocess.run([str(mpl), "log", "-n", "1", "--kind", "learned", "--json"], env=env,
                            capture_output=True, check=True, text=True)
    newest_id = json.loads(newest.stdout)[0]["id"]
    m = str(mpl)
    r = args.runs
    # A key without a passphrase, for the signed export.
    if not (work / "key").exists():
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / "key")], check=True)
    # The same journal with its private entries encrypted (`mpl encrypt setup`, then
    # `mpl encrypt all`), read with a key that needs no passphrase.
    encrypted = work / "encrypted"
    identity = work / "identity.txt"
    if not (encrypted / "mpl.toml").exists() or "recipients" not in (encrypted / "mpl.toml").read_text():
        shutil.rmtree(encrypted, ignore_errors=True)
        identity.unlink(missing_ok=True)
        shutil.copytree(tree, encrypted, symlinks=True)
        enc_setup = dict(env, MPL_JOURNAL=str(encrypted), MPL_IDENTITY=str(identity))
        subprocess.run([str(mpl), "encrypt", "setup", "-q"], env=enc_setup, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([str(mpl), "encrypt", "all", "-q"], env=enc_setup, check=True)
    enc_env = dict(env, MPL_JOURNAL=str(encrypted), MPL_IDENTITY=str(identity))
    answers = recall_log(scratch, end)
    with_hours = cpd_hours(scratch)
    rows = [
        measure("mpl --version", [m, "--version"], env, tree, r),
        measure("mpl log -n 10", [m, "log", "-n", "10"], env, tree, r),
        measure("mpl show ID", [m, "show", newest_id], env, tree, r),
        measure("mpl reflect --show", [m, "reflect", "--show"], env, tree, r),
        measure("mpl nudge", [m, "nudge"], env, tree, r),
        measure("mpl challenge today", [m, "challenge", "today"], env, tree, r),
        measure("mpl goal list --all", [m, "goal", "list", "--all"], env, tree, r),
        measure("mpl search (rare word)", [m, "search", "quillfeather"], env, tree, r),
        measure("mpl search (two common words)", [m, "search", "team", "review"], env, tree, r),
        measure("mpl log -n 10 (private entries encrypted)", [m, "log", "-n", "10"], enc_env, encrypted, r),
        measure("mpl nudge (private entries encrypted)", [m, "nudge"], enc_env, encrypted, r),
        measure("mpl search (rare word; private entries encrypted)", [m, "search", "quillfeather"], enc_env, encrypted, r),
        measure("mpl search (two common words; private entries encrypted)", [m, "search", "team", "review"],
                enc_env, encrypted, r),
        measure("mpl stats", [m, "stats"], env, tree, r),
        measure("mpl review --month", [m, "review", "--month"], env, tree, r),
        measure("mpl look-back", [m, "look-back"], env, tree, r),
        measure("mpl intentions", [m, "intentions"], env, tree, r),
        measure(f"mpl cpd (3-year period, {with_hours} entries with hours)", [m, "cpd"], scratch_env, scratch, r),
        measure("mpl competencies (every seventh entry names one)", [m, "competencies"], scratch_env, scratch, r),
        measure("mpl recall --list", [m, "recall", "--list"], env, tree, r),
        measure(f"mpl recall --list (recall.log of {answers:,} answers)", [m, "recall", "--list"],
                scratch_env, scratch, r),
        measure(f"mpl nudge (recall.log of {answers:,} answers)", [m, "nudge"], scratch_env, scratch, r),
        measure("mpl recall --list --all (every learned entry)", [m, "recall", "--list", "--all"], env, tree, r),
        measure("mpl log --json (everything)", [m, "log", "--json"], env, tree, r),
        measure("mpl export --format html", [m, "export", "--out", str(work / "site"), "--force", "-q"], env, tree, r),
        measure("mpl export --format html --include-private",
                [m, "export", "--out", str(work / "site"), "--force", "-q", "--include-private"], env, tree, r),
        measure("mpl export --format json", [m, "export", "--format", "json"], env, tree, r),
        measure("mpl export --sign (html, signed)",
                [m, "export", "--out", str(work / "signed"), "--force", "-q", "--sign", "--key", str(work / "key")],
                env, tree, r),
        measure("mpl verify (the signed site)", [m, "verify", str(work / "signed")], env, tree, r),
        measure("mpl doctor (every file)", [m, "doctor"], env, tree, r),
        measure("mpl learn TEXT (with commit)", [m, "learn", "benchmark entry", "--tag", "bench"], scratch_env, scratch, r),
        measure("mpl reflect --went-well T (merge + commit)",
                f"'{m}' reflect --went-well \"benchmark $(date +%s%N)\"", scratch_env, scratch, r, shell=True),
        measure("peer: git log -n 10", ["git", "log", "-n", "10"], env, tree, r),
        measure("peer: git add && git commit (one file)",
                "n=$(date +%s%N); echo $n > learned/bench-$n.md && git add learned/bench-$n.md && git commit -qm bench",
                env, scratch, r, shell=True),
        measure("peer: grep -rl (rare word)", ["grep", "-rl", "quillfeather", "reflections", "learned", "evidence"], env, tree, r),
    ]
    browser = next((b for b in ("chromium", "google-chrome", "chromium-browser") if shutil.which(b)), None)
    if browser:
        rows.append(measure("mpl export --format pdf",
                            [m, "export", "--format", "pdf", "--out", str(work / "cv.pdf"), "--force", "-q"],
                            env, tree, r))
    if shutil.which("rg"):
        rows.append(measure("peer: rg -l (rare word)", ["rg", "-l", "quillfeather"], env, tree, r))
        rows.append(measure("peer: rg -il (rare word)", ["rg", "-il", "quillfeather"], env, tree, r))
        rows.append(measure("peer: rg -il (common word)", ["rg", "-il", "team"], env, tree, r))
    print(f"\n{manifest['entries']} entries over {args.years} years, {r} runs each (after a warm-up)\n")
    print("| command | median ms | slowest ms | peak MiB |")
    print("| --- | ---: | ---: | ---: |")
    for label, med, worst, mem in rows:
        print(f"| {label} | {med:.1f} | {worst:.1f} | {mem:.1f} |")


if __name__ == "__main__":
    main()
