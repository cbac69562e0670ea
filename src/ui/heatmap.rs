//! A year of activity as a calendar heatmap in the terminal: a column per week, a row per
//! weekday, a shade per day by how many entries it holds.

use super::style::Style;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// The shade of a day: none, 1, 2, 3, 4 or more entries.
fn cell(count: u32, style: Style) -> String {
    let level = count.min(4) as usize;
    if style.enabled {
        const SHADES: [u8; 5] = [237, 22, 28, 34, 46];
        style.color256(SHADES[level], "■")
    } else {
        [".", "-", "+", "*", "#"][level].to_string()
    }
}

/// The heatmap of `first..=last` (whole weeks around it), with month names above and a
/// legend below.
pub(crate) fn heatmap(
    counts: &BTreeMap<NaiveDate, u32>,
    first: NaiveDate,
    last: NaiveDate,
    style: Style,
) -> String {
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let weeks = ((last - start).num_days() / 7 + 1) as usize;
    let mut out = String::new();
    // Month names, each over the week its first day falls in.
    let mut header = vec![' '; weeks * 2 + 6];
    for week in 0..weeks {
        for d in 0..7 {
            let day = start + Duration::days((week * 7 + d) as i64);
            if day.day() == 1 && day >= first && day <= last {
                let name = day.format("%b").to_string();
                for (i, ch) in name.chars().enumerate() {
                    if let Some(slot) = header.get_mut(4 + week * 2 + i) {
                        *slot = ch;
                    }
                }
            }
        }
    }
    out.push_str(header.iter().collect::<String>().trim_end());
    out.push('\n');
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let mut line = format!("{name:<4}");
        for week in 0..weeks {
            let day = start + Duration::days((week * 7 + row) as i64);
            if day < first || day > last {
                line.push_str("  ");
            } else {
                line.push_str(&cell(counts.get(&day).copied().unwrap_or(0), style));
                line.push(' ');
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "    less {} more\n",
        (0..5).map(|n| cell(n, style)).collect::<Vec<_>>().join(" ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_heatmap_has_a_row_per_weekday_and_marks_busy_days() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut counts = BTreeMap::new();
        counts.insert(d("2026-11-25"), 1); // a Wednesday
        counts.insert(d("2026-11-26"), 5);
        let out = heatmap(
            &counts,
            d("2026-11-01"),
            d("2026-11-30"),
            Style { enabled: false },
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 9, "{out}");
        assert!(lines[0].contains("Nov"), "{out}");
        assert!(
            lines[3].starts_with("Wed") && lines[3].contains('-'),
            "{out}"
        );
        assert!(lines[4].contains('#'), "{out}");
        assert!(out.is_ascii());
    }
}
