//! Private entries encrypted with age: what is stored, on disk and in every object a
//! remote holds; reading with and without the key; two machines that merge encrypted
//! entries and a third without the key that loses nothing; the `age` command line tool
//! reading a file mpl wrote.

use crate::common::TestEnv;
use std::path::Path;
use std::process::Command;

/// Words only private entries hold: none may appear, in any case, in a stored file, a file
/// name or a git object (trees hold file names). Long enough that ciphertext never spells
/// one by chance.
const SECRETS: [&str; 7] = [
    "Kestrel",
    "manager said no",
    "Quokka feedback",
    "Wombat here",
    "Zabriskie",
    "Ornithologist",
    "Pelicanscope",
];

/// A machine whose identity is its own (in its HOME).
fn machine(now: &str) -> TestEnv {
    let mut env = TestEnv::new();
    env.now = now.to_string();
    env
}

/// Every object of the git repository at `git_dir`, as text.
fn all_objects(git_dir: &Path) -> String {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(git_dir)
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .output()
        .expect("git");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_no_secret(what: &str, text: &str) {
    let text = text.to_lowercase();
    for word in SECRETS {
        assert!(
            !text.contains(&word.to_lowercase()),
            "{what} holds {word:?}"
        );
    }
}

/// Every file in the journal's work tree (but .git and .mpl), as text, after its name.
fn work_tree(env: &TestEnv) -> String {
    let mut all = String::new();
    for path in env.git(&["ls-files"]).lines() {
        all.push_str(path);
        all.push('\n');
        all.push_str(&String::from_utf8_lossy(
            &std::fs::read(env.path(path)).unwrap(),
        ));
    }
    all
}

fn public_key(env: &TestEnv) -> String {
    let status: serde_json::Value =
        serde_json::from_str(&env.ok(&["encrypt", "status", "--json"])).unwrap();
    status["public_keys"][0].as_str().unwrap().to_string()
}

/// A new empty bare repository in `dir`, as a remote's URL.
fn remote(dir: &tempfile::TempDir) -> String {
    crate::common::bare_repo(dir.path(), "journal.git")
        .display()
        .to_string()
}

/// Machine A of a new journal at the remote `url`, with its own key; synced.
fn keyed_machine(url: &str) -> TestEnv {
    let a = machine("2026-11-25T18:00:00+01:00");
    a.ok(&["init", "--name", "Ada", "--remote", url]);
    a.ok(&["encrypt", "setup"]);
    a.ok(&["sync"]);
    a
}

/// Machines A and B of a journal at the remote `url`, each with its own key, and both keys
/// recipients (B's added on A, which reads everything); both synced.
fn two_keyed_machines(url: &str) -> (TestEnv, TestEnv) {
    let a = keyed_machine(url);
    let b = machine("2026-11-25T19:00:00+01:00");
    b.ok(&["clone", url]);
    b.ok(&["encrypt", "setup"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    a.ok(&["encrypt", "add-recipient", &public_key(&b)]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    (a, b)
}

#[test]
fn private_entries_are_ciphertext_on_disk_and_in_git_and_read_back_with_the_key() {
    let env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada"]);
    let setup = env.run(&["encrypt", "setup"]);
    assert_eq!(setup.code, 0, "{}", setup.stderr);
    let key = setup.stdout.trim();
    assert!(key.starts_with("age1"), "{}", setup.stdout);
    assert!(env.read("mpl.toml").contains(key));
    let identity = env.home.join(".config/mpl/identity.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&identity).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "the identity is readable by others: {mode:o}"
        );
    }

    env.ok(&[
        "reflect",
        "--went-well",
        "Kestrel shipped",
        "--difficult",
        "My manager said no",
    ]);
    env.ok(&[
        "feedback",
        "add",
        "Quokka feedback on the design",
        "--from",
        "Sam",
    ]);
    env.ok(&["network", "add", "Sam Lee", "--note", "Wombat here"]);
    // Names and titles of private contacts, goals and tools stay out of file names.
    env.ok(&["network", "add", "Quentin Zabriskie", "--where", "Acme"]);
    env.ok(&["goal", "add", "Become an ornithologist", "--private"]);
    env.ok(&["toolkit", "add", "Pelicanscope", "--private"]);
    env.ok(&["network", "log", "zabriskie", "Lunch in the park"]);
    assert!(
        env.read("network/contact-2.md")
            .contains("encrypted = \"age\""),
        "{}",
        env.git(&["ls-files"])
    );
    let goals = env.ok(&["goal", "list"]);
    assert!(
        goals.contains("goal") && goals.contains("Become an ornithologist"),
        "{goals}"
    );
    env.ok(&["learn", "Borrow checking in public", "--tag", "rust"]);
    env.ok(&[
        "learn",
        "Internals of the bird",
        "--private",
        "--tag",
        "kestrel",
    ]);

    // Plain where public, an envelope with only the layout's fields where private.
    assert!(
        env.read("learned/2026/2026-11-25-borrow-checking-in-public.md")
            .contains("Borrow checking")
    );
    let stored = env.read("reflections/2026/2026-11-25.md");
    assert!(
        stored.contains("encrypted = \"age\"")
            && stored.contains("-----BEGIN AGE ENCRYPTED FILE-----"),
        "{stored}"
    );
    assert!(!stored.contains("title"), "{stored}");
    assert_no_secret("the work tree", &work_tree(&env));
    assert_no_secret("git's objects", &all_objects(&env.journal().join(".git")));

    // A private entry's attachment is encrypted too, and goes out decrypted.
    let file = env.root.join("plan.txt");
    std::fs::write(&file, "Kestrel plan, for my eyes\n").unwrap();
    env.ok(&[
        "evidence",
        "add",
        "Shipped the thing",
        "--impact",
        "Faster builds",
        "--file",
        &file.display().to_string(),
        "--private",
    ]);
    let stored = env.git(&["ls-files", "attachments"]);
    assert!(stored.trim().ends_with(".txt.age"), "{stored}");
    let site = env.root.join("site");
    env.ok(&[
        "export",
        "--include-private",
        "--out",
        &site.display().to_string(),
    ]);
    let copied = std::fs::read_dir(site.join("files"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect::<String>();
    assert!(copied.contains("Kestrel plan, for my eyes"), "{copied}");

    // Read back whole with the key.
    let shown = env.ok(&["show", "2026-11-25"]);
    assert!(shown.contains("My manager said no"), "{shown}");
    let found = env.ok(&["search", "manager"]);
    assert!(found.contains("2026-11-25"), "{found}");
    let log = env.ok(&["log"]);
    assert!(
        log.contains("Internals of the bird") && log.contains("Sam Lee"),
        "{log}"
    );
    // Written to again: merged with what it held, still encrypted.
    env.ok(&["reflect", "--learned", "Kestrel has a second wing"]);
    let shown = env.ok(&["show", "2026-11-25"]);
    assert!(
        shown.contains("My manager said no") && shown.contains("second wing"),
        "{shown}"
    );
    assert_no_secret("the work tree", &work_tree(&env));
    env.ok(&["doctor"]);
}

#[test]
fn the_age_command_line_tool_decrypts_an_entry_mpl_wrote() {
    let found = Command::new("age").arg("--version").output().is_ok();
    if !crate::common::servers::available(
        "the age command",
        found,
        "install it (Debian: apt install age)",
    ) {
        return;
    }
    let env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada"]);
    env.ok(&["encrypt", "setup"]);
    env.ok(&["reflect", "--went-well", "Kestrel shipped"]);
    let stored = env.read("reflections/2026/2026-11-25.md");
    let armored: String = stored
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN AGE"))
        .map(|l| format!("{l}\n"))
        .collect();
    let identity = env.home.join(".config/mpl/identity.txt");
    let plain = age(
        &["-d".as_ref(), "-i".as_ref(), identity.as_os_str()],
        &armored,
    );
    assert!(
        plain.starts_with("+++\n") && plain.contains("Kestrel shipped"),
        "{plain}"
    );
}

#[test]
fn a_missing_or_wrong_key_is_a_clear_error_and_nothing_is_overwritten() {
    let mut env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada"]);
    env.ok(&["encrypt", "setup"]);
    env.ok(&["reflect", "--went-well", "Kestrel shipped"]);

    let missing = env.root.join("nowhere.txt");
    env.set("MPL_IDENTITY", &missing.display().to_string());
    let err = env.fails(&["show", "2026-11-25"], 1);
    assert!(
        err.contains("encrypted, and this machine has no key to read it")
            && err.contains("nowhere.txt")
            && err.contains("hint:"),
        "{err}"
    );
    // Listed by what the layout says; searched around, with one warning.
    let log = env.ok(&["log"]);
    assert!(
        log.contains("2026-11-25") && log.contains("(encrypted)"),
        "{log}"
    );
    // In JSON, what is not known is not made up: no title, no time of writing.
    let listed: serde_json::Value = serde_json::from_str(&env.ok(&["log", "--json"])).unwrap();
    let day = &listed[0];
    assert_eq!(day["id"], "2026-11-25");
    assert_eq!(day["title"], "");
    assert!(day["created"].is_null(), "{day}");
    assert_eq!(day["fields"]["encrypted"], "age");
    let search = env.run(&["search", "Kestrel"]);
    assert!(
        search.stderr.contains("skipped") && search.stderr.contains("no key"),
        "{}",
        search.stderr
    );
    // Adding to the day's reflection needs no key: the answers go in as a version of
    // their own, which the key merges.
    let added = env.run(&["reflect", "--learned", "Quokka feedback is due"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert!(
        added.stderr.contains("as a version of its own"),
        "{}",
        added.stderr
    );
    assert_no_secret("the work tree", &work_tree(&env));
    let before = env.read("reflections/2026/2026-11-25.md");
    assert!(before.contains("unmerged = 2"), "{before}");
    let err = env.fails(&["doctor"], 1);
    assert!(!err.contains("panicked"));
    // Its hint is the missing key's, not a hand repair's.
    assert!(
        err.contains("copy your identity file") && !err.contains("by hand"),
        "{err}"
    );

    // Another machine's key: none of its keys opens it.
    let other = env.root.join("other.txt");
    let other_env = machine("2026-11-25T18:00:00+01:00");
    other_env.ok(&["init", "--name", "Bo"]);
    other_env.ok(&["encrypt", "setup"]);
    std::fs::copy(other_env.home.join(".config/mpl/identity.txt"), &other).unwrap();
    env.extra_env.clear();
    env.set("MPL_IDENTITY", &other.display().to_string());
    let err = env.fails(&["show", "2026-11-25"], 1);
    assert!(
        err.contains("none of this machine's keys opens it"),
        "{err}"
    );
    let garbage = env.root.join("garbage.txt");
    std::fs::write(&garbage, "not a key\n").unwrap();
    env.extra_env.clear();
    env.set("MPL_IDENTITY", &garbage.display().to_string());
    let err = env.fails(&["show", "2026-11-25"], 1);
    assert!(err.contains("cannot be used"), "{err}");
    assert_eq!(env.read("reflections/2026/2026-11-25.md"), before);
    // With the key, both versions read as one.
    env.extra_env.clear();
    let shown = env.ok(&["show", "2026-11-25"]);
    assert!(
        shown.contains("Kestrel shipped") && shown.contains("Quokka feedback is due"),
        "{shown}"
    );

    // A damaged envelope: said on one line, with how to take a good version back.
    let damaged = before.replacen(
        "-----BEGIN AGE ENCRYPTED FILE-----\n",
        "-----BEGIN AGE ENCRYPTED FILE-----\nAAAA\n",
        1,
    );
    env.write("reflections/2026/2026-11-25.md", &damaged);
    let doctor = env.run(&["doctor"]);
    assert_eq!(doctor.code, 1);
    for err in [
        env.fails(&["show", "2026-11-25"], 1),
        format!("{}{}", doctor.stdout, doctor.stderr),
    ] {
        assert!(
            err.contains("damaged") && err.contains("git checkout COMMIT -- FILE"),
            "{err}"
        );
        assert!(
            !err.contains("upgrading") && !err.contains("by hand"),
            "{err}"
        );
    }
    assert_eq!(env.read("reflections/2026/2026-11-25.md"), damaged);
}

#[test]
fn encrypt_all_and_decrypt_all_each_make_one_commit_and_doctor_checks_both_ways() {
    let env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada"]);
    env.ok(&["reflect", "--went-well", "Kestrel shipped"]);
    env.ok(&[
        "feedback",
        "add",
        "Quokka feedback on the design",
        "--from",
        "Sam",
    ]);
    env.ok(&["learn", "Public note"]);
    env.ok(&["encrypt", "setup"]);
    // Written before: plain, and doctor says so.
    let listed = env.run(&["doctor"]).stdout;
    assert!(
        listed.contains("stored plain") && listed.contains("mpl encrypt all"),
        "{listed}"
    );
    let commits = env.git(&["rev-list", "--count", "HEAD"]);
    env.ok(&["encrypt", "all"]);
    let after: u32 = env
        .git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(after, commits.trim().parse::<u32>().unwrap() + 1);
    assert_no_secret("the work tree", &work_tree(&env));
    assert!(
        env.read("learned/2026/2026-11-25-public-note.md")
            .contains("Public note")
    );
    env.ok(&["doctor"]);
    assert!(env.ok(&["show", "2026-11-25"]).contains("Kestrel shipped"));

    // A plain private entry written by hand is named by doctor, and sync would encrypt it.
    env.ok(&["decrypt", "all"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("Kestrel shipped") && !text.contains("BEGIN AGE"),
        "{text}"
    );
    assert!(!env.read("mpl.toml").contains("recipients"));
    env.ok(&["doctor"]);
    // Private entries are written plain from now on.
    env.ok(&["network", "add", "Sam Lee", "--note", "Wombat here"]);
    assert!(work_tree(&env).contains("Wombat here"));
}

#[test]
fn two_machines_merge_encrypted_entries_and_a_third_without_the_key_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let (a, b) = two_keyed_machines(&url);

    // Both write the day's reflection; sync merges them, encrypted.
    a.ok(&["reflect", "--went-well", "Kestrel shipped"]);
    b.ok(&["reflect", "--difficult", "My manager said no"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        let shown = machine.ok(&["show", "2026-11-25"]);
        assert!(
            shown.contains("Kestrel shipped") && shown.contains("My manager said no"),
            "{shown}"
        );
        assert_no_secret("the work tree", &work_tree(machine));
    }

    // C has no key: it syncs, and writes entries the others wrote too.
    let c = machine("2026-11-26T09:00:00+01:00");
    c.ok(&["clone", &url]);
    let mut a = a;
    a.now = "2026-11-26T08:00:00+01:00".into();
    a.ok(&["reflect", "--went-well", "Wombat here made"]);
    let wrote = a.run_with_stdin(&["learn", "Same title", "--private"], "from A\n");
    assert_eq!(wrote.code, 0, "{}", wrote.stderr);
    a.ok(&["sync"]);
    c.ok(&["reflect", "--next", "Quokka feedback due"]);
    let wrote = c.run_with_stdin(&["learn", "Same title", "--private"], "from C\n");
    assert_eq!(wrote.code, 0, "{}", wrote.stderr);
    let synced = c.run(&["sync"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    // Kept apart, encrypted: nothing lost, nothing readable.
    assert_no_secret("the work tree", &work_tree(&c));
    let log = c.ok(&["log"]);
    assert!(log.contains("(encrypted)"), "{log}");
    // A, with the key, merges them at its next sync.
    a.ok(&["sync"]);
    let shown = a.ok(&["show", "2026-11-26"]);
    assert!(
        shown.contains("Wombat here made") && shown.contains("Quokka feedback due"),
        "{shown}"
    );
    let from_a = a.ok(&["search", "from A"]);
    let from_c = a.ok(&["search", "from C"]);
    assert!(
        from_a.contains("Same title") && from_c.contains("Same title"),
        "{from_a}\n{from_c}"
    );
    // Two entries, each its own, and their ids say no title.
    assert_eq!(
        crate::common::ids(&a.log_json(&["--kind", "learned"])).len(),
        2
    );
    assert!(!from_a.contains("same-title"), "{from_a}");
    let doctor = a.run(&["doctor"]);
    assert_eq!(doctor.code, 0, "{}{}", doctor.stdout, doctor.stderr);
    c.ok(&["sync"]);
    b.ok(&["sync"]);
    assert!(
        b.ok(&["show", "2026-11-26"])
            .contains("Quokka feedback due")
    );

    // What the remote holds: ciphertext only.
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
}

#[test]
fn an_ssh_key_with_a_passphrase_from_a_command_reads_and_writes() {
    let found = Command::new("ssh-keygen").arg("-?").output().is_ok();
    if !crate::common::servers::available("ssh-keygen", found, "install openssh-client") {
        return;
    }
    let mut env = machine("2026-11-25T18:00:00+01:00");
    let key = env.home.join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "hunter2", "-C", "laptop", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    env.ok(&["init", "--name", "Ada"]);
    let setup = env.ok(&["encrypt", "setup", "--identity", &key.display().to_string()]);
    assert!(setup.starts_with("ssh-ed25519 "), "{setup}");
    assert!(env.read("mpl.toml").contains("ssh-ed25519 "));
    // Writing needs only the public key: no passphrase asked or given.
    env.ok(&["reflect", "--went-well", "Kestrel shipped"]);
    assert_no_secret("the work tree", &work_tree(&env));
    // Reading without the passphrase: a clear error; `log` does not ask.
    let err = env.fails(&["show", "2026-11-25"], 1);
    assert!(err.contains("passphrase"), "{err}");
    assert!(env.ok(&["log"]).contains("(encrypted)"));
    // With a command that prints it (a password manager, say).
    env.set("MPL_PASSPHRASE_COMMAND", "echo hunter2");
    assert!(env.ok(&["show", "2026-11-25"]).contains("Kestrel shipped"));
    env.extra_env.clear();
    env.set("MPL_PASSPHRASE_COMMAND", "echo wrong");
    let err = env.fails(&["show", "2026-11-25"], 1);
    assert!(err.contains("wrong"), "{err}");
}

#[test]
fn versions_a_machine_could_not_merge_for_want_of_a_passphrase_merge_at_its_next_sync() {
    let found = Command::new("ssh-keygen").arg("-?").output().is_ok();
    if !crate::common::servers::available("ssh-keygen", found, "install openssh-client") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let mut a = machine("2026-11-25T18:00:00+01:00");
    let key = a.home.join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "hunter2", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    a.ok(&["init", "--name", "Ada", "--remote", &url]);
    a.ok(&["encrypt", "setup", "--identity", &key.display().to_string()]);
    a.ok(&["sync"]);
    // C has no key; both write the day's reflection.
    let c = machine("2026-11-25T19:00:00+01:00");
    c.ok(&["clone", &url]);
    c.ok(&["reflect", "--went-well", "Kestrel shipped"]);
    c.ok(&["sync"]);
    a.ok(&["reflect", "--difficult", "My manager said no"]);
    // Without the passphrase, A keeps both versions.
    let synced = a.run(&["--no-input", "sync"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    assert!(
        synced.stderr.contains("both versions are kept"),
        "{}",
        synced.stderr
    );
    let status = a.ok(&["encrypt", "status", "--json"]);
    assert!(status.contains("\"unmerged\": 1"), "{status}");
    // Without the key, C lists and warns; nothing shows blank.
    c.ok(&["sync"]);
    let review = c.run(&["review", "--week"]);
    assert!(review.stderr.contains("skipped"), "{}", review.stderr);
    // A week later, looking back finds only what C cannot read, and says so.
    let back = c.run(&["look-back", "--date", "2026-12-02"]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(
        back.stderr
            .contains("skipped reflections/2026/2026-11-25.md")
            && back.stderr.contains("none that this machine can read"),
        "{}",
        back.stderr
    );
    // With it, A's next sync merges them, though nothing new came in: what it merged of
    // its own accord goes out.
    a.set("MPL_PASSPHRASE_COMMAND", "echo hunter2");
    let synced = a.run(&["sync"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    assert!(
        synced.stderr.contains("nothing came in, 1 file went out"),
        "{}",
        synced.stderr
    );
    let status = a.ok(&["encrypt", "status", "--json"]);
    assert!(status.contains("\"unmerged\": 0"), "{status}");
    let shown = a.ok(&["show", "2026-11-25"]);
    assert!(
        shown.contains("Kestrel shipped") && shown.contains("My manager said no"),
        "{shown}"
    );
    assert!(
        !shown.contains("This machine's text comes first"),
        "{shown}"
    );
    c.ok(&["sync"]);
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
}

/// Commits every change in `env`'s journal and pushes it, as someone other than mpl
/// (anyone who can push to the remote).
fn push_as_stranger(env: &TestEnv, message: &str) {
    env.git(&[
        "-c",
        "user.name=Eve",
        "-c",
        "user.email=eve@example.com",
        "commit",
        "-qam",
        message,
    ]);
    env.git(&["push", "-q", "origin", "HEAD:main"]);
}

/// Runs the `age` command line tool with `args`, `input` on its standard input; its output.
fn age(args: &[&std::ffi::OsStr], input: &str) -> String {
    use std::io::Write;
    let mut age = Command::new("age")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    age.stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = age.wait_with_output().unwrap();
    assert!(out.status.success(), "age {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Encrypts `plain` to `key` with the `age` command line tool, armored.
fn age_encrypt(plain: &str, key: &str) -> String {
    age(&["-a".as_ref(), "-r".as_ref(), key.as_ref()], plain)
}

#[test]
fn a_remote_can_neither_turn_an_encrypted_entry_plain_nor_read_merged_values() {
    let found = Command::new("age").arg("--version").output().is_ok();
    if !crate::common::servers::available(
        "the age command",
        found,
        "install it (Debian: apt install age)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let a = machine("2026-11-25T18:00:00+01:00");
    a.ok(&["init", "--name", "Ada", "--remote", &url]);
    a.ok(&["encrypt", "setup"]);
    let key = public_key(&a);
    a.ok(&[
        "reflect",
        "--went-well",
        "Kestrel shipped",
        "--difficult",
        "My manager said no",
    ]);
    a.ok(&["sync"]);

    // Someone who can push, with no key: the victim's own block, beside a version that
    // says the entry is public, as if a machine without the key had kept both.
    let evil = machine("2026-11-25T19:00:00+01:00");
    evil.ok(&["clone", &url]);
    let stored = evil.read("reflections/2026/2026-11-25.md");
    let victims: String = stored
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN AGE"))
        .map(|l| format!("{l}\n"))
        .collect();
    let public = age_encrypt(
        "+++\nid = \"2026-11-25\"\nkind = \"reflection\"\ndate = 2026-11-25\ncreated = 2026-11-25T19:00:00+01:00\ntitle = \"x\"\nvisibility = \"public\"\n+++\n\nnothing\n",
        &key,
    );
    let header: String = stored
        .lines()
        .take_while(|l| !l.starts_with("-----BEGIN"))
        .collect::<Vec<_>>()
        .join("\n");
    let header = header
        .replacen("+++\n", "", 0)
        .replace("encrypted = \"age\"", "encrypted = \"age\"\nunmerged = 2");
    evil.write(
        "reflections/2026/2026-11-25.md",
        &format!("{header}\n{public}{victims}"),
    );
    push_as_stranger(&evil, "evil");
    a.ok(&["sync"]);
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
    assert!(
        a.read("reflections/2026/2026-11-25.md")
            .contains("BEGIN AGE")
    );

    // A value both machines changed: kept in the entry, never in a commit message.
    let b = machine("2026-11-25T20:00:00+01:00");
    b.ok(&["clone", &url]);
    std::fs::create_dir_all(b.home.join(".config/mpl")).unwrap();
    std::fs::copy(
        a.home.join(".config/mpl/identity.txt"),
        b.home.join(".config/mpl/identity.txt"),
    )
    .unwrap();
    a.ok(&["feedback", "add", "Plain title", "--from", "Sam"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let id = crate::common::ids(&a.log_json(&["--kind", "feedback"]))[0].clone();
    // An editor that sets the title, as a person would.
    let retitle = |env: &TestEnv, title: &str| {
        let script = env.root.join("retitle.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nsed -i 's/^title = .*/title = \"{title}\"/' \"$1\"\n"),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        script
    };
    let mut a2 = a;
    let script = retitle(&a2, "Kestrel plan Alpha");
    a2.set("MPL_EDITOR", &script.display().to_string());
    a2.ok(&["edit", &id]);
    let mut b2 = b;
    let script = retitle(&b2, "Kestrel plan Bravo");
    b2.set("MPL_EDITOR", &script.display().to_string());
    b2.ok(&["edit", &id]);
    a2.ok(&["sync"]);
    b2.ok(&["sync"]);
    let log = b2.git(&["log", "--format=%B"]);
    assert!(!log.contains("Kestrel"), "{log}");
    let shown = b2.ok(&["show", &id]);
    assert!(
        shown.contains("Kestrel plan Alpha") && shown.contains("Kestrel plan Bravo"),
        "{shown}"
    );
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
}

#[test]
fn recipients_changed_by_the_remote_are_reported_and_removing_them_all_stops_private_writes() {
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let a = keyed_machine(&url);
    let other = machine("2026-11-25T18:00:00+01:00");
    other.ok(&["init", "--name", "Eve"]);
    other.ok(&["encrypt", "setup"]);
    let stranger = public_key(&other);

    let evil = machine("2026-11-25T19:00:00+01:00");
    evil.ok(&["clone", &url]);
    let settings = evil.read("mpl.toml");
    evil.write(
        "mpl.toml",
        &settings.replace(
            "recipients = [\n",
            &format!("recipients = [\n  \"{stranger}\",\n"),
        ),
    );
    push_as_stranger(&evil, "more");
    let synced = a.run(&["sync"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    assert!(
        synced
            .stderr
            .contains("a recipient was added on another machine")
            && synced.stderr.contains(&stranger),
        "{}",
        synced.stderr
    );

    evil.ok(&["sync"]);
    let settings = evil.read("mpl.toml");
    let start = settings.find("[encryption]").unwrap();
    evil.write("mpl.toml", &settings[..start]);
    push_as_stranger(&evil, "none");
    let synced = a.run(&["sync"]);
    assert!(
        synced.stderr.contains("recipients were removed"),
        "{}",
        synced.stderr
    );
    let err = a.fails(&["reflect", "--went-well", "Kestrel shipped"], 1);
    assert!(err.contains("no longer names anyone"), "{err}");
    assert!(!work_tree(&a).contains("Kestrel"));
    // Nor does a sync commit a private entry written by hand: it stays here, plain, unsent.
    a.write(
        "learned/2026/2026-11-25-by-hand.md",
        "+++\nid = \"2026-11-25-by-hand\"\nkind = \"learned\"\ndate = 2026-11-25\ncreated = 2026-11-25T18:00:00+01:00\ntitle = \"Kestrel by hand\"\nvisibility = \"private\"\n+++\n",
    );
    let err = a.fails(&["sync"], 1);
    assert!(err.contains("no longer names anyone"), "{err}");
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
    assert!(
        a.read("learned/2026/2026-11-25-by-hand.md")
            .contains("Kestrel by hand")
    );
    // Stopping on purpose, here: then private entries are written plain.
    a.ok(&["decrypt", "all"]);
    a.ok(&["reflect", "--went-well", "Kestrel shipped"]);
}

#[test]
fn a_sync_sends_no_private_key_and_encrypts_only_a_hand_written_entry_that_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let mut env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada", "--remote", &url]);
    env.ok(&["encrypt", "setup"]);
    env.ok(&["reflect", "--went-well", "Kestrel shipped"]);
    env.ok(&["sync"]);

    // The identity copied into the journal: neither used nor committed, and doctor says so.
    let inside = env.journal().join("key.txt");
    std::fs::copy(env.home.join(".config/mpl/identity.txt"), &inside).unwrap();
    let err = env.fails(&["sync"], 1);
    assert!(err.contains("key.txt holds a private key"), "{err}");
    let doctor = env.run(&["doctor"]);
    assert!(
        doctor.stdout.contains("key.txt: a private key"),
        "{}",
        doctor.stdout
    );
    env.set("MPL_IDENTITY", &inside.display().to_string());
    let err = env.fails(&["show", "2026-11-25"], 1);
    assert!(err.contains("inside the journal"), "{err}");
    let status = env.ok(&["encrypt", "status"]);
    assert!(status.contains("inside the journal"), "{status}");
    env.extra_env.clear();
    std::fs::remove_file(&inside).unwrap();
    let remote = all_objects(Path::new(&url));
    assert!(!remote.contains("AGE-SECRET-KEY"), "the key was sent");

    // A private entry written by hand whose id is not its file name is not encrypted (it
    // could not be mended then) nor committed plain: the sync says what to fix.
    let by_hand = "learned/2026/2026-11-25-by-hand.md";
    let text = "+++\nid = \"2026-11-25-other\"\nkind = \"learned\"\ndate = 2026-11-25\ncreated = 2026-11-25T18:00:00+01:00\ntitle = \"Kestrel by hand\"\nvisibility = \"private\"\n+++\n";
    env.write(by_hand, text);
    let err = env.fails(&["sync"], 1);
    assert!(
        err.contains("does not match the file name") && err.contains("nothing was committed"),
        "{err}"
    );
    assert_eq!(env.read(by_hand), text);
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
    // Mended, it is encrypted and sent.
    env.write(
        by_hand,
        &text.replace("2026-11-25-other", "2026-11-25-by-hand"),
    );
    env.ok(&["sync"]);
    assert!(env.read(by_hand).contains("BEGIN AGE ENCRYPTED FILE"));
    assert!(
        env.ok(&["show", "2026-11-25-by-hand"])
            .contains("Kestrel by hand")
    );
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
}

#[test]
fn an_entry_written_to_a_removed_key_before_its_machine_knew_is_encrypted_again() {
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let (a, b) = two_keyed_machines(&url);

    // B is stolen: A removes its key while B writes, not yet knowing.
    b.ok(&[
        "feedback",
        "add",
        "Quokka feedback on the plan",
        "--from",
        "Sam",
    ]);
    a.ok(&["encrypt", "remove-recipient", &public_key(&b)]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    // What B wrote went out to both keys; doctor tells by the count, without a key.
    let doctor = b.run(&["doctor"]);
    assert!(
        doctor
            .stdout
            .contains("encrypted to 2 keys, and mpl.toml names 1"),
        "{}",
        doctor.stdout
    );
    // A, which reads it, encrypts it again to the keys of now when it arrives.
    let synced = a.run(&["sync"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    assert!(
        synced.stderr.contains("encrypted again to the recipients"),
        "{}",
        synced.stderr
    );
    a.ok(&["doctor"]);
    assert!(
        a.ok(&["show", "2026-11-25-feedback"])
            .contains("Quokka feedback")
    );
    b.ok(&["sync"]);
    let err = b.fails(&["show", "2026-11-25-feedback"], 1);
    assert!(
        err.contains("none of this machine's keys opens it"),
        "{err}"
    );
    assert_no_secret("the remote's objects", &all_objects(Path::new(&url)));
}

#[test]
fn what_was_encrypted_stays_encrypted_through_rewrites_and_odd_text() {
    let dir = tempfile::tempdir().unwrap();
    let url = remote(&dir);
    let env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada", "--remote", &url]);
    env.ok(&["encrypt", "setup"]);
    // A plain private entry that says `encrypted = "age"` is encrypted all the same.
    env.write(
        "reflections/2026/2026-11-24.md",
        "+++\nid = \"2026-11-24\"\nkind = \"reflection\"\ndate = 2026-11-24\ncreated = 2026-11-24T18:00:00+01:00\ntitle = \"x\"\nvisibility = \"private\"\nencrypted = \"age\"\n+++\n\nKestrel shipped\n",
    );
    env.ok(&["sync"]);
    assert!(
        !work_tree(&env).contains("Kestrel"),
        "a hand edit stays plain"
    );
    // `mpl encrypt all` leaves what is encrypted encrypted.
    env.ok(&["reflect", "--went-well", "Wombat here"]);
    env.ok(&["encrypt", "all"]);
    assert!(!work_tree(&env).contains("Wombat"));
}
