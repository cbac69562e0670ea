//! `mpl search`: find entries by the words in them.

use super::Filters;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::search::{snippet, words};
use crate::render;

/// Find entries holding every word of a query (any case)
///
/// Looks at titles, tags, text fields (source, impact, why, …) and bodies. Each hit shows
/// its date, kind, id and title, and a line where the words appear.
#[derive(Debug, clap::Args)]
pub(crate) struct SearchArgs {
    /// The words to find; every one must appear
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: Filters,
    /// Print one JSON array of hits (entries with a "snippet")
    #[arg(long)]
    pub json: bool,
}

/// The widest a snippet gets.
const SNIPPET: usize = 100;

pub(crate) fn run(ctx: &Ctx, args: &SearchArgs) -> Result<()> {
    let words = words(&args.query.join(" "));
    if words.is_empty() {
        return Err(Error::usage("the query is empty").hint("mpl search borrow checker"));
    }
    let journal = ctx.journal()?;
    let mut query = args.filters.query(&journal, ctx.now)?;
    // The limit applies to hits, after the search.
    let limit = query.limit.take();
    let (mut hits, problems) = journal.search(&words, &query);
    ctx.warn_problems(&problems);
    if let Some(limit) = limit {
        hits.truncate(limit);
    }
    if args.json {
        let list: Vec<_> = hits
            .iter()
            .map(|f| {
                #[derive(serde::Serialize)]
                struct Hit {
                    snippet: String,
                }
                let (snippet, _) = snippet(&f.entry, &words, SNIPPET);
                render::json::extended(&f.entry, journal.rel(&f.path), Hit { snippet })
            })
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    if hits.is_empty() {
        ctx.say_empty(&format!("no entries hold {}", quoted(&words)));
        return Ok(());
    }
    let style = ctx.out_style;
    let mut out = String::new();
    for found in &hits {
        let e = &found.entry;
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            e.date,
            e.kind,
            style.dim(&e.id),
            style.bold(if e.title.is_empty() {
                "(untitled)"
            } else {
                &e.title
            })
        ));
        let (text, ranges) = snippet(e, &words, SNIPPET);
        if !text.is_empty() && text != e.title {
            out.push_str("    ");
            out.push_str(&highlight(&text, &ranges, style));
            out.push('\n');
        }
    }
    ctx.print(&out)?;
    ctx.status(&format!(
        "{} {}",
        hits.len(),
        if hits.len() == 1 { "entry" } else { "entries" }
    ));
    Ok(())
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// `text` with the byte ranges in bold yellow, when colour is on.
fn highlight(text: &str, ranges: &[(usize, usize)], style: crate::ui::style::Style) -> String {
    if !style.enabled {
        return text.to_string();
    }
    let mut out = String::new();
    let mut at = 0;
    for &(from, to) in ranges {
        if from < at {
            continue;
        }
        out.push_str(&text[at..from]);
        out.push_str(&style.bold(&style.yellow(&text[from..to])));
        at = to;
    }
    out.push_str(&text[at..]);
    out
}
