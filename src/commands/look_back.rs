//! `mpl look-back`: what you wrote a week, a month and a year ago, and on this day before.

use super::date_arg;
use crate::app::Ctx;
use crate::error::Result;
use crate::model::Kind;
use crate::model::date::long_date;
use crate::store::lookback::Moment;
use crate::store::scan::Found;

/// Look back: what you wrote a week, a month and a year ago, and on this day in earlier years
///
/// Reflections, things learned, evidence and feedback of each of those days. After a
/// reflection, one line offers the memory most worth seeing again (`look_back = false` in
/// config.toml turns it off).
#[derive(Debug, clap::Args)]
pub(crate) struct LookBackArgs {
    /// The day to look back from [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Print one JSON array: each day with its entries
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &LookBackArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let day = match &args.date {
        Some(text) => date_arg("--date", text, today)?,
        None => today,
    };
    let (moments, problems) = journal.look_back(day);
    ctx.warn_problems(&problems);
    if args.json {
        let list: Vec<serde_json::Value> = moments
            .iter()
            .map(|m| {
                serde_json::json!({
                    "when": m.when,
                    "date": m.date.to_string(),
                    "entries": m.entries.iter().map(|f| crate::render::json::entry(&f.entry, journal.rel(&f.path))).collect::<Vec<_>>(),
                })
            })
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    if moments.is_empty() {
        ctx.say_empty(&format!(
            "nothing was written a week, a month or a year before {}, or on that day in earlier years",
            long_date(day)
        ));
        return Ok(());
    }
    let style = ctx.out_style;
    let mut out = String::new();
    for (i, moment) in moments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} {}\n",
            style.bold(&capitalized(&moment.when)),
            style.dim(&format!("({})", long_date(moment.date)))
        ));
        for found in &moment.entries {
            out.push_str(&format!("  {}\n", line(found, style)));
        }
    }
    ctx.print(&out)
}

/// One entry in a line: its kind, its gist and its id.
fn line(found: &Found, style: crate::ui::style::Style) -> String {
    format!(
        "{:<10} {}  {}",
        found.entry.kind.as_str(),
        gist(found),
        style.dim(&found.entry.id)
    )
}

/// What an entry says, in a line: a reflection's first answer, else its title.
pub(crate) fn gist(found: &Found) -> String {
    let said = match found.entry.kind {
        Kind::Reflection | Kind::Review => crate::model::reflection::gist(&found.entry, 80),
        _ => String::new(),
    };
    if !said.is_empty() {
        said
    } else {
        found.entry.title.clone()
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The one line after a reflection: the memory most worth seeing again, if any.
pub(crate) fn offer(ctx: &Ctx, journal: &crate::store::Journal, day: chrono::NaiveDate) {
    if ctx.quiet || !ctx.look_back {
        return;
    }
    // A memory is a nicety: entries that cannot be read now are passed over in silence.
    let (moments, _): (Vec<Moment>, _) = journal.look_back(day);
    if let Some((moment, found)) = crate::store::lookback::most_worth(&moments) {
        let what = match found.entry.kind {
            Kind::Evidence => "you achieved",
            Kind::Learned => "you learned",
            Kind::Feedback => "you heard",
            _ => "you wrote",
        };
        ctx.status(&ctx.err_style.dim(&format!(
            "look back: {} {what} \"{}\" (`mpl look-back` for more)",
            moment.when,
            gist(found)
        )));
    }
}
