//! `mpl export`: what goes out (and what never does), every filter, the output folder's
//! safety, each format, the JSON Resume against its published schema, and the site in a real
//! headless Chromium with nothing fetched from the network.

use crate::common::TestEnv;
use crate::common::browser::{Recorder, browse, chromium, page_requests};
use crate::common::servers::available;
use std::path::Path;
use std::process::Command;

/// Hostile text planted in a public entry: none of it may run or load anything.
const HOSTILE: &str = "Looks harmless.\n\n<script>alert('xss')</script>\n\n\
<img src=x onerror=\"alert('img')\">\n\n[click me](javascript:alert('link'))\n\n\
[local](../../../../etc/passwd)\n\n![tracker](https://tracker.example/pixel.png)\n\n\
<a href=\"https://example.org\" onclick=\"steal()\">a link</a>\n\n<iframe src=\"https://frame.example\"></iframe>\n";

/// A few months of a journal: public goals, evidence and learning, with private entries, a
/// private attachment and hostile HTML planted among them.
fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "init",
        "--name",
        "Ada Lovelace",
        "--headline",
        "Backend engineer <b>bold</b>",
    ]);
    env.ok(&[
        "goal",
        "add",
        "Own the payments service on-call",
        "--id",
        "oncall",
        "--why",
        "Fewer escalations",
        "--aligned-with",
        "Platform reliability OKR",
        "--measure",
        "Resolve 80% of pages without escalation",
    ]);
    env.ok(&[
        "goal",
        "progress",
        "oncall",
        "Shadowed two shifts",
        "--percent",
        "40",
        "--date",
        "2026-10-01",
    ]);
    env.ok(&[
        "goal",
        "add",
        "Ship the search rewrite",
        "--id",
        "search",
        "--tag",
        "acme",
    ]);
    env.ok(&[
        "goal",
        "add",
        "Private ambition",
        "--id",
        "secret-goal",
        "--private",
    ]);
    let public_file = env.root.join("runbook.pdf");
    std::fs::write(&public_file, b"%PDF-1.4 public runbook").unwrap();
    let chart = env.root.join("latency chart.png");
    std::fs::write(&chart, tiny_png()).unwrap();
    env.ok(&[
        "evidence",
        "add",
        "Wrote the payments runbook",
        "--impact",
        "Pages resolved without escalation went from 40% to 75%",
        "--goal",
        "oncall",
        "--goal",
        "secret-goal",
        "--file",
        public_file.to_str().unwrap(),
        "--file",
        chart.to_str().unwrap(),
        "--link",
        "https://wiki.example.com/runbook",
        "--date",
        "2026-10-12",
        "--note",
        HOSTILE,
    ]);
    let private_file = env.root.join("salary-review.pdf");
    std::fs::write(&private_file, b"%PDF-1.4 PRIVATE-ATTACHMENT-BYTES").unwrap();
    env.ok(&[
        "evidence",
        "add",
        "PRIVATE-EVIDENCE salary review notes",
        "--private",
        "--file",
        private_file.to_str().unwrap(),
        "--date",
        "2026-10-20",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "Search rewrite shipped at Acme",
        "--goal",
        "search",
        "--tag",
        "acme",
        "--date",
        "2026-11-02",
    ]);
    let run = env.run_with_stdin(
        &["learn", "--tag", "security", "--date", "2026-11-03"],
        &format!("Sanitise HTML before showing it\n\n{HOSTILE}"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    env.ok(&[
        "learn",
        "Rust lifetimes in closures",
        "--tag",
        "rust",
        "--goal",
        "oncall",
        "--date",
        "2026-09-15",
        "--source",
        "https://doc.rust-lang.org/book/",
    ]);
    env.ok(&[
        "learn",
        "Old lesson from last year",
        "--tag",
        "rust",
        "--date",
        "2025-06-01",
    ]);
    env.ok(&[
        "learn",
        "PRIVATE-LEARNED plans to leave",
        "--private",
        "--date",
        "2026-11-04",
    ]);
    env.ok(&[
        "learn",
        "<script>alert('title')</script> in a title",
        "--date",
        "2026-11-05",
    ]);
    env.ok(&[
        "reflect",
        "--moments",
        "REFLECTION-SECRET moment",
        "--date",
        "2026-11-04",
    ]);
    env.ok(&[
        "feedback",
        "add",
        "PRIVATE-FEEDBACK you rushed the demo",
        "--from",
        "Grace",
    ]);
    env.ok(&["network", "add", "NETWORK-SECRET Person"]);
    env
}

/// A 1x1 PNG.
fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60,
        0x60, 0xf8, 0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3, 0x4b, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]
}

const SECRETS: [&str; 8] = [
    "PRIVATE-EVIDENCE",
    "secret-goal",
    "PRIVATE-ATTACHMENT-BYTES",
    "PRIVATE-LEARNED",
    "REFLECTION-SECRET",
    "PRIVATE-FEEDBACK",
    "NETWORK-SECRET",
    "Private ambition",
];

/// Every file under `dir`, as (relative path, bytes).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Every page of an exported site, one after the other (index.html first).
fn site_html(dir: &Path) -> String {
    let mut pages: Vec<(String, Vec<u8>)> = files(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .collect();
    pages.sort_by_key(|(name, _)| (name != "index.html", name.clone()));
    pages
        .iter()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_no_secrets(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} leaked into {what}");
    }
}

fn json(env: &TestEnv, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["export", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&env.ok(&args)).expect("export --format json prints JSON")
}

fn ids(doc: &serde_json::Value, part: &str) -> Vec<String> {
    doc[part]
        .as_array()
        .unwrap_or_else(|| panic!("{part} is a list"))
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_site_shows_the_public_portfolio_and_nothing_private_or_hostile() {
    let env = journal();
    let err = env.run(&["export", "--out", "site"]).stderr;
    assert!(err.contains("open"), "{err}");
    let site = env.root.join("site");
    let html = site_html(&site);
    for expected in [
        "<h1>Ada Lovelace</h1>",
        "Backend engineer &lt;b&gt;bold&lt;/b&gt;",
        "Own the payments service on-call",
        "Platform reliability OKR",
        "Resolve 80% of pages without escalation",
        "value=\"40\"",
        "Wrote the payments runbook",
        "Pages resolved without escalation went from 40% to 75%",
        "https://wiki.example.com/runbook",
        "Rust lifetimes in closures",
        "<svg class=\"calendar\"",
        "lang=\"en\"",
        "name=\"viewport\"",
        "@media print",
        // A picture is described by what it shows: the evidence it proves.
        "alt=\"Wrote the payments runbook\"",
        // Evidence with an impact leads the page.
        "<section id=\"highlights\"",
        "<h4>What was done</h4>",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    assert_no_secrets("index.html", &html);
    for hostile in [
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "etc/passwd",
        "<iframe",
        "src=\"https://",
        "src=\"http://",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(hostile), "{hostile} is on the page");
    }
    // The hostile entry's harmless text is still there.
    assert!(html.contains("Looks harmless."));
    let written = files(&site);
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    // The home page, the learning log, a page per goal and per piece of evidence, the
    // two attachments and the marker.
    for page in [
        ".mpl-export",
        "index.html",
        "learning.html",
        "goals/oncall.html",
        "goals/search.html",
        "evidence/2026-10-12-wrote-the-payments-runbook.html",
    ] {
        assert!(names.contains(&page), "{page}: {names:?}");
    }
    assert_eq!(
        names.iter().filter(|n| n.starts_with("files/")).count(),
        2,
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("files/runbook-") && n.ends_with(".pdf"))
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("files/latency-chart-") && n.ends_with(".png"))
    );
    for (name, bytes) in &written {
        assert_no_secrets(name, &String::from_utf8_lossy(bytes));
    }
    // Exporting changed nothing in the journal.
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn include_private_adds_private_entries_and_their_attachments() {
    let env = journal();
    env.ok(&["export", "--out", "site", "--include-private"]);
    let html = site_html(&env.root.join("site"));
    assert!(html.contains("PRIVATE-EVIDENCE"));
    assert!(html.contains("PRIVATE-LEARNED"));
    assert!(html.contains("PRIVATE-FEEDBACK"));
    assert!(html.contains("Private ambition"));
    // Reflections and contacts never go out.
    assert!(!html.contains("REFLECTION-SECRET"));
    assert!(!html.contains("NETWORK-SECRET"));
    let written = files(&env.root.join("site"));
    assert!(
        written
            .iter()
            .any(|(_, b)| b.as_slice() == b"%PDF-1.4 PRIVATE-ATTACHMENT-BYTES")
    );
}

#[test]
fn every_filter_chooses_what_goes_out() {
    let env = journal();
    let all = json(&env, &[]);
    assert_eq!(all["format"], 1);
    assert_eq!(all["profile"]["name"], "Ada Lovelace");
    let mut goals = ids(&all, "goals");
    goals.sort();
    assert_eq!(goals, ["oncall", "search"]);
    assert_eq!(ids(&all, "evidence").len(), 2);
    assert_eq!(ids(&all, "learned").len(), 4);
    assert!(ids(&all, "feedback").is_empty());
    assert_no_secrets("json", &all.to_string());

    let since = json(&env, &["--since", "2026-10-01", "--until", "2026-11-03"]);
    let learned = ids(&since, "learned");
    assert_eq!(learned.len(), 1, "{learned:?}");
    assert!(learned[0].contains("sanitise-html"));
    assert_eq!(since["period"]["since"], "2026-10-01");

    let goal = json(&env, &["--goal", "onc"]);
    assert_eq!(ids(&goal, "goals"), ["oncall"]);
    assert_eq!(ids(&goal, "evidence").len(), 1);
    assert_eq!(
        ids(&goal, "learned").len(),
        1,
        "only the learned entry linked to the goal"
    );

    let excluded = json(
        &env,
        &["--exclude-tag", "acme", "--exclude-tag", "security"],
    );
    assert_eq!(ids(&excluded, "goals"), ["oncall"]);
    let evidence = ids(&excluded, "evidence");
    assert_eq!(evidence.len(), 1);
    assert!(evidence[0].contains("payments-runbook"));
    assert_eq!(ids(&excluded, "learned").len(), 3);

    let err = env.fails(&["export", "--goal", "nope"], 1);
    assert!(err.contains("--goal"), "{err}");
    let err = env.fails(
        &["export", "--since", "2026-11-05", "--until", "2026-11-01"],
        2,
    );
    assert!(err.contains("is after"), "{err}");
    let err = env.fails(&["export", "--format", "docx"], 2);
    assert!(err.contains("html") && err.contains("jsonresume"), "{err}");
}

#[test]
fn dry_run_lists_exactly_what_would_go_out_and_writes_nothing() {
    let env = journal();
    let out = env.ok(&["export", "--dry-run", "--out", "site"]);
    assert!(!env.root.join("site").exists());
    assert!(out.contains("Nothing was written"), "{out}");
    assert!(out.contains("Wrote the payments runbook"), "{out}");
    assert!(out.contains("Rust lifetimes in closures"), "{out}");
    assert!(out.contains("attachment runbook.pdf"), "{out}");
    assert!(out.contains("attachment latency chart.png"), "{out}");
    assert_no_secrets("the dry run", &out);
    assert!(out.contains("Left out: 4 private or team entries"), "{out}");
    // The listed entries are the ones the export writes.
    let doc = json(&env, &[]);
    let count = ["goals", "evidence", "learned", "feedback", "toolkit"]
        .iter()
        .map(|p| ids(&doc, p).len())
        .sum::<usize>();
    assert!(
        out.contains(&format!("{count} entries, 2 attachments")),
        "{out}"
    );
    let with_private = env.ok(&["export", "--dry-run", "--include-private"]);
    assert!(
        with_private.contains("attachment salary-review.pdf"),
        "{with_private}"
    );
}

#[test]
fn an_output_folder_is_never_mixed_or_clobbered() {
    let env = journal();
    // A folder of someone else's files: refused, even with --force.
    let other = env.root.join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("thesis.tex"), "mine").unwrap();
    let err = env.fails(&["export", "--out", "other"], 1);
    assert!(err.contains("not empty"), "{err}");
    let err = env.fails(&["export", "--out", "other", "--force"], 1);
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(
        std::fs::read_to_string(other.join("thesis.tex")).unwrap(),
        "mine"
    );

    // An empty folder is fine; a second export there needs --force and replaces it whole.
    std::fs::create_dir_all(env.root.join("site")).unwrap();
    env.ok(&["export", "--out", "site"]);
    std::fs::write(env.root.join("site/stale.html"), "old").unwrap();
    let err = env.fails(&["export", "--out", "site"], 1);
    assert!(err.contains("--force"), "{err}");
    env.ok(&[
        "export",
        "--out",
        "site",
        "--force",
        "--exclude-tag",
        "acme",
    ]);
    assert!(!env.root.join("site/stale.html").exists());
    assert!(env.root.join("site/index.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&env.root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".mpl-export"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");

    // Never into the journal, where it would be committed.
    let inside = env.journal().join("portfolio");
    let err = env.fails(&["export", "--out", inside.to_str().unwrap()], 2);
    assert!(err.contains("inside the journal"), "{err}");
    // A file format refuses to overwrite a file without --force.
    std::fs::write(env.root.join("p.md"), "keep").unwrap();
    let err = env.fails(&["export", "--format", "markdown", "--out", "p.md"], 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.root.join("p.md")).unwrap(),
        "keep"
    );
    env.ok(&["export", "--format", "markdown", "--out", "p.md", "--force"]);
    assert!(
        std::fs::read_to_string(env.root.join("p.md"))
            .unwrap()
            .starts_with("# Ada Lovelace")
    );
}

#[test]
fn an_attachment_pointing_out_of_the_journal_is_never_read() {
    let env = journal();
    let outside = env.root.join("outside-secret.txt");
    std::fs::write(&outside, "OUTSIDE-SECRET").unwrap();
    // A hand edit points an attachment at a link to a file outside the journal.
    let dir = env.journal().join("attachments/ff");
    std::fs::create_dir_all(&dir).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, dir.join("ffff.txt")).unwrap();
    let evidence = env.ok(&["log", "--kind", "evidence", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&evidence).unwrap();
    let path = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Wrote the payments runbook")
        .unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    let mut text = env.read(&path);
    text = text.replacen(
        "[[attachments]]",
        "[[attachments]]\nname = \"evil.txt\"\nfile = \"attachments/ff/ffff.txt\"\nbytes = 14\n\n[[attachments]]",
        1,
    );
    env.write(&path, &text);
    let run = env.run(&["export", "--out", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("evil.txt"), "{}", run.stderr);
    for (name, bytes) in files(&env.root.join("site")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("OUTSIDE-SECRET"),
            "{name} holds the outside file"
        );
    }
}

#[test]
fn markdown_and_json_resume_formats() {
    let env = journal();
    let md = env.ok(&["export", "--format", "markdown"]);
    assert!(md.starts_with("# Ada Lovelace\n"), "{md}");
    for expected in [
        "## Goals",
        "### Own the payments service on-call",
        "Measure of success: Resolve 80% of pages without escalation",
        "## Evidence",
        "**Impact:** Pages resolved without escalation went from 40% to 75%",
        "- Attachment: runbook.pdf",
        "## Learning",
        "#### rust (1)",
        "&lt;script&gt;",
    ] {
        assert!(md.contains(expected), "missing {expected} in\n{md}");
    }
    assert!(!md.contains("<script"), "{md}");
    assert_no_secrets("markdown", &md);

    env.ok(&[
        "evidence",
        "add",
        "<b>Bold</b> launch",
        "--impact",
        "<script>alert(1)</script>Users doubled",
    ]);
    let text = env.ok(&["export", "--format", "jsonresume"]);
    assert!(!text.contains("<script") && !text.contains("<b>"), "{text}");
    assert!(text.contains("Users doubled"), "{text}");
    let resume: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(resume["basics"]["name"], "Ada Lovelace");
    let projects = resume["projects"].as_array().unwrap();
    assert!(
        projects
            .iter()
            .any(|p| p["name"] == "Wrote the payments runbook")
    );
    assert_no_secrets("jsonresume", &resume.to_string());
}

#[test]
fn the_json_resume_is_valid_against_the_published_schema() {
    let found = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available(
        "python3 with jsonschema",
        found,
        "`python3 -m pip install jsonschema` (.ci/run installs it)",
    ) {
        return;
    }
    let env = journal();
    env.ok(&["goal", "done", "oncall", "Took the pager alone for a month"]);
    with_full_profile(&env);
    env.ok(&[
        "feedback",
        "add",
        "Your incident write-up is the one we point people to",
        "--from",
        "Linus",
        "--public",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "Certified Kubernetes Administrator",
        "--tag",
        "certificate",
        "--link",
        "https://cert.example/ada",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "Engineer of the quarter",
        "--tag",
        "award",
        "--impact",
        "Chosen by the team",
    ]);
    env.ok(&[
        "export",
        "--format",
        "jsonresume",
        "--out",
        "resume.json",
        "--include-private",
    ]);
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jsonresume-schema.json");
    let check = Command::new("python3")
        .args([
            "-c",
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             doc = json.load(open(sys.argv[2]))\n\
             jsonschema.Draft7Validator.check_schema(schema)\n\
             errors = list(jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).iter_errors(doc))\n\
             for e in errors: print(list(e.path), e.message)\n\
             sys.exit(1 if errors else 0)",
        ])
        .arg(&schema)
        .arg(env.root.join("resume.json"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "not valid JSON Resume:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.root.join("resume.json")).unwrap())
            .unwrap();
    let goal = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Own the payments service on-call")
        .expect("the achieved goal is a project");
    assert_eq!(goal["endDate"], "2026-11-25");
    assert!(
        goal["highlights"][0]
            .as_str()
            .unwrap()
            .contains("40% to 75%")
    );
    // Only feedback marked public is a reference, even with --include-private.
    assert_eq!(
        doc["references"].as_array().unwrap().len(),
        1,
        "{}",
        doc["references"]
    );
    assert_eq!(doc["references"][0]["name"], "Linus");
    assert_eq!(doc["awards"][0]["title"], "Engineer of the quarter");
    assert_eq!(
        doc["certificates"][0]["name"],
        "Certified Kubernetes Administrator"
    );
    assert_eq!(doc["certificates"][0]["url"], "https://cert.example/ada");
    assert_eq!(doc["basics"]["email"], "ada@example.com");
    assert_eq!(
        doc["basics"]["profiles"][0]["url"],
        "https://github.com/ada"
    );
    assert_eq!(doc["work"][0]["position"], "Senior engineer");
    assert_eq!(doc["education"][0]["startDate"], "2012");
}

/// A whole profile: every field, a private email, a role and a course.
fn with_full_profile(env: &TestEnv) {
    env.ok(&[
        "profile",
        "--summary",
        "Eight years of **payments** that stay up.",
        "--location",
        "London",
        "--email",
        "ada@example.com",
        "--website",
        "https://ada.example.com",
        "--github",
        "ada",
        "--linkedin",
        "in/ada",
        "--link",
        "Mastodon=https://hachyderm.io/@ada",
        "--private",
        "email",
    ]);
    let mut settings = env.read("mpl.toml");
    settings.push_str(
        "\n[[profile.work]]\nrole = \"Senior engineer\"\norg = \"Acme Payments\"\nfrom = \"2021-03\"\nsummary = \"Led checkout.\"\n\n[[profile.education]]\ncourse = \"BSc Computer Science\"\nschool = \"UCL\"\nfrom = \"2012\"\nto = \"2015\"\n",
    );
    env.write("mpl.toml", &settings);
}

#[test]
fn highlights_skills_and_goals_told_as_stories() {
    let env = journal();
    env.ok(&["goal", "done", "oncall", "Took the pager alone for a month"]);
    env.ok(&["goal", "add", "Learn Go", "--id", "go"]);
    env.ok(&["goal", "pause", "go", "Focus on payments first"]);
    for (title, tags) in [
        ("Cut deploy time in half", vec!["k8s", "ci"]),
        ("Moved billing to Kubernetes", vec!["k8s"]),
        ("Once-only tag", vec!["internal-tooling"]),
    ] {
        let mut args = vec!["evidence", "add", title, "--impact", "It helped"];
        for tag in &tags {
            args.extend(["--tag", tag]);
        }
        env.ok(&args);
    }
    let mut settings = env.read("mpl.toml");
    settings.push_str("\n[tags]\nk8s = \"Kubernetes\"\nrust = false\n");
    env.write("mpl.toml", &settings);
    let page = |extra: &[&str]| {
        let out = env
            .root
            .join(format!("site-{}", extra.join("-").replace('-', "")));
        let mut args = vec!["export", "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        env.ok(&args);
        site_html(&out)
    };
    let html = page(&[]);
    // Skills: tags two entries back, under the name the profile gives; one-offs and hidden
    // tags stay out.
    let skills = &html[html.find("id=\"skills\"").unwrap()..html.find("id=\"goals\"").unwrap()];
    assert!(skills.contains("<strong>Kubernetes</strong>"), "{skills}");
    assert!(skills.contains("2 pieces of evidence"), "{skills}");
    assert!(!skills.contains("Internal tooling"), "{skills}");
    assert!(
        !skills.contains(">Rust<") && !skills.contains(">RUST<"),
        "{skills}"
    );
    // Goals: achieved first, told as a story; the paused goal and its note stay out.
    let achieved = html.find("Own the payments service on-call").unwrap();
    let active = html.find("Ship the search rewrite").unwrap();
    assert!(achieved < active, "achieved goals come first");
    assert!(
        html.contains("<dt>Outcome</dt><dd>Took the pager alone for a month</dd>"),
        "{html}"
    );
    assert!(
        !html.contains("Learn Go"),
        "paused goals stay out by default"
    );
    assert!(
        !html.contains("Progress log"),
        "status notes stay out by default"
    );
    // Asked for, they go out.
    let all = page(&["--goals", "all", "--goal-notes"]);
    assert!(all.contains("Learn Go") && all.contains("Focus on payments first"));
    assert!(all.contains("Progress log"));
    let achieved_only = page(&["--goals", "achieved"]);
    assert!(!achieved_only.contains("Ship the search rewrite"));
    let none = page(&["--goals", "none"]);
    assert!(!none.contains("id=\"goals\""));
    // Highlights: with a pin, the pinned pieces lead, and only they.
    let run = env.run(&["evidence", "pin", "2026-11-25-moved-billing"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("leads the highlights"),
        "{}",
        run.stderr
    );
    let pinned = page(&["--goals", "active"]);
    let highlights =
        &pinned[pinned.find("id=\"highlights\"").unwrap()..pinned.find("id=\"skills\"").unwrap()];
    assert!(
        highlights.contains("Moved billing to Kubernetes"),
        "{highlights}"
    );
    assert!(!highlights.contains("Cut deploy time"), "{highlights}");
    env.ok(&["evidence", "unpin", "2026-11-25-moved-billing"]);
    let run = env.run(&["evidence", "unpin", "2026-11-25-moved-billing"]);
    assert!(run.stderr.contains("already unpinned"), "{}", run.stderr);
    let err = env.fails(&["evidence", "pin", "oncall"], 2);
    assert!(err.contains("not evidence"), "{err}");
}

#[test]
fn the_profile_heads_every_format_and_keeps_private_fields_private() {
    let env = journal();
    with_full_profile(&env);
    let site = env.root.join("site");
    env.ok(&["export", "--out", site.to_str().unwrap()]);
    let html = site_html(&site);
    assert!(html.contains("<li>London</li>"), "{html}");
    assert!(html.contains("href=\"https://github.com/ada\""), "{html}");
    assert!(
        html.contains("href=\"https://www.linkedin.com/in/ada\""),
        "{html}"
    );
    assert!(html.contains(">Mastodon</a>"), "{html}");
    assert!(html.contains("<strong>payments</strong>"), "{html}");
    let markdown = env.ok(&["export", "--format", "markdown"]);
    let json = env.ok(&["export", "--format", "json"]);
    let resume = env.ok(&["export", "--format", "jsonresume"]);
    // The private email goes nowhere, unless private entries go out too.
    for (what, text) in [
        ("html", &html),
        ("markdown", &markdown),
        ("json", &json),
        ("json resume", &resume),
    ] {
        assert!(
            !text.contains("ada@example.com"),
            "the private email leaked into {what}"
        );
        assert!(text.contains("London"), "{what}: {text}");
    }
    let dry = env.ok(&["export", "--dry-run", "--format", "json"]);
    assert!(
        dry.contains("profile   name, headline, summary, location, website, github, linkedin, links, work, education\n"),
        "{dry}"
    );
    let with_private = env.ok(&["export", "--format", "json", "--include-private"]);
    assert!(with_private.contains("ada@example.com"), "{with_private}");
    // Text typed into the profile is text: never markup, never a link that runs.
    env.ok(&[
        "profile",
        "--location",
        "<img src=x onerror=alert(1)>",
        "--summary",
        "<script>alert(1)</script>[x](javascript:alert(1))",
    ]);
    let err = env.fails(&["profile", "--website", "javascript:alert(1)"], 2);
    assert!(err.contains("--website"), "{err}");
    // What a hand-edited (or synced) mpl.toml holds is checked on reading, too, and a
    // skill's name is text like any other.
    let mut settings = env
        .read("mpl.toml")
        .replace("github = \"ada\"", "github = \"ada\\\"><script>\"");
    settings.push_str("\n[tags]\nrust = \"<script>alert(1)</script>Rust\"\n");
    env.write("mpl.toml", &settings);
    let again = env.root.join("again");
    env.ok(&["export", "--out", again.to_str().unwrap()]);
    let html = site_html(&again);
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;Rust"),
        "the skill is named, as text"
    );
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(!html.contains("github.com/ada\\"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

/// Whether a PNG shows more than one flat colour (python's zlib reads its pixels).
fn png_has_content(png: &Path) -> bool {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zlib, struct\n\
             data = open(sys.argv[1], 'rb').read()\n\
             pos, idat = 8, b''\n\
             while pos < len(data):\n\
             \x20   n, kind = struct.unpack('>I4s', data[pos:pos+8])\n\
             \x20   if kind == b'IDAT': idat += data[pos+8:pos+8+n]\n\
             \x20   pos += 12 + n\n\
             print(len(set(zlib.decompress(idat))))",
        ])
        .arg(png)
        .output()
        .unwrap();
    let distinct: usize = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    distinct > 16
}

#[test]
fn the_site_renders_in_a_real_browser_without_touching_the_network() {
    let Some(browser) = chromium() else {
        available("chromium", false, "apt-get install chromium");
        return;
    };
    let env = journal();
    env.ok(&["export", "--out", "site"]);
    let page = env.root.join("site/index.html");
    let recorder = Recorder::start();
    let profile = env.root.join("chromium-profile");

    let dom = browse(
        &browser,
        &page,
        recorder.port,
        &profile,
        &["--dump-dom".into()],
    );
    assert!(dom.contains("Own the payments service on-call"), "{dom}");
    assert!(dom.contains("Wrote the payments runbook"));
    assert!(dom.contains("<svg"), "the calendar is in the DOM");
    assert!(!dom.contains("<script"));
    assert!(!dom.contains("onerror") && !dom.contains("onclick"));
    assert_no_secrets("the DOM", &dom);

    for (name, size) in [("desktop", "1280,2000"), ("phone", "390,2000")] {
        let shot = env.root.join(format!("{name}.png"));
        browse(
            &browser,
            &page,
            recorder.port,
            &profile,
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={size}"),
            ],
        );
        assert!(shot.exists(), "no {name} screenshot");
        assert!(png_has_content(&shot), "the {name} screenshot is blank");
    }
    let pdf = env.root.join("print.pdf");
    browse(
        &browser,
        &page,
        recorder.port,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("printed to PDF");
    assert!(bytes.starts_with(b"%PDF"));

    // Chromium's own background services may call home; anything else is the page's doing.
    let requests = page_requests(recorder.finish());
    assert!(
        requests.is_empty(),
        "the page asked the network for {requests:?}"
    );
}

/// axe-core, the accessibility engine browsers' own tools use: `MPL_TEST_AXE` names its
/// `axe.min.js`, else `.ci/run` installs it under `target/npm`.
fn axe_core() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("MPL_TEST_AXE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/npm/node_modules/axe-core/axe.min.js")
        });
    path.is_file().then_some(path)
}

#[test]
fn the_site_passes_an_accessibility_check_in_light_and_dark() {
    let browser = chromium();
    let axe = axe_core();
    if !available("chromium", browser.is_some(), "apt-get install chromium")
        || !available(
            "axe-core",
            axe.is_some(),
            "`npm install --prefix target/npm axe-core@4.14.1` (.ci/run installs it), or MPL_TEST_AXE=PATH/axe.min.js",
        )
    {
        return;
    }
    let (browser, axe) = (browser.unwrap(), axe.unwrap());
    let env = journal();
    with_full_profile(&env);
    env.ok(&["goal", "done", "oncall", "Took the pager alone for a month"]);
    env.ok(&["export", "--out", "site", "--goals", "all", "--goal-notes"]);
    // Every kind of page: home, learning log, a goal's and a piece of evidence's (with a
    // picture).
    for page in [
        "index.html",
        "learning.html",
        "goals/oncall.html",
        "evidence/2026-10-12-wrote-the-payments-runbook.html",
    ] {
        let mut backgrounds = Vec::new();
        for dark in [false, true] {
            let (violations, background) =
                axe_check(&browser, &axe, &env.root.join("site").join(page), dark);
            assert_eq!(
                violations,
                "[]",
                "{page}, {} scheme: accessibility problems",
                if dark { "dark" } else { "light" }
            );
            backgrounds.push(background);
        }
        // The dark scheme was really the one checked the second time.
        assert_eq!(
            backgrounds,
            ["rgb(255, 255, 255)", "rgb(22, 24, 26)"],
            "{page}"
        );
    }
}

/// Runs axe-core on a copy of `page` (beside it, so its links and pictures still resolve)
/// in headless Chromium, light or dark; returns the violations as JSON and the page's
/// background colour. The page itself runs no script: its policy is lifted in the copy only.
fn axe_check(browser: &Path, axe: &Path, page: &Path, dark: bool) -> (String, String) {
    let html = std::fs::read_to_string(page).unwrap();
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let end = start + html[start..].find('>').unwrap() + 1;
    let check = "<script>axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}).then(function (r) {\
        var out = document.createElement('pre'); out.id = 'axe-result';\
        document.body.setAttribute('data-background', getComputedStyle(document.body).backgroundColor);\
        out.textContent = JSON.stringify(r.violations.map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) { return n.target.join(' ') + ' ' + n.failureSummary; }).join('; '); }));\
        document.body.appendChild(out); });</script>";
    let checked = format!(
        "{}{}",
        &html[..start],
        &html[end..].replace(
            "</body>",
            &format!(
                "<script>{}</script>{check}</body>",
                std::fs::read_to_string(axe).unwrap()
            )
        )
    );
    let copy = page.with_extension("checked.html");
    std::fs::write(&copy, checked).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()));
    if dark {
        command.arg("--force-dark-mode");
    }
    let output = command
        .arg(format!("file://{}", copy.display()))
        .output()
        .unwrap();
    std::fs::remove_file(&copy).unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let result = dom
        .split("<pre id=\"axe-result\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("axe-core gave no result on {}: {dom}", page.display()));
    let background = dom
        .split("data-background=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_string();
    (
        result.replace("&quot;", "\"").replace("&amp;", "&"),
        background,
    )
}

#[test]
fn a_signed_site_verifies_with_ssh_keygen_and_catches_tampering() {
    let keygen = Command::new("ssh-keygen").arg("-?").output().is_ok();
    if !available("ssh-keygen", keygen, "apt-get install openssh-client") {
        return;
    }
    let env = journal();
    with_full_profile(&env);
    // No key anywhere: said, and nothing written.
    let err = env.fails(&["export", "--out", "nokey", "--sign"], 1);
    assert!(err.contains("no ssh key"), "{err}");
    assert!(!env.root.join("nokey").exists());
    let err = env.fails(&["export", "--format", "json", "--sign"], 2);
    assert!(err.contains("--sign signs a website"), "{err}");
    let key = env.root.join("signing-key");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(made.status.success());
    let run = env.run(&[
        "export",
        "--out",
        "site",
        "--sign",
        "--key",
        key.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("signed as Ada-Lovelace"),
        "the private email is not the identity: {}",
        run.stderr
    );
    let site = env.root.join("site");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        html.contains("ssh-keygen -Y verify -f allowed_signers"),
        "the footer says how"
    );
    // Anyone can check it with the standard tools, without mpl.
    let sums = std::fs::File::open(site.join("SHA256SUMS")).unwrap();
    let checked = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-f",
            "allowed_signers",
            "-I",
            "Ada-Lovelace",
            "-n",
            "mpl-portfolio",
            "-s",
            "SHA256SUMS.sig",
        ])
        .current_dir(&site)
        .stdin(sums)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let sha = Command::new("sha256sum")
        .args(["-c", "--quiet", "SHA256SUMS"])
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(
        sha.status.success(),
        "{}",
        String::from_utf8_lossy(&sha.stdout)
    );
    let sources = std::fs::read_to_string(site.join("SOURCES")).unwrap();
    let head = env.git(&["rev-parse", "HEAD"]);
    assert!(
        sources.contains(&format!("commit {}", head.trim())),
        "{sources}"
    );
    let blob = env.git(&["rev-parse", "HEAD:goals/oncall.md"]);
    assert!(
        sources.contains(&format!("{} goals/oncall.md", blob.trim())),
        "{sources}"
    );
    // mpl verify agrees, and names what changed.
    let ok = env.ok(&["verify", site.to_str().unwrap()]);
    assert!(ok.contains("ok: signed by Ada-Lovelace"), "{ok}");
    std::fs::write(site.join("index.html"), html.replace("Ada Lovelace", "Eve")).unwrap();
    std::fs::write(site.join("extra.html"), "<p>new</p>").unwrap();
    let run = env.run(&["verify", site.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("changed: index.html"), "{}", run.stdout);
    assert!(run.stdout.contains("added: extra.html"), "{}", run.stdout);
    // Sums rewritten to match the change: the signature no longer holds.
    let sums = std::fs::read_to_string(site.join("SHA256SUMS")).unwrap();
    let new_sum = Command::new("sha256sum")
        .arg(site.join("index.html"))
        .output()
        .unwrap();
    let new_sum = String::from_utf8_lossy(&new_sum.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let sums = sums
        .lines()
        .map(|line| {
            if line.ends_with("  index.html") {
                format!("{new_sum}  index.html")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(site.join("SHA256SUMS"), sums).unwrap();
    std::fs::remove_file(site.join("extra.html")).unwrap();
    let run = env.run(&["verify", site.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("bad: the signature does not verify"),
        "{}",
        run.stdout
    );
    // An attacker who signs the changed sums with their own key, and lists it in the
    // folder's allowed_signers after the author's, is named by their own key's
    // fingerprint, and fails against the signers the reader trusts.
    let trusted = env.root.join("trusted_signers");
    std::fs::copy(site.join("allowed_signers"), &trusted).unwrap();
    let evil = env.root.join("evil-key");
    Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "evil", "-f"])
        .arg(&evil)
        .output()
        .unwrap();
    std::fs::remove_file(site.join("SHA256SUMS.sig")).unwrap();
    let signed = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "mpl-portfolio", "-f"])
        .arg(&evil)
        .arg(site.join("SHA256SUMS"))
        .output()
        .unwrap();
    assert!(signed.status.success());
    let evil_public = std::fs::read_to_string(evil.with_extension("pub")).unwrap();
    let signers = format!(
        "{}Ada-Lovelace namespaces=\"mpl-portfolio\" {evil_public}",
        std::fs::read_to_string(&trusted).unwrap()
    );
    std::fs::write(site.join("allowed_signers"), signers).unwrap();
    let evil_print = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(evil.with_extension("pub"))
        .output()
        .unwrap();
    let evil_print = String::from_utf8_lossy(&evil_print.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    let run = env.run(&["verify", site.to_str().unwrap()]);
    assert!(
        run.stdout.contains(&evil_print),
        "the key that signed is named: {}",
        run.stdout
    );
    let run = env.run(&[
        "verify",
        "--signers",
        trusted.to_str().unwrap(),
        site.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("bad:"), "{}", run.stdout);
    // Without its signature, sums prove nothing.
    std::fs::remove_file(site.join("SHA256SUMS.sig")).unwrap();
    let run = env.run(&["verify", site.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("prove nothing"), "{}", run.stdout);
    // An unsigned export cannot be verified, and says why.
    env.ok(&["export", "--out", "plain"]);
    let err = env.fails(&["verify", env.root.join("plain").to_str().unwrap()], 1);
    assert!(err.contains("SHA256SUMS"), "{err}");
}

#[test]
fn the_json_resume_renders_with_a_published_theme() {
    // jsonresume-theme-even from the npm registry, through its own render(), as resume-cli
    // calls a theme: `MPL_TEST_RESUME_THEME` names its ESM entry, else .ci/run installs it
    // under target/npm.
    let theme = std::env::var_os("MPL_TEST_RESUME_THEME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/npm/node_modules/jsonresume-theme-even/dist/index.js")
        });
    let node = Command::new("node").arg("--version").output().is_ok();
    if !available(
        "node and jsonresume-theme-even",
        node && theme.is_file(),
        "`npm install --prefix target/npm jsonresume-theme-even@0.26.1` (.ci/run installs it), or MPL_TEST_RESUME_THEME=PATH/dist/index.js",
    ) {
        return;
    }
    let env = journal();
    env.ok(&["goal", "done", "oncall", "Took the pager alone for a month"]);
    with_full_profile(&env);
    env.ok(&[
        "export",
        "--format",
        "jsonresume",
        "--out",
        "resume.json",
        "--include-private",
    ]);
    let script = "const fs = require('fs');\
        import(process.argv[1]).then(async (theme) => {\
          const html = await theme.render(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));\
          fs.writeFileSync(process.argv[3], html);\
        }).catch((e) => { console.error(e); process.exit(1); });";
    let out = env.root.join("resume.html");
    let rendered = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&theme)
        .arg(env.root.join("resume.json"))
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        rendered.status.success(),
        "the theme failed: {}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    for expected in [
        "Ada Lovelace",
        "Backend engineer",
        "Senior engineer",
        "Acme Payments",
        "BSc Computer Science",
        "Own the payments service on-call",
        "https://github.com/ada",
    ] {
        assert!(
            html.contains(expected),
            "{expected} is not in the rendered resume"
        );
    }
    // The hostile entry's text reaches the theme as text only.
    for hostile in ["<script>alert", "onerror=", "javascript:alert"] {
        assert!(!html.contains(hostile), "{hostile} in the rendered resume");
    }
}

/// The pages of a PDF and the size of its first, in points.
fn pdf_pages(pdf: &[u8]) -> (usize, String) {
    let text = String::from_utf8_lossy(pdf);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page ").count()
        + text.matches("/Type /Page>").count()
        + text.matches("/Type /Page/").count();
    let size = text
        .split("/MediaBox [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap_or("")
        .split_whitespace()
        .skip(2)
        .map(|n| format!("{:.0}", n.parse::<f64>().unwrap_or(0.0)))
        .collect::<Vec<_>>()
        .join("x");
    (pages, size)
}

#[test]
fn a_pdf_cv_is_printed_by_the_browser_on_a4_or_letter() {
    let Some(browser) = chromium() else {
        available("chromium", false, "apt-get install chromium");
        return;
    };
    let mut env = journal();
    env.ok(&["goal", "done", "oncall", "Took the pager alone for a month"]);
    with_full_profile(&env);
    // With no browser to print with: said, and nothing written.
    let err = {
        let mut cmd = env.cmd(&["export", "--format", "pdf"]);
        cmd.env("PATH", "/nonexistent");
        String::from_utf8(cmd.output().unwrap().stderr).unwrap()
    };
    assert!(err.contains("none was found"), "{err}");
    assert!(!env.root.join("portfolio.pdf").exists());
    env.set("MPL_BROWSER", browser.to_str().unwrap());
    let run = env.run(&["export", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = std::fs::read(env.root.join("portfolio.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let (pages, size) = pdf_pages(&pdf);
    assert!((1..=4).contains(&pages), "{pages} pages");
    assert_eq!(size, "595x842", "A4 by default");
    let err = env.fails(&["export", "--format", "pdf"], 1);
    assert!(err.contains("already exists"), "{err}");
    env.ok(&[
        "export", "--format", "pdf", "--paper", "letter", "--out", "cv.pdf",
    ]);
    let (_, size) = pdf_pages(&std::fs::read(env.root.join("cv.pdf")).unwrap());
    assert_eq!(size, "612x792", "Letter");
    let err = env.fails(&["export", "--format", "pdf", "--out", "-"], 2);
    assert!(err.contains("a PDF is written to a file"), "{err}");
    env.set("MPL_BROWSER", "no-such-browser");
    let err = env.fails(&["export", "--format", "pdf", "--out", "x.pdf"], 1);
    assert!(err.contains("MPL_BROWSER is no-such-browser"), "{err}");
}
