//! The timeline as a table (`mpl log`): date, kind, id, title and tags, one line per entry.

use super::style::Style;
use crate::render::terminal::{adopt_sgr, visible_line};
use crate::store::scan::Found;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

/// The width of the terminal on standard output, if it is one and says.
pub(crate) fn terminal_width() -> Option<usize> {
    #[cfg(unix)]
    {
        rustix::termios::tcgetwinsize(std::io::stdout())
            .ok()
            .map(|size| usize::from(size.ws_col))
            .filter(|w| *w > 0)
    }
    #[cfg(not(unix))]
    {
        Table::new().width().map(usize::from).filter(|w| *w > 0)
    }
}

/// The narrowest title worth cutting to; below it, lines are left long instead.
const MIN_TITLE: usize = 20;
/// The widest the tags may take when the title has to be cut.
const MAX_TAGS: usize = 24;

/// The title of an encrypted entry this machine could not read.
const LOCKED_TITLE: &str = "(encrypted)";

/// Renders entries as an aligned table without borders, one line per entry. With a
/// `width` (a terminal), titles and tags are cut with `…` so each line fits; dates, kinds
/// and ids are never cut, so an id can be copied whole. Colour only when `style` says so.
pub(crate) fn timeline(entries: &[Found], style: Style, width: Option<usize>) -> String {
    let mut rows: Vec<[String; 5]> = entries
        .iter()
        .map(|found| {
            let e = &found.entry;
            [
                e.date.format("%Y-%m-%d").to_string(),
                e.kind.as_str().to_string(),
                visible_line(&e.id).into_owned(),
                if e.is_sealed() {
                    LOCKED_TITLE.to_string()
                } else {
                    visible_line(&e.title).into_owned()
                },
                visible_line(&crate::render::hashtags(&e.tags)).into_owned(),
            ]
        })
        .collect();
    let columns = match width {
        Some(width) => fit(&mut rows, width),
        None => Columns {
            date: true,
            tags: true,
        },
    };

    let mut table = bare(style);
    let paint = |cell: Cell, attribute: Attribute| {
        if style.enabled {
            cell.add_attribute(attribute)
        } else {
            cell
        }
    };
    let headers = ["DATE", "KIND", "ID", "TITLE", "TAGS"];
    let shown = [columns.date, true, true, true, columns.tags];
    table.set_header(
        headers
            .iter()
            .zip(shown)
            .filter(|(_, shown)| *shown)
            .map(|(h, _)| paint(Cell::new(h), Attribute::Bold)),
    );
    for [date, kind, id, title, tags] in rows {
        let title = if title.is_empty() {
            paint(Cell::new("(untitled)"), Attribute::Dim)
        } else if title == LOCKED_TITLE {
            paint(Cell::new(title), Attribute::Dim)
        } else {
            Cell::new(title)
        };
        let mut tags = Cell::new(tags);
        if style.enabled {
            tags = tags.fg(Color::Cyan);
        }
        let cells = [
            Cell::new(date),
            Cell::new(kind),
            paint(Cell::new(id), Attribute::Dim),
            title,
            tags,
        ];
        table.add_row(
            cells
                .into_iter()
                .zip(shown)
                .filter(|(_, shown)| *shown)
                .map(|(cell, _)| cell)
                .collect::<Vec<_>>(),
        );
    }
    text(table)
}

/// A plain table without borders (`goal list`, `evidence list`, …): one line per row, the
/// `flex` column (the title) cut with `…` so lines fit `width`, other columns whole.
/// Columns in `dim` are dimmed when `style` allows colour. Empty cells show as `-`.
pub(crate) fn list(
    headers: &[&str],
    rows: Vec<Vec<String>>,
    flex: usize,
    dim: &[usize],
    style: Style,
    width: Option<usize>,
) -> String {
    // Cells hold journal text: one line each, with control characters shown.
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| visible_line(&cell).into_owned())
                .collect()
        })
        .collect();
    if let Some(width) = width {
        let fixed: usize = (0..headers.len())
            .filter(|i| *i != flex)
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([headers[i].len()])
                    .max()
                    .unwrap_or(0)
                    + 2
            })
            .sum();
        let room = width.saturating_sub(fixed + if flex + 1 < headers.len() { 2 } else { 0 });
        if room >= MIN_TITLE {
            for row in rows.iter_mut() {
                row[flex] = cut(&row[flex], room);
            }
        }
    }
    let mut table = bare(style);
    table.set_header(headers.iter().map(|h| {
        let cell = Cell::new(h);
        if style.enabled {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in rows {
        table.add_row(row.into_iter().enumerate().map(|(i, text)| {
            let text = if text.is_empty() {
                "-".to_string()
            } else {
                text
            };
            let cell = Cell::new(text);
            if style.enabled && dim.contains(&i) {
                cell.add_attribute(Attribute::Dim)
            } else {
                cell
            }
        }));
    }
    text(table)
}

/// A table without borders or wrapping, coloured only when `style` says so.
fn bare(style: Style) -> Table {
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    table.force_no_tty();
    table.set_content_arrangement(ContentArrangement::Disabled);
    if style.enabled {
        table.enforce_styling();
    }
    table
}

/// The table as text: two spaces between columns, none after the last, and no trailing
/// blanks (comfy-table pads each line to the widest cell). The cells' text was made
/// visible, so the only escape sequences in the drawing are comfy-table's own colours,
/// which are adopted as mpl's.
fn text(mut table: Table) -> String {
    let last = table.column_count().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 2 }));
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    adopt_sgr(&out)
}

/// Which columns a table shows besides kind, id and title.
struct Columns {
    date: bool,
    tags: bool,
}

/// Cuts titles and tags so that every row fits in `width` columns, giving up the tags and
/// then the date (dated ids start with it) before the title gets too short to read. On a
/// terminal too narrow even for that, lines stay long.
fn fit(rows: &mut [[String; 5]], width: usize) -> Columns {
    let widest = |i: usize, header: &str| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header.len()])
            .max()
            .unwrap_or(0)
    };
    let (date, kind, id) = (
        widest(0, "DATE") + 2,
        widest(1, "KIND") + 2,
        widest(2, "ID") + 2,
    );
    let (titles, tags) = (widest(3, "TITLE"), widest(4, "TAGS"));
    let all = Columns {
        date: true,
        tags: true,
    };
    let room = width.saturating_sub(date + kind + id);
    if titles + 2 + tags <= room {
        return all;
    }
    if room >= MIN_TITLE + 2 + "TAGS".len() {
        // The title comes first; tags get what is left, up to MAX_TAGS.
        let tag_room = tags
            .min(MAX_TAGS)
            .min(room - MIN_TITLE - 2)
            .max("TAGS".len());
        for row in rows.iter_mut() {
            row[3] = cut(&row[3], room - tag_room - 2);
            row[4] = cut(&row[4], tag_room);
        }
        return all;
    }
    for columns in [
        Columns {
            date: true,
            tags: false,
        },
        Columns {
            date: false,
            tags: false,
        },
    ] {
        let room = width.saturating_sub(kind + id + if columns.date { date } else { 0 });
        if room >= MIN_TITLE {
            for row in rows.iter_mut() {
                row[3] = cut(&row[3], room);
            }
            return columns;
        }
    }
    all
}

/// `text` cut to at most `max` characters, ending in `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind};
    use chrono::{DateTime, NaiveDate};

    fn found(id: &str, title: &str, tags: &[&str]) -> Found {
        let mut entry = Entry::new(
            Kind::Learned,
            id.into(),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap(),
            title.into(),
        );
        entry.tags = tags.iter().map(|t| t.to_string()).collect();
        Found {
            entry,
            path: Default::default(),
        }
    }

    #[test]
    fn every_line_fits_a_narrow_terminal_and_ids_stay_whole() {
        let id = "2026-11-25-two-phase-borrows-let-a-mut-call"; // as long as ids get
        let entries = [
            found(
                id,
                &"A long title about borrowing ".repeat(4),
                &["rust", "compilers", "borrowck"],
            ),
            found("2026-11-25-short", "Short", &[]),
        ];
        let out = timeline(&entries, Style { enabled: false }, Some(100));
        for line in out.lines() {
            assert!(line.chars().count() <= 100, "{line}");
        }
        assert!(out.contains(id));
        assert!(out.contains('…'));
        // Narrower: the tags, then the date, make room for the title.
        let out = timeline(&entries, Style { enabled: false }, Some(90));
        assert!(
            out.starts_with("DATE") && !out.contains("TAGS") && !out.contains("#rust"),
            "{out}"
        );
        let out = timeline(&entries, Style { enabled: false }, Some(80));
        assert!(out.starts_with("KIND") && !out.contains("TAGS"), "{out}");
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "{line}");
            assert!(line.contains(id) || !line.contains("two-phase"), "{line}");
        }
        // Too narrow to cut sensibly: lines stay whole rather than useless.
        let out = timeline(&entries, Style { enabled: false }, Some(40));
        assert!(out.contains("borrowing A long title"));
        // No width (a pipe): nothing is cut.
        assert!(!timeline(&entries, Style { enabled: false }, None).contains('…'));
    }
}
