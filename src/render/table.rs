//! The timeline as a table (`mpl log`): date, kind, id, title and tags.

use super::style::Style;
use crate::store::scan::Found;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

/// Renders entries as an aligned table without borders. `fit` wraps long titles to the
/// terminal's width; without it (pipes) each entry stays on one line. With colour off the
/// output holds no escape codes.
pub fn timeline(entries: &[Found], style: Style, fit: bool) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    if style.enabled {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_content_arrangement(if fit {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    table.set_header(
        ["DATE", "KIND", "ID", "TITLE", "TAGS"]
            .into_iter()
            .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
    );
    for found in entries {
        let e = &found.entry;
        let title = if e.title.is_empty() {
            Cell::new("(untitled)").add_attribute(Attribute::Dim)
        } else {
            Cell::new(&e.title)
        };
        let tags: Vec<String> = e.tags.iter().map(|t| format!("#{t}")).collect();
        table.add_row(vec![
            Cell::new(e.date.format("%Y-%m-%d")),
            Cell::new(e.kind.as_str()),
            Cell::new(&e.id).add_attribute(Attribute::Dim),
            title,
            Cell::new(tags.join(" ")).fg(Color::Cyan),
        ]);
    }
    let last = table.column_count().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 2 }));
    }
    // comfy-table pads each line to the widest cell; trailing blanks help no one.
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
