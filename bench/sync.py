#!/usr/bin/env python3
"""Times sync and clone of a generated journal beside the git CLI doing the same work.

    cargo build --release
    python3 bench/sync.py                  # ten years, 5 runs per row
    python3 bench/sync.py --years 1 --runs 3 --no-ssh

Rows, over a path to a bare repository and over ssh to an sshd started on loopback (skipped,
with a message, where /usr/sbin/sshd or ssh-keygen is missing):

- first push: `mpl sync` of the whole journal (8,043 commits for ten years) to an empty
  remote, against `git push REMOTE main`;
- clone: `mpl clone` against `git clone`;
- no-op sync: `mpl sync` with nothing new either side, against `git pull && git push`;
- one-entry sync: `mpl sync` after `mpl learn` (untimed), against a `git commit` (untimed)
  then `git pull && git push`.

Everything runs under a throwaway HOME whose ~/.gitconfig and ~/.ssh/config point at a
throwaway key, so nothing of the user's is read or written. The table shows the median and
the slowest run in milliseconds and the ratio of mpl's median to git's; compare ratios, not
absolutes: this machine has slow spells.
"""

import argparse
import getpass
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT, binary, journal


def run(argv, env, cwd=None, check=True):
    proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(map(str, argv))}\n"
                 f"{proc.stderr.decode(errors='replace')}")
    return proc


def timed(argv, env, cwd=None):
    """Wall time of one run in ms."""
    start = time.perf_counter()
    run(argv, env, cwd)
    return (time.perf_counter() - start) * 1000


def series(runs, setup, argv, env, cwd=None):
    """`runs` timings of `argv`, each after an untimed `setup()` that may return a new cwd."""
    times = []
    for i in range(runs):
        here = setup(i) if setup else None
        times.append(timed(argv, env, here or cwd))
    return times


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(home):
    """A throwaway HOME: a git identity, an ssh key and an ssh config naming them."""
    ssh = home / ".ssh"
    ssh.mkdir(parents=True)
    env = dict(os.environ, HOME=str(home), NO_COLOR="1", GIT_TERMINAL_PROMPT="0")
    for name in ("MPL_JOURNAL", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "GIT_DIR", "GIT_WORK_TREE"):
        env.pop(name, None)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Bench\n\temail = bench@example.com\n"
        f"[core]\n\tsshCommand = ssh -F '{ssh / 'config'}'\n"
        "[init]\n\tdefaultBranch = main\n")
    have_keygen = shutil.which("ssh-keygen") is not None
    if have_keygen:
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(ssh / "id_ed25519")], env)
    (ssh / "config").write_text(
        f"Host *\n  UserKnownHostsFile {ssh / 'known_hosts'}\n  GlobalKnownHostsFile /dev/null\n"
        f"  IdentityFile {ssh / 'id_ed25519'}\n  IdentitiesOnly yes\n  BatchMode yes\n")
    return env, have_keygen


def start_sshd(dir, home, env):
    """An sshd on a free loopback port accepting the client key in `home`; (process, url
    prefix) or None with a message."""
    program = Path("/usr/sbin/sshd")
    if not program.exists():
        print("no /usr/sbin/sshd: the ssh rows are skipped (install openssh-server)", file=sys.stderr)
        return None
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        print("sshd run as root needs /run/sshd: the ssh rows are skipped (mkdir -p /run/sshd)", file=sys.stderr)
        return None
    dir.mkdir(parents=True)
    host_key = dir / "host_ed25519"
    run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], env)
    shutil.copy(home / ".ssh" / "id_ed25519.pub", dir / "authorized_keys")
    port = free_port()
    (dir / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {dir / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {dir / 'authorized_keys'}\nStrictModes no\nUsePAM no\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
        "PermitRootLogin prohibit-password\nLogLevel ERROR\n")
    proc = subprocess.Popen([str(program), "-f", str(dir / "sshd_config"), "-D", "-e"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"sshd exited: {proc.stderr.read().decode(errors='replace')}")
            time.sleep(0.05)
    public = " ".join((host_key.with_suffix(".pub")).read_text().split()[:2])
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{port} {public}\n")
    return proc, f"ssh://{getpass.getuser()}@127.0.0.1:{port}"


def with_history(work, tree):
    """The journal with the history mpl gives it, one commit per entry in date order
    (8,043 for ten years), made with `git fast-import` on first use."""
    out = work / "history"
    if (out / "mpl.toml").exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=str(work))
    run(["git", "init", "-q", "-b", "main", str(out)], env)
    files = sorted((p.relative_to(tree) for p in tree.rglob("*") if p.is_file() and ".git" not in p.parts),
                   key=lambda p: (p.name != "mpl.toml", p.name, str(p)))
    stream = bytearray()
    when = 1_478_000_000
    for i, path in enumerate(files):
        data = (tree / path).read_bytes()
        message = f"add {path}".encode()
        stream += b"commit refs/heads/main\n"
        stream += f"committer Bench <bench@example.com> {when + i * 3600} +0000\n".encode()
        stream += b"data %d\n%s\n" % (len(message), message)
        stream += b"M 100644 inline %s\ndata %d\n%s\n" % (str(path).encode(), len(data), data)
    proc = subprocess.run(["git", "fast-import", "--quiet"], input=bytes(stream), cwd=out, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit(f"git fast-import failed: {proc.stderr.decode(errors='replace')}")
    run(["git", "reset", "-q", "--hard", "main"], env, out)
    return out


def bare(path, env):
    shutil.rmtree(path, ignore_errors=True)
    run(["git", "init", "-q", "--bare", "-b", "main", str(path)], env)


def transport_rows(name, url_of, tree, scratch, env, mpl, runs):
    """The rows for one transport; `url_of(path)` names a bare repository at `path`."""
    rows = []
    remote = scratch / "remote.git"
    url = url_of(remote)
    mine = scratch / "mine"
    env_mine = dict(env, MPL_JOURNAL=str(mine))

    # First push: a fresh copy of the journal and an empty remote each run.
    def fresh_mine(_):
        bare(remote, env)
        shutil.rmtree(mine, ignore_errors=True)
        shutil.copytree(tree, mine, symlinks=True)
        # A copy's files have new inodes: refresh git's index as a journal's own would be.
        run(["git", "update-index", "-q", "--refresh"], env, mine)
        run([mpl, "remote", url], env_mine)
    mpl_push = series(runs, fresh_mine, [mpl, "sync", "-q"], env_mine)

    def fresh_remote(_):
        bare(remote, env)
    git_push = series(runs, fresh_remote, ["git", "push", "-q", url, "main:main"], env, tree)
    rows.append((f"first push, {name}", mpl_push, git_push))

    # Clone: the remote now holds the journal.
    copy = scratch / "copy"

    def no_copy(_):
        shutil.rmtree(copy, ignore_errors=True)
    mpl_clone = series(runs, no_copy, [mpl, "clone", "-q", url, str(copy)], env)
    git_clone = series(runs, no_copy, ["git", "clone", "-q", url, str(copy)], env)
    rows.append((f"clone, {name}", mpl_clone, git_clone))

    # No-op sync: `mine` is in step with the remote; a git clone beside it for the peer.
    shutil.rmtree(copy, ignore_errors=True)
    run(["git", "clone", "-q", url, str(copy)], env)
    pull_push = ["sh", "-c", "git pull -q --no-rebase origin main && git push -q origin main"]
    mpl_noop = series(runs, None, [mpl, "sync", "-q"], env_mine)
    git_noop = series(runs, None, pull_push, env, copy)
    rows.append((f"no-op sync, {name}", mpl_noop, git_noop))

    # One entry: written untimed, then synced.
    def learn(i):
        run([mpl, "learn", "-q", f"benchmark entry {name} {i}", "--tag", "bench"], env_mine)
    mpl_one = series(runs, learn, [mpl, "sync", "-q"], env_mine)

    def commit(i):
        note = copy / "learned" / f"bench-{name.replace(' ', '-')}-{i}.md"
        note.write_text(f"benchmark entry {i}\n")
        run(["git", "add", str(note)], env, copy)
        run(["git", "commit", "-qm", "bench"], env, copy)
    git_one = series(runs, commit, pull_push, env, copy)
    rows.append((f"one-entry sync, {name}", mpl_one, git_one))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder with bench/gen_journal.py")
    ap.add_argument("--mpl", default=str(ROOT / "target" / "release" / "mpl"))
    ap.add_argument("--no-ssh", action="store_true", help="time the path transport only")
    args = ap.parse_args()

    mpl = str(binary(args.mpl).resolve())
    work, plain, manifest = journal(args.years, args.shared)
    tree = with_history(work, plain)
    scratch = Path(tempfile.mkdtemp(prefix="mpl-sync-bench-", dir=work))
    sshd = None
    try:
        env, have_keygen = client(scratch / "home")
        rows = transport_rows("path", lambda p: str(p), tree, scratch / "path", env, mpl, args.runs)
        if not args.no_ssh and have_keygen:
            sshd = start_sshd(scratch / "sshd", scratch / "home", env)
        if sshd:
            prefix = sshd[1]
            rows += transport_rows("ssh", lambda p: f"{prefix}{p}", tree, scratch / "ssh", env, mpl, args.runs)
    finally:
        if sshd:
            sshd[0].terminate()
            sshd[0].wait()
        shutil.rmtree(scratch, ignore_errors=True)

    commits = run(["git", "rev-list", "--count", "HEAD"], dict(os.environ), tree).stdout.decode().strip()
    print(f"\n{manifest['entries']} entries, {commits} commits, over {args.years} years; "
          f"{args.runs} runs each\n")
    print("| task | mpl median ms | mpl slowest ms | git median ms | git slowest ms | mpl / git |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, ours, git in rows:
        m, g = statistics.median(ours), statistics.median(git)
        print(f"| {label} | {m:.0f} | {max(ours):.0f} | {g:.0f} | {max(git):.0f} | {m / g:.2f} |")


if __name__ == "__main__":
    main()
