//! `mpl evidence`: achievements with impact, links and attachments kept in the journal.

use crate::common::{TestEnv, front_matter};
use std::path::Path;

fn evidence_entries(env: &TestEnv, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["evidence", "list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&env.ok(&all)).unwrap()
}

/// Every file under `attachments/`, relative to the journal.
fn stored_files(env: &TestEnv) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(&env.path("attachments"), &env.journal(), &mut out);
    out.sort();
    out
}

#[test]
fn attachments_are_copied_by_content_and_stored_once() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Faster CI", "--id", "faster-ci"]);
    let report = env.root.join("report.pdf");
    let chart = env.root.join("chart.png");
    std::fs::write(&report, b"%PDF-1.7 the report\x00\xff").unwrap();
    std::fs::write(&chart, b"\x89PNG chart").unwrap();
    env.ok(&[
        "evidence",
        "add",
        "Cut CI time from 40 to 12 minutes",
        "--impact",
        "Teams get feedback 28 minutes sooner",
        "--goal",
        "faster",
        "--file",
        report.to_str().unwrap(),
        "--file",
        chart.to_str().unwrap(),
        "--link",
        "https://ci.example.com/dashboards/42",
        "--tag",
        "ci",
        "--note",
        "Split the test suite into **four** shards.",
    ]);
    let id = "2026-11-25-cut-ci-time-from-40-to-12";
    let text = env.read(&format!("evidence/2026/{id}.md"));
    let front = front_matter(&text);
    assert_eq!(front["impact"], "Teams get feedback 28 minutes sooner");
    assert_eq!(front["goals"], serde_json::json!(["faster-ci"]));
    assert_eq!(front["tags"], serde_json::json!(["ci"]));
    assert_eq!(
        front["links"],
        serde_json::json!(["https://ci.example.com/dashboards/42"])
    );
    assert!(text.ends_with("Split the test suite into **four** shards.\n"));
    let attachments = front["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0]["name"], "report.pdf");
    assert_eq!(attachments[1]["name"], "chart.png");
    // Named by content: the git blob id, which `git hash-object` confirms.
    for (attachment, source) in attachments.iter().zip([&report, &chart]) {
        let file = attachment["file"].as_str().unwrap();
        let blob = env.git(&["hash-object", source.to_str().unwrap()]);
        assert!(file.starts_with(&format!("attachments/{}/{}", &blob[..2], blob.trim())));
        assert_eq!(
            std::fs::read(env.path(file)).unwrap(),
            std::fs::read(source).unwrap(),
            "the bytes are kept exactly"
        );
        assert_eq!(
            attachment["bytes"],
            std::fs::metadata(source).unwrap().len()
        );
    }
    assert!(attachments[0]["file"].as_str().unwrap().ends_with(".pdf"));
    // One commit holds the entry and its files.
    let files = env.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.lines().count(), 3, "{files}");
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    // The same bytes under another name are stored once, and the new name is kept.
    let copy = env.root.join("final report.PDF");
    std::fs::copy(&report, &copy).unwrap();
    let run = env.run(&[
        "evidence",
        "add",
        "Shared the report",
        "--file",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("stored once"), "{}", run.stderr);
    assert_eq!(stored_files(&env).len(), 2, "{:?}", stored_files(&env));
    let shared = front_matter(&env.read("evidence/2026/2026-11-25-shared-the-report.md"));
    assert_eq!(shared["attachments"][0]["name"], "final report.PDF");
    assert_eq!(shared["attachments"][0]["file"], attachments[0]["file"]);
    assert!(env.ok(&["doctor"]).is_empty());
}

#[test]
fn a_missing_file_or_a_folder_writes_nothing() {
    let env = TestEnv::new();
    env.ok(&["learn", "first"]);
    let good = env.root.join("good.txt");
    std::fs::write(&good, "fine").unwrap();
    let count = env.commit_count();
    let err = env.fails(
        &[
            "evidence",
            "add",
            "X",
            "--file",
            good.to_str().unwrap(),
            "--file",
            "no-such-file.pdf",
        ],
        1,
    );
    assert!(err.contains("no-such-file.pdf: does not exist"), "{err}");
    let err = env.fails(
        &["evidence", "add", "X", "--file", env.root.to_str().unwrap()],
        1,
    );
    assert!(err.contains("is a folder, not a file"), "{err}");
    assert_eq!(env.commit_count(), count);
    assert!(!env.path("attachments").exists());
    assert!(!env.path("evidence").exists());
}

#[test]
fn a_huge_attachment_is_refused_with_the_limit() {
    let env = TestEnv::new();
    let big = env.root.join("video.mp4");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(26 * 1024 * 1024).unwrap(); // sparse: no real disk used
    let err = env.fails(
        &["evidence", "add", "Demo", "--file", big.to_str().unwrap()],
        1,
    );
    assert!(
        err.contains("is 26 MiB; attachments are limited to 25 MiB each"),
        "{err}"
    );
    assert!(err.contains("--link"), "{err}");
    assert!(
        !env.journal().exists(),
        "nothing written, not even a journal"
    );
}

#[test]
fn bad_links_and_goals_are_refused_before_writing() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Faster CI", "--id", "faster-ci"]);
    let count = env.commit_count();
    for link in ["javascript:alert(1)", "ci.example.com", "https://"] {
        let err = env.fails(&["evidence", "add", "X", "--link", link], 2);
        assert!(err.contains("--link"), "{err}");
    }
    let err = env.fails(&["evidence", "add", "X", "--goal", "fastr-ci"], 1);
    assert!(err.contains("did you mean faster-ci?"), "{err}");
    assert_eq!(env.commit_count(), count);
    assert!(!env.path("evidence").exists());
}

#[test]
fn evidence_list_filters_by_goal_and_date() {
    let mut env = TestEnv::new();
    env.ok(&["goal", "add", "Faster CI", "--id", "faster-ci"]);
    env.ok(&["evidence", "add", "Old win", "--date", "2026-10-01"]);
    env.ok(&[
        "evidence",
        "add",
        "CI win",
        "--goal",
        "faster-ci",
        "--private",
    ]);
    env.now = "2026-11-30T18:00:00+01:00".into();
    env.ok(&["evidence", "add", "Later win", "--tag", "ci"]);
    env.ok(&["learn", "not evidence"]);
    let all = evidence_entries(&env, &[]);
    let titles: Vec<&str> = all.iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Later win", "CI win", "Old win"]);
    assert_eq!(all[1]["visibility"], "private");
    let for_goal = evidence_entries(&env, &["--goal", "faster"]);
    assert_eq!(for_goal.len(), 1);
    assert_eq!(for_goal[0]["title"], "CI win");
    assert_eq!(evidence_entries(&env, &["--since", "2026-11-01"]).len(), 2);
    assert_eq!(evidence_entries(&env, &["--until", "2026-10-31"]).len(), 1);
    assert_eq!(evidence_entries(&env, &["--tag", "ci"]).len(), 1);
    let table = env.ok(&["evidence", "list"]);
    assert!(table.starts_with("DATE"), "{table}");
    assert!(
        table.contains("faster-ci") && !table.contains("not evidence"),
        "{table}"
    );
    env.fails(&["evidence", "list", "--goal", "nope"], 1);
}

#[test]
fn doctor_flags_missing_and_escaping_attachments() {
    let env = TestEnv::new();
    let file = env.root.join("a.txt");
    std::fs::write(&file, "proof").unwrap();
    env.ok(&["evidence", "add", "Win", "--file", file.to_str().unwrap()]);
    let rel = "evidence/2026/2026-11-25-win.md";
    let stored = front_matter(&env.read(rel))["attachments"][0]["file"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::remove_file(env.path(&stored)).unwrap();
    let out = env.run(&["doctor"]).stdout;
    assert!(
        out.contains(&format!("{rel}:11: attachment \"a.txt\" is missing")),
        "{out}"
    );
    let evil = env.read(rel).replace(&stored, "../../.ssh/id_rsa");
    env.write(rel, &evil);
    let out = env.run(&["doctor"]).stdout;
    assert!(out.contains("is not a path inside attachments/"), "{out}");
}
