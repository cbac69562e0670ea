//! `mpl cpd`: hours of continuing professional development against the journal's scheme
//! (`cpd.toml`), and the audit pack for a professional body (`--pack DIR`, also
//! `mpl export --format cpd`). `--hours` and `--cpd` on the commands that record learning
//! are [`CpdArgs`].

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::cpd::{Cpd, Record, Scheme, Summary, check_hours, hours_text, summarize};
use crate::store::Journal;
use std::path::{Path, PathBuf};

/// `--hours` and `--cpd`, on learn, evidence add, feedback add and network log.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CpdArgs {
    /// Hours of continuing professional development (CPD) it counts for, more than 0 and at most 24
    #[arg(long, value_name = "H", allow_negative_numbers = true)]
    pub hours: Option<f64>,
    /// Its CPD category: an id of a [[category]] in cpd.toml
    #[arg(long = "cpd", value_name = "CATEGORY", requires = "hours")]
    pub cpd: Option<String>,
}

impl CpdArgs {
    /// The CPD given, checked: hours in range, a category of the scheme (when the journal
    /// has one). `journal` is `None` before a journal exists.
    pub(crate) fn checked(
        &self,
        journal: Option<&Journal>,
        date: chrono::NaiveDate,
    ) -> Result<Option<Cpd>> {
        self.checked_replacing(journal, date, 0.0)
    }

    /// [`CpdArgs::checked`], for a record that replaces `replacing` hours of the day (a
    /// day's check-in given again).
    pub(crate) fn checked_replacing(
        &self,
        journal: Option<&Journal>,
        date: chrono::NaiveDate,
        replacing: f64,
    ) -> Result<Option<Cpd>> {
        let Some(hours) = self.hours else {
            return Ok(None);
        };
        let hours = check_hours(hours).map_err(|m| Error::usage(format!("--hours: {m}")))?;
        // A day holds at most 24 hours, whatever the entries it is split into.
        if let Some(journal) = journal {
            let (records, _) = journal.cpd_records(date, date);
            let before: f64 = records.iter().map(|r| r.hours).sum::<f64>() - replacing;
            if before + hours > crate::model::cpd::MAX_HOURS + 1e-9 {
                return Err(Error::usage(format!(
                    "--hours {}: {date} already holds {} hours of CPD, and a day has 24",
                    hours_text(hours),
                    hours_text(before)
                ))
                .hint("`mpl cpd --csv` lists what is recorded"));
            }
        }
        let category = match &self.cpd {
            None => None,
            Some(id) => {
                let id = id.trim().to_lowercase();
                let scheme = journal
                    .map(|j| j.cpd_scheme())
                    .transpose()
                    .map_err(|problem| {
                        Error::new(problem.to_string()).hint(
                            "fix cpd.toml by hand (docs/file-format.md describes it); `mpl doctor` checks it",
                        )
                    })?
                    .flatten();
                match scheme {
                    Some(scheme) if scheme.category(&id).is_none() => {
                        return Err(Error::usage(format!(
                            "--cpd {id}: {} has no such category: use {}",
                            scheme.name,
                            scheme.ids()
                        ))
                        .hint("the categories are the [[category]] tables of cpd.toml"));
                    }
                    _ => crate::model::slug::check_id(&id)
                        .map_err(|m| Error::usage(format!("--cpd: {m}")))?,
                }
                Some(id)
            }
        };
        Ok(Some(Cpd { hours, category }))
    }
}

/// Show CPD hours against your scheme for its current period
///
/// Adds up the hours recorded with --hours (and --cpd CATEGORY) on `learn`, `evidence add`,
/// `feedback add`, `network log` and `challenge done`, per category of the scheme in cpd.toml, and says what
/// is still needed and by when. `--pack DIR` writes the audit pack a professional body asks
/// for: the record as CSV and each entry's reflection as Markdown.
#[derive(Debug, clap::Args)]
pub(crate) struct CpdCmdArgs {
    /// The period that holds this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Print one JSON document
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the period's record as CSV
    #[arg(long)]
    pub csv: bool,
    /// Write the audit pack (record.csv, summary.md, entries/) into this folder
    #[arg(long, value_name = "DIR", conflicts_with_all = ["json", "csv"])]
    pub pack: Option<PathBuf>,
    /// With --pack: replace a pack written before in that folder
    #[arg(long, requires = "pack")]
    pub force: bool,
    /// With --pack: private entries and conversations go into the pack too
    #[arg(long, requires = "pack")]
    pub include_private: bool,
    /// With --pack: say what would be written, and write nothing
    #[arg(long, requires = "pack")]
    pub dry_run: bool,
    /// Start from a shipped scheme: write it as cpd.toml in the journal (nmc, pmi, engineering-council)
    #[arg(long, value_name = "SCHEME", conflicts_with_all = ["pack", "json", "csv"])]
    pub init: Option<String>,
    /// With --init: the first day of your current period [default: today]
    #[arg(long, value_name = "DATE", requires = "init")]
    pub start: Option<String>,
}

/// The schemes shipped with mpl, written from the bodies' published rules.
pub(crate) const SCHEMES: [(&str, &str); 3] = [
    ("nmc", include_str!("../../examples/cpd/nmc.toml")),
    ("pmi", include_str!("../../examples/cpd/pmi.toml")),
    (
        "engineering-council",
        include_str!("../../examples/cpd/engineering-council.toml"),
    ),
];

/// `--init SCHEME`: the shipped scheme as the journal's cpd.toml, starting `--start`.
fn init(ctx: &Ctx, name: &str, start: Option<&str>) -> Result<()> {
    let names: Vec<&str> = SCHEMES.iter().map(|(n, _)| *n).collect();
    let Some((_, text)) = SCHEMES.iter().find(|(n, _)| *n == name.trim()) else {
        return Err(Error::usage(format!(
            "there is no shipped scheme \"{name}\": there are {}",
            names.join(", ")
        )));
    };
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let start = match start {
        Some(text) => super::date_arg("--start", text, today)?,
        None => today,
    };
    let path = journal.root.join(crate::model::cpd::SCHEME_FILE);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::new("the journal has a cpd.toml already").hint(
            "edit it by hand, or remove it first (git keeps the old one in the journal's history)",
        ));
    }
    // The shipped text, comments kept, with the start line set.
    let text: String = text
        .lines()
        .map(|line| {
            if line.starts_with("start = ") {
                format!("start = {start}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let lock = ctx.lock(&journal)?;
    let mut tx = journal.transaction(&lock);
    tx.create(&path, text.into_bytes())?;
    tx.finish(&format!("cpd: the {name} scheme"), ctx.now)?;
    let (first, last) = crate::model::cpd::Scheme::from_table(
        &toml::from_str(&std::fs::read_to_string(&path).unwrap_or_default()).unwrap_or_default(),
    )
    .map(|s| s.period_of(today))
    .unwrap_or((start, start));
    ctx.status(&format!(
        "wrote cpd.toml: the {name} scheme, starting {start}; the period of today runs {first} to {last}; `mpl cpd` counts your hours against it"
    ));
    Ok(())
}

pub(crate) fn run(ctx: &Ctx, args: &CpdCmdArgs) -> Result<()> {
    if let Some(name) = &args.init {
        return init(ctx, name, args.start.as_deref());
    }
    let (scheme, records, summary) = load(ctx, args.date.as_deref())?;
    if let Some(dir) = &args.pack {
        let how = Pack {
            force: args.force,
            include_private: args.include_private,
            dry_run: args.dry_run,
        };
        return pack(ctx, &scheme, &records, &summary, dir, how);
    }
    if args.csv {
        return ctx.print(&csv(&scheme, &records));
    }
    if args.json {
        return ctx.print_json(&json(&scheme, &records, &summary));
    }
    let shown = text(&scheme, &summary, records.len(), ctx.out_style);
    let trimmed: Vec<&str> = shown.lines().map(str::trim_end).collect();
    ctx.print(&format!("{}\n", trimmed.join("\n")))
}

/// `mpl export --format cpd`: the audit pack of the period that holds `day` (default
/// today) into `out` (default `./cpd-pack`).
pub(crate) fn export(ctx: &Ctx, out: Option<&Path>, day: Option<&str>, how: Pack) -> Result<()> {
    let (scheme, records, summary) = load(ctx, day)?;
    let dir = out.map_or_else(|| PathBuf::from("cpd-pack"), Path::to_path_buf);
    pack(ctx, &scheme, &records, &summary, &dir, how)
}

/// How a pack is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pack {
    pub force: bool,
    pub include_private: bool,
    pub dry_run: bool,
}

/// The file that marks a folder as a pack mpl wrote, so `--force` replaces only that.
const PACK_MARKER: &str = ".mpl-cpd-pack";

/// Text from the journal as one plain line for a file a person opens: no control
/// characters (no terminal sequence survives `cat`), no line breaks.
fn plain_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Text from the journal as lines: control characters but line breaks and tabs dropped.
fn plain_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// The scheme, the records of the period that holds `day`, and their sums.
fn load(ctx: &Ctx, day: Option<&str>) -> Result<(Scheme, Vec<Record>, Summary)> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let day = match day {
        Some(text) => super::date_arg("--date", text, today)?,
        None => today,
    };
    let scheme = journal.cpd_scheme().map_err(|problem| {
        Error::new(problem.to_string()).hint(
            "fix cpd.toml by hand (it is described in docs/file-format.md); `mpl doctor` checks it",
        )
    })?;
    let Some(scheme) = scheme else {
        return Err(Error::new("the journal has no CPD scheme: cpd.toml is missing").hint(
            "`mpl cpd --init nmc --start DATE` (or pmi, engineering-council) writes one to start from; or write your own (docs/file-format.md)",
        ));
    };
    let (first, last) = scheme.period_of(day);
    let (records, problems) = journal.cpd_records(first, last);
    ctx.warn_problems(&problems);
    let summary = summarize(&scheme, &records, first, last);
    Ok((scheme, records, summary))
}

fn text(
    scheme: &Scheme,
    summary: &Summary,
    count: usize,
    style: crate::ui::style::Style,
) -> String {
    let mut out = format!(
        "{}\n{}\n\n",
        style.bold(&scheme.name),
        style.dim(&format!(
            "period {} to {} · {count} record{}",
            summary.first,
            summary.last,
            if count == 1 { "" } else { "s" }
        ))
    );
    let width = summary
        .categories
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(13);
    for c in &summary.categories {
        let mut limits = Vec::new();
        if let Some(min) = c.min {
            limits.push(format!("at least {}", hours_text(min)));
        }
        if let Some(max) = c.max {
            limits.push(format!("at most {}", hours_text(max)));
        }
        let counted = if c.counted < c.hours {
            format!(" ({} count)", hours_text(c.counted))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {:<width$}  {:>7} h{counted}  {}\n",
            c.name,
            hours_text(c.hours),
            style.dim(&limits.join(", "))
        ));
    }
    out.push_str(&format!(
        "  {:<width$}  {:>7} h{}\n",
        "In all",
        hours_text(summary.counted),
        scheme
            .target_hours
            .map(|t| format!("  {}", style.dim(&format!("target {}", hours_text(t)))))
            .unwrap_or_default()
    ));
    if scheme.participatory_min_hours.is_some() || summary.participatory > 0.0 {
        out.push_str(&format!(
            "  {:<width$}  {:>7} h{}\n",
            "Participatory",
            hours_text(summary.participatory),
            scheme
                .participatory_min_hours
                .map(|m| format!("  {}", style.dim(&format!("at least {}", hours_text(m)))))
                .unwrap_or_default()
        ));
    }
    out.push('\n');
    if summary.missing.is_empty() {
        out.push_str(&style.green("Everything the scheme asks for this period is there."));
        out.push('\n');
    } else {
        out.push_str(&style.bold("Still needed"));
        out.push('\n');
        for line in &summary.missing {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

fn json(scheme: &Scheme, records: &[Record], summary: &Summary) -> serde_json::Value {
    serde_json::json!({
        "scheme": scheme.name,
        "from": summary.first.to_string(),
        "to": summary.last.to_string(),
        "hours": summary.total,
        "counted": summary.counted,
        "target": scheme.target_hours,
        "participatory": summary.participatory,
        "participatory_min": scheme.participatory_min_hours,
        "categories": summary.categories.iter().map(|c| serde_json::json!({
            "id": if c.id.is_empty() { None } else { Some(&c.id) },
            "name": c.name,
            "hours": c.hours,
            "counted": c.counted,
            "min": c.min,
            "max": c.max,
        })).collect::<Vec<_>>(),
        "missing": summary.missing,
        "records": records.iter().filter(|r| r.date >= summary.first && r.date <= summary.last).map(|r| serde_json::json!({
            "date": r.date.to_string(),
            "kind": r.kind,
            "source": r.source,
            "title": r.title,
            "hours": r.hours,
            "category": r.category,
        })).collect::<Vec<_>>(),
    })
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break; a cell a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) is kept as text with a `'` before it.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The record as CSV: one line per record, with a header.
fn csv(scheme: &Scheme, records: &[Record]) -> String {
    let mut out =
        String::from("date,kind,title,hours,category,category_name,participatory,source\n");
    for r in records {
        let category = r.category.as_deref().and_then(|c| scheme.category(c));
        let participatory = scheme.participatory_kinds.contains(&r.kind)
            || category.is_some_and(|c| c.participatory);
        out.push_str(
            &[
                cell(&r.date.to_string()),
                cell(&r.kind),
                cell(&r.title),
                hours_text(r.hours),
                cell(r.category.as_deref().unwrap_or("")),
                cell(category.map_or("", |c| c.name.as_str())),
                if participatory { "yes" } else { "no" }.to_string(),
                cell(&r.source),
            ]
            .join(","),
        );
        out.push('\n');
    }
    out
}

/// Writes the audit pack: `record.csv`, `summary.md` and `entries/NNN-ID.md`, each
/// record's reflection. Never inside the journal; over an earlier pack only with `--force`;
/// private records only with `--include-private`.
pub(crate) fn pack(
    ctx: &Ctx,
    scheme: &Scheme,
    records: &[Record],
    summary: &Summary,
    dir: &Path,
    how: Pack,
) -> Result<()> {
    let journal = ctx.journal()?;
    if dir.as_os_str() == "-" {
        return Err(Error::usage(
            "the CPD pack is a folder of files, not one document: name a folder",
        ));
    }
    let left_out = records
        .iter()
        .filter(|r| r.private && !how.include_private)
        .count();
    let records: Vec<Record> = records
        .iter()
        .filter(|r| how.include_private || !r.private)
        .cloned()
        .collect();
    // Where it goes: never inside the journal (it would end up in its history and sync).
    let absolute = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|err| Error::new(format!("cannot tell the current folder: {err}")))?
            .join(dir)
    };
    let mut existing = absolute.as_path();
    while !existing.exists() {
        match existing.parent() {
            Some(parent) => existing = parent,
            None => break,
        }
    }
    let resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    let root = journal.root.canonicalize().unwrap_or(journal.root.clone());
    if resolved.starts_with(&root) {
        return Err(Error::usage(format!(
            "{} is inside the journal: the pack would end up in its history",
            dir.display()
        ))
        .hint("write it outside the journal, such as ~/cpd-pack"));
    }
    if absolute.exists() {
        if !absolute.is_dir() {
            return Err(
                Error::new(format!("{} is a file, not a folder", dir.display()))
                    .hint("choose a new folder for the pack"),
            );
        }
        let empty = std::fs::read_dir(&absolute)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        let ours = absolute.join(PACK_MARKER).is_file();
        let replace = how.force && ours;
        if !(empty || replace) {
            return Err(
                Error::new(format!("{} is not empty", dir.display())).hint(if ours {
                    "add --force to replace the pack written there before"
                } else {
                    "choose a new folder: mpl replaces only a pack it wrote"
                }),
            );
        }
    }
    let what = format!(
        "the CPD pack for {} to {} to {}: record.csv, summary.md and {} entr{}",
        summary.first,
        summary.last,
        dir.display(),
        records.len(),
        if records.len() == 1 { "y" } else { "ies" },
    );
    let left = if left_out > 0 {
        format!(
            "; {left_out} private record{} left out (--include-private puts them in)",
            if left_out == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    if how.dry_run {
        ctx.status(&format!("would write {what}{left}; nothing was written"));
        return Ok(());
    }
    let entries = absolute.join("entries");
    std::fs::create_dir_all(&entries)
        .map_err(|err| Error::new(format!("cannot create {}: {err}", entries.display())))?;
    // A pack written before goes whole: no file of another period stays behind.
    if let Ok(old) = std::fs::read_dir(&entries) {
        for file in old.flatten() {
            if file.file_name().to_string_lossy().ends_with(".md") {
                let _ = std::fs::remove_file(file.path());
            }
        }
    }
    let write = |path: PathBuf, text: String| -> Result<()> {
        crate::store::fs::write_atomic(&path, text.as_bytes(), true)
    };
    write(
        absolute.join(PACK_MARKER),
        "This folder is a CPD pack written by mpl.\n".into(),
    )?;
    write(absolute.join("record.csv"), csv(scheme, &records))?;
    let mut md = format!(
        "# {}: CPD record\n\n{} to {}. {} hours in all ({} counted), {} participatory.\n\n",
        plain_line(&scheme.name),
        summary.first,
        summary.last,
        hours_text(summary.total),
        hours_text(summary.counted),
        hours_text(summary.participatory)
    );
    md.push_str("| Category | Hours | Counted | At least | At most |\n| --- | ---: | ---: | ---: | ---: |\n");
    for c in &summary.categories {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            plain_line(&c.name).replace('|', "\\|"),
            hours_text(c.hours),
            hours_text(c.counted),
            c.min.map(hours_text).unwrap_or_default(),
            c.max.map(hours_text).unwrap_or_default()
        ));
    }
    if !summary.missing.is_empty() {
        md.push_str("\nStill needed:\n\n");
        for line in &summary.missing {
            md.push_str(&format!("- {}\n", plain_line(line)));
        }
    }
    if left_out > 0 {
        md.push_str(&format!(
            "\nThe sums count every record; {left_out} private record{} {} not in this pack.\n",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "is" } else { "are" }
        ));
    }
    md.push_str(
        "\nEach record's reflection is in `entries/`; `record.csv` lists them for the form.\n",
    );
    write(absolute.join("summary.md"), md)?;
    for (n, r) in records.iter().enumerate() {
        // The source is an entry's id: checked, as nothing from a file is a path unchecked.
        let source = if crate::model::slug::check_id(&r.source).is_ok() {
            r.source.clone()
        } else {
            "entry".to_string()
        };
        let day = r.date.to_string();
        let name = if source.starts_with(&day) {
            format!("{:03}-{source}.md", n + 1)
        } else {
            format!("{:03}-{day}-{source}.md", n + 1)
        };
        let text = format!(
            "# {}\n\n- Date: {}\n- Kind: {}\n- Hours: {}\n- Category: {}\n\n{}\n",
            plain_line(&r.title),
            r.date,
            r.kind,
            hours_text(r.hours),
            plain_line(r.category.as_deref().unwrap_or("none")),
            if r.reflection.trim().is_empty() {
                "(no reflection written)".to_string()
            } else {
                plain_text(r.reflection.trim())
            }
        );
        write(entries.join(name), text)?;
    }
    ctx.status(&format!("wrote {what}{left}"));
    Ok(())
}
