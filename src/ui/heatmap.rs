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

/// The narrowest terminal the heatmap fits itself to; a narrower one gets this width.
const MIN_WIDTH: usize = 40;
/// The weekday labels' column.
const LABELS: usize = 4;

/// The heatmap of `first..=last` (whole weeks around it), with month names above and a
/// legend below. It fits `width` (a terminal's) when there is one: a column of two
/// characters per week, else of one, else only the latest weeks that fit (down to
/// [`MIN_WIDTH`] columns). Days after `today` are left blank, as days outside the period
/// are: a day still to come is not a day without entries.
pub(crate) fn heatmap(
    counts: &BTreeMap<NaiveDate, u32>,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
    width: Option<usize>,
    style: Style,
) -> String {
    let monday =
        |day: NaiveDate| day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let mut start = monday(first);
    let mut first = first;
    let weeks_of = |start: NaiveDate| ((last - start).num_days() / 7 + 1) as usize;
    let (cell_width, weeks) = match width.map(|w| w.max(MIN_WIDTH)) {
        Some(width) if LABELS + 2 * weeks_of(start) > width => {
            let fit = width - LABELS;
            if weeks_of(start) > fit {
                // Only the latest weeks: the period starts with the first that fits.
                start = monday(last) - Duration::weeks(fit as i64 - 1);
                first = first.max(start);
            }
            (1, weeks_of(start))
        }
        _ => (2, weeks_of(start)),
    };
    let mut out = String::new();
    // Month names, each over the week its first day falls in.
    let mut header = vec![' '; weeks * cell_width + LABELS + 3];
    for week in 0..weeks {
        for d in 0..7 {
            let day = start + Duration::days((week * 7 + d) as i64);
            if day.day() == 1 && day >= first && day <= last {
                let name = day.format("%b").to_string();
                for (i, ch) in name.chars().enumerate() {
                    if let Some(slot) = header.get_mut(LABELS + week * cell_width + i) {
                        *slot = ch;
                    }
                }
            }
        }
    }
    out.push_str(header.iter().collect::<String>().trim_end());
    out.push('\n');
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let mut line = format!("{name:<LABELS$}");
        for week in 0..weeks {
            let day = start + Duration::days((week * 7 + row) as i64);
            if day < first || day > last || day > today {
                line.push_str(&" ".repeat(cell_width));
            } else {
                line.push_str(&cell(counts.get(&day).copied().unwrap_or(0), style));
                if cell_width == 2 {
                    line.push(' ');
                }
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
            d("2026-11-30"),
            None,
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

    fn year(width: Option<usize>, today: &str) -> String {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut counts = BTreeMap::new();
        counts.insert(d("2026-01-05"), 2);
        counts.insert(d("2026-11-25"), 1);
        heatmap(
            &counts,
            d("2026-01-01"),
            d("2026-12-31"),
            d(today),
            width,
            Style { enabled: false },
        )
    }

    #[test]
    fn a_year_fits_the_terminal_it_is_drawn_on() {
        let widest = |out: &str| out.lines().map(|l| l.chars().count()).max().unwrap();
        // Wide enough: two columns a week, as into a pipe.
        assert_eq!(year(Some(120), "2026-12-31"), year(None, "2026-12-31"));
        assert!(widest(&year(None, "2026-12-31")) > 100);
        // 80 columns: one column a week, the whole year.
        let out = year(Some(80), "2026-12-31");
        assert!(widest(&out) <= 80, "{out}");
        assert!(out.lines().next().unwrap().contains("Jan"), "{out}");
        assert!(out.contains('+'), "5 January is there: {out}");
        // 40 columns: the latest weeks only, and never wider.
        for width in [40, 20] {
            let out = year(Some(width), "2026-12-31");
            assert!(widest(&out) <= 40, "{out}");
            let days: String = out.lines().filter(|l| !l.contains("less")).collect();
            assert!(days.contains('-'), "25 November is there: {out}");
            assert!(!days.contains('+'), "5 January is not: {out}");
        }
    }

    #[test]
    fn days_still_to_come_are_blank_not_empty() {
        let out = year(None, "2026-11-25");
        let wed = out.lines().find(|l| l.starts_with("Wed")).unwrap();
        // 25 November is the last day drawn on Wednesdays; December's are blank.
        assert!(wed.trim_end().ends_with('-'), "{wed}");
        let done = year(None, "2026-12-31");
        let wed_done = done.lines().find(|l| l.starts_with("Wed")).unwrap();
        assert!(wed_done.trim_end().ends_with('.'), "{wed_done}");
    }
}
