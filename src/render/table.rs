//! The timeline as a table (`mpl log`): date, kind, id, title and tags.

use super::style::Style;
use crate::store::scan::Found;
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};

/// Below this terminal width, wrapping titles helps less than long lines do.
const MIN_FIT_WIDTH: u16 = 60;

/// Renders entries as an aligned table without borders. With `fit` (standard output is a
/// terminal) long titles wrap to the terminal's width; dates, kinds and ids never wrap, so
/// they can be copied. Without it (pipes) each entry stays on one line. Colour only when
/// `style` says so.
pub fn timeline(entries: &[Found], style: Style, fit: bool) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    if !fit {
        table.force_no_tty();
    }
    if style.enabled {
        table.enforce_styling();
    }
    let fits = fit && table.width().is_some_and(|w| w >= MIN_FIT_WIDTH);
    table.set_content_arrangement(if fits {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    let paint = |cell: Cell, attribute: Attribute| {
        if style.enabled {
            cell.add_attribute(attribute)
        } else {
            cell
        }
    };
    table.set_header(
        ["DATE", "KIND", "ID", "TITLE", "TAGS"]
            .into_iter()
            .map(|h| paint(Cell::new(h), Attribute::Bold)),
    );
    for found in entries {
        let e = &found.entry;
        let title = if e.title.is_empty() {
            paint(Cell::new("(untitled)"), Attribute::Dim)
        } else {
            Cell::new(&e.title)
        };
        let tags: Vec<String> = e.tags.iter().map(|t| format!("#{t}")).collect();
        let mut tags = Cell::new(tags.join(" "));
        if style.enabled {
            tags = tags.fg(Color::Cyan);
        }
        table.add_row(vec![
            Cell::new(e.date.format("%Y-%m-%d")),
            Cell::new(e.kind.as_str()),
            paint(Cell::new(&e.id), Attribute::Dim),
            title,
            tags,
        ]);
    }
    let last = table.column_count().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 2 }));
        if i < 3 {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    // comfy-table pads each line to the widest cell; trailing blanks help no one.
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
