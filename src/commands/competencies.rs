//! `mpl competencies`: the coverage of a competency framework (`frameworks/NAME.toml`) by
//! the journal's evidence, learning and goals. `--competency ID` on the commands that
//! record them is [`CompetencyArgs`].

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::competency::{Coverage, Framework, Row, matrix};
use crate::store::Journal;

/// `--competency`, on learn, evidence add and goal add.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CompetencyArgs {
    /// A competency it shows or builds: an id from a framework in frameworks/ (repeatable)
    #[arg(long = "competency", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::competencies))]
    pub competency: Vec<String>,
}

impl CompetencyArgs {
    /// The ids given, each checked to be a competency of a framework of the journal.
    pub(crate) fn checked(&self, ctx: &Ctx) -> Result<Vec<String>> {
        if self.competency.is_empty() {
            return Ok(Vec::new());
        }
        let frameworks = ctx
            .existing_journal()?
            .map(|journal| journal.frameworks().0)
            .unwrap_or_default();
        if frameworks.is_empty() {
            return Err(Error::usage(
                "--competency names a competency of a framework, and the journal has none",
            )
            .hint("`mpl competencies --init software-engineering` writes one to start from; or write your own (docs/file-format.md)"));
        }
        let mut ids = Vec::new();
        for given in &self.competency {
            let id = given.trim().to_lowercase();
            if !frameworks
                .iter()
                .any(|f| f.competencies.iter().any(|c| c.id == id))
            {
                let known: Vec<&str> = frameworks
                    .iter()
                    .flat_map(|f| f.competencies.iter().map(|c| c.id.as_str()))
                    .collect();
                let shown = known
                    .iter()
                    .take(12)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Error::usage(format!(
                    "--competency {id}: no framework has it; the competencies are {shown}{}",
                    if known.len() > 12 { ", …" } else { "" }
                ))
                .hint("`mpl competencies` lists them all"));
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}

/// Show which competencies of your framework the journal shows: gained, in progress, not started
///
/// A competency is gained when evidence names it (--competency ID on `evidence add`), in
/// progress when learning or a goal names it, and not started otherwise. Frameworks are the
/// files frameworks/NAME.toml of the journal.
#[derive(Debug, clap::Args)]
pub(crate) struct CompetenciesArgs {
    /// Only this framework (its file name without .toml)
    #[arg(long, value_name = "NAME")]
    pub framework: Option<String>,
    /// Print one JSON array of frameworks
    #[arg(long)]
    pub json: bool,
    /// Start from the framework shipped with mpl: write it into frameworks/ (software-engineering)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["json", "framework"])]
    pub init: Option<String>,
}

/// The framework shipped with mpl, written for it.
const SHIPPED: [(&str, &str); 1] = [(
    "software-engineering",
    include_str!("../../examples/frameworks/software-engineering.toml"),
)];

fn init(ctx: &Ctx, name: &str) -> Result<()> {
    let Some((name, text)) = SHIPPED.iter().find(|(n, _)| *n == name.trim()) else {
        return Err(Error::usage(format!(
            "there is no shipped framework \"{name}\": there is software-engineering"
        )));
    };
    let journal = ctx.journal()?;
    let path = journal
        .root
        .join(crate::model::competency::FRAMEWORKS_DIR)
        .join(format!("{name}.toml"));
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::new(format!(
            "the journal has frameworks/{name}.toml already"
        )));
    }
    let lock = ctx.lock(&journal)?;
    let mut tx = journal.transaction(&lock);
    tx.create(&path, text.as_bytes().to_vec())?;
    tx.finish(&format!("competencies: the {name} framework"), ctx.now)?;
    ctx.status(&format!(
        "wrote frameworks/{name}.toml; make it yours, and name its competencies with --competency ID"
    ));
    Ok(())
}

pub(crate) fn run(ctx: &Ctx, args: &CompetenciesArgs) -> Result<()> {
    if let Some(name) = &args.init {
        return init(ctx, name);
    }
    let journal = ctx.journal()?;
    let (mut frameworks, problems) = journal.frameworks();
    ctx.warn_problems(&problems);
    if let Some(name) = &args.framework {
        let names: Vec<String> = frameworks.iter().map(|f| f.name.clone()).collect();
        frameworks.retain(|f| &f.name == name);
        if frameworks.is_empty() {
            return Err(Error::usage(format!(
                "there is no framework \"{name}\": there are {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )));
        }
    }
    if frameworks.is_empty() {
        return Err(Error::new("the journal has no competency framework").hint(
            "`mpl competencies --init software-engineering` writes one to start from; or write your own (docs/file-format.md)",
        ));
    }
    let (entries, problems) = journal.with_competencies();
    ctx.warn_problems(&problems);
    if args.json {
        let docs: Vec<serde_json::Value> = frameworks
            .iter()
            .map(|f| json(f, &matrix(f, &entries)))
            .collect();
        return ctx.print_json(&serde_json::Value::Array(docs));
    }
    let mut out = String::new();
    for framework in &frameworks {
        out.push_str(&text(
            &journal,
            framework,
            &matrix(framework, &entries),
            ctx,
        ));
    }
    ctx.print(&out)
}

fn ids(entries: &[&crate::model::Entry]) -> Vec<String> {
    entries.iter().map(|e| e.id.clone()).collect()
}

fn json(framework: &Framework, rows: &[Row]) -> serde_json::Value {
    serde_json::json!({
        "framework": framework.name,
        "title": framework.title,
        "competencies": rows.iter().map(|r| serde_json::json!({
            "id": r.competency.id,
            "name": r.competency.name,
            "area": r.competency.area,
            "coverage": r.coverage.as_str(),
            "evidence": ids(&r.evidence),
            "learned": ids(&r.learned),
            "goals": ids(&r.goals),
        })).collect::<Vec<_>>(),
    })
}

fn text(_journal: &Journal, framework: &Framework, rows: &[Row], ctx: &Ctx) -> String {
    let style = ctx.out_style;
    let gained = rows
        .iter()
        .filter(|r| r.coverage == Coverage::Gained)
        .count();
    let going = rows
        .iter()
        .filter(|r| r.coverage == Coverage::InProgress)
        .count();
    let mut out = format!(
        "{}  {}\n",
        style.bold(&framework.title),
        style.dim(&format!(
            "{gained} gained · {going} in progress · {} not started",
            rows.len() - gained - going
        ))
    );
    let width = rows
        .iter()
        .map(|r| r.competency.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut area: Option<&str> = None;
    for row in rows {
        if row.competency.area.as_deref() != area {
            area = row.competency.area.as_deref();
            if let Some(area) = area {
                out.push_str(&format!("  {}\n", style.dim(area)));
            }
        }
        let mark = match row.coverage {
            Coverage::Gained => style.green("■ gained     "),
            Coverage::InProgress => style.yellow("▤ in progress"),
            Coverage::NotStarted => style.dim("□ not started"),
        };
        let mut behind = Vec::new();
        if !row.evidence.is_empty() {
            behind.push(format!(
                "evidence: {}",
                row.evidence
                    .iter()
                    .map(|e| e.title.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        if !row.learned.is_empty() {
            behind.push(format!("{} learned", row.learned.len()));
        }
        if !row.goals.is_empty() {
            behind.push(format!(
                "goal{} {}",
                if row.goals.len() == 1 { "" } else { "s" },
                row.goals
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let line = format!(
            "    {:<width$}  {mark}  {}",
            row.competency.name,
            style.dim(&behind.join(" · "))
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    out
}
