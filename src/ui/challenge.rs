//! Challenges for people and programs: the 30-cell grid, the list, a day's task, and JSON.

use super::style::Style;
use crate::model::challenge::{Cell, Challenge, DAYS, Run, State, Task};
use crate::model::date::long_date;
use chrono::{NaiveDate, Weekday};
use serde_json::{Value, json};
use std::path::Path;

/// The character of a cell, the same with and without colour.
fn glyph(cell: Cell, style: Style) -> String {
    match cell {
        Cell::Done => style.green("#"),
        Cell::Skipped => style.yellow("~"),
        Cell::Excused => style.yellow("-"),
        Cell::Missed => style.red("x"),
        Cell::Today => style.bold(&style.cyan(">")),
        Cell::ToCome => style.dim("."),
    }
}

/// The legend under a grid.
pub(crate) fn legend(style: Style) -> String {
    [
        Cell::Done,
        Cell::Skipped,
        Cell::Excused,
        Cell::Missed,
        Cell::Today,
        Cell::ToCome,
    ]
    .iter()
    .map(|c| format!("{} {}", glyph(*c, style), c.as_str()))
    .collect::<Vec<_>>()
    .join("  ")
}

/// "day 5 of 30", "a day off; day 6 is …", "finished", "abandoned on …", "starts …".
pub(crate) fn where_it_stands(run: &Run, today: NaiveDate) -> String {
    match run.state(today) {
        State::Running => match (run.day_of(today), run.next_day(today)) {
            (Some(day), _) => format!("day {day} of {DAYS}"),
            (None, Some(next)) => format!(
                "a day off; day {next} of {DAYS} is {}",
                long_date(run.date_of(next))
            ),
            (None, None) => format!("finished on {}", long_date(run.ends())),
        },
        State::Upcoming => format!("starts {}", long_date(run.started)),
        State::Finished => format!("finished on {}", long_date(run.ends())),
        State::Abandoned => format!(
            "abandoned on {}",
            long_date(run.abandoned.expect("an abandoned run has a date"))
        ),
    }
}

/// The days of the week a run counts: "every day", "Monday to Friday", "Monday, Wednesday
/// and Friday".
pub(crate) fn weekdays_text(days: &[Weekday]) -> String {
    let name = |d: &Weekday| {
        NaiveDate::from_isoywd_opt(2026, 1, *d)
            .map_or_else(|| d.to_string(), |date| date.format("%A").to_string())
    };
    let from_monday: Vec<u32> = days.iter().map(|d| d.num_days_from_monday()).collect();
    match days {
        [] => "every day".to_string(),
        _ if days.len() == 7 => "every day".to_string(),
        [one] => format!("{}s", name(one)),
        [first, .., last] if from_monday.windows(2).all(|w| w[1] == w[0] + 1) && days.len() > 2 => {
            format!("{} to {}", name(first), name(last))
        }
        [init @ .., last] => format!(
            "{} and {}",
            init.iter().map(name).collect::<Vec<_>>().join(", "),
            name(last)
        ),
    }
}

/// A run's status: heading, three rows of ten cells, counts and streaks.
pub(crate) fn status(run: &Run, title: &str, today: NaiveDate, style: Style) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {}\n",
        style.bold(title),
        style.dim(&format!("({})", run.challenge))
    ));
    if run.state(today) == State::Upcoming {
        out.push_str(&format!("{}\n", where_it_stands(run, today)));
    } else {
        out.push_str(&format!(
            "{} · started {}\n",
            where_it_stands(run, today),
            long_date(run.started)
        ));
    }
    let cells = run.cells(today);
    for (row, chunk) in cells.chunks(10).enumerate() {
        let first = row * 10 + 1;
        let line: Vec<String> = chunk.iter().map(|c| glyph(*c, style)).collect();
        out.push_str(&format!(
            "{:>5}  {}\n",
            format!("{first}-{}", first + chunk.len() - 1),
            line.join(" ")
        ));
    }
    let (done, off) = run.counts();
    let excused = run.excused();
    let skipped = off - excused;
    let missed = cells.iter().filter(|c| **c == Cell::Missed).count();
    let (current, best) = run.streaks(today);
    let excused = if excused > 0 {
        format!(" · excused {excused}")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "done {done} · skipped {skipped}{excused} · missed {missed} · streak {current} (best {best}) · {}%\n",
        run.percent()
    ));
    if !run.every_day() {
        out.push_str(&style.dim(&format!("counts {}\n", weekdays_text(&run.weekdays))));
    }
    out
}

/// One day's task, with the command that records it.
pub(crate) fn task(day: u32, task: &Task, style: Style) -> String {
    let mut out = format!(
        "{} {}\n",
        style.dim(&format!("day {day}:")),
        style.bold(&task.title)
    );
    if !task.text.is_empty() {
        for line in wrap(&task.text, 76) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if let Some(command) = &task.command {
        out.push_str(&format!(
            "  {} {}\n",
            style.dim("record it:"),
            style.cyan(command)
        ));
    }
    out
}

/// Words of `text` in lines of at most `width` characters; blank lines separate
/// paragraphs, single line breaks are reflowed.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let text = text.replace("\r\n", "\n");
    for paragraph in text.split("\n\n") {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// A challenge definition for `challenge show`.
pub(crate) fn definition(challenge: &Challenge, style: Style) -> String {
    let mut out = format!(
        "{} {}\n",
        style.bold(&challenge.title),
        style.dim(&format!(
            "({}, {})",
            challenge.slug,
            if challenge.builtin {
                "built in"
            } else {
                "custom"
            }
        ))
    );
    if !challenge.description.is_empty() {
        out.push('\n');
        for line in wrap(&challenge.description, 80) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !challenge.goal.is_empty() {
        out.push('\n');
        let goal = wrap(&format!("Goal: {}", challenge.goal), 80).join("\n");
        out.push_str(&goal);
        out.push('\n');
    }
    out.push('\n');
    for (i, t) in challenge.tasks.iter().enumerate() {
        let mut line = format!("{:>2}. {}", i + 1, t.title);
        if let Some(command) = &t.command {
            line.push_str(&format!("  {}", style.dim(&format!("→ {command}"))));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A run as JSON.
pub(crate) fn run_json(run: &Run, path: &Path, today: NaiveDate) -> Value {
    let cells = run.cells(today);
    let (done, off) = run.counts();
    let excused = run.excused();
    let (current, best) = run.streaks(today);
    json!({
        "challenge": run.challenge,
        "title": run.title,
        "path": path.to_string_lossy().replace('\\', "/"),
        "started": run.started.to_string(),
        "ends": run.ends().to_string(),
        "state": run.state(today).as_str(),
        "day": run.day_of(today),
        "abandoned": run.abandoned.map(|d| d.to_string()),
        "done": done,
        "skipped": off - excused,
        "excused": excused,
        "weekdays": run.weekdays.iter().map(|d| d.to_string().to_ascii_lowercase()).collect::<Vec<_>>(),
        "missed": cells.iter().filter(|c| **c == Cell::Missed).count(),
        "percent": run.percent(),
        "current_streak": current,
        "best_streak": best,
        "days": cells.iter().enumerate().map(|(i, cell)| {
            let day = i as u32 + 1;
            let checkin = run.checkin(day);
            json!({
                "day": day,
                "date": run.date_of(day).to_string(),
                "state": cell.as_str(),
                "note": checkin.map(|c| c.note.as_str()).filter(|n| !n.is_empty()),
            })
        }).collect::<Vec<_>>(),
    })
}

/// A definition as JSON.
pub(crate) fn challenge_json(challenge: &Challenge) -> Value {
    json!({
        "slug": challenge.slug,
        "title": challenge.title,
        "summary": challenge.summary,
        "description": challenge.description,
        "goal": challenge.goal,
        "builtin": challenge.builtin,
        "tasks": challenge.tasks.iter().enumerate().map(|(i, t)| json!({
            "day": i + 1,
            "title": t.title,
            "text": t.text,
            "command": t.command,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_read_as_people_say_them() {
        use Weekday::*;
        assert_eq!(
            weekdays_text(&[Mon, Tue, Wed, Thu, Fri]),
            "Monday to Friday"
        );
        assert_eq!(
            weekdays_text(&[Mon, Wed, Fri]),
            "Monday, Wednesday and Friday"
        );
        assert_eq!(weekdays_text(&[Sat, Sun]), "Saturday and Sunday");
        assert_eq!(weekdays_text(&[Tue]), "Tuesdays");
        assert_eq!(
            weekdays_text(&[Mon, Tue, Wed, Thu, Fri, Sat, Sun]),
            "every day"
        );
    }

    #[test]
    fn text_wraps_at_word_boundaries() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(
            wrap("one\n\ntwo\nthree\n", 80),
            vec!["one", "", "two three"]
        );
    }
}
