//! The learning calendar of the HTML portfolio: one inline SVG per year, a column per week
//! (Monday on top) and a square per day shaded by how much was learned, like a contribution
//! calendar. Every day has a tooltip, and the whole has a text alternative. Built with maud,
//! like the pages it goes in.

use chrono::{Datelike, Duration, NaiveDate};
use maud::html;
use std::collections::BTreeMap;

const CELL: i64 = 11;
const GAP: i64 = 2;
const TOP: i64 = 16;
const LEFT: i64 = 26;
/// Fill colours from none to most; the darkest keep 3:1 contrast with the white page.
pub(crate) const SHADES: [&str; 5] = ["#ebedf0", "#9be9a8", "#40c463", "#2a8a3e", "#1b5e20"];

/// The shade of a day with `count` items when the busiest day had `max`.
fn level(count: u32, max: u32) -> usize {
    if count == 0 || max == 0 {
        0
    } else {
        (((count * 4).div_ceil(max)) as usize).clamp(1, 4)
    }
}

/// The years that have activity, newest first.
pub(crate) fn years(days: &BTreeMap<NaiveDate, u32>) -> Vec<i32> {
    let mut years: Vec<i32> = days.keys().map(|d| d.year()).collect();
    years.dedup();
    years.reverse();
    years
}

/// The SVG of one year; days after `until` are left blank.
pub(crate) fn year_svg(year: i32, days: &BTreeMap<NaiveDate, u32>, until: NaiveDate) -> String {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
    let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists");
    let in_year: Vec<(NaiveDate, u32)> = days.range(first..=last).map(|(d, n)| (*d, *n)).collect();
    let max = in_year.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let active = in_year.len();
    let total: u32 = in_year.iter().map(|(_, n)| *n).sum();
    let offset = i64::from(first.weekday().num_days_from_monday());
    let weeks = (offset + i64::from(last.ordinal()) + 6) / 7;
    let width = LEFT + weeks * (CELL + GAP);
    let height = TOP + 7 * (CELL + GAP);
    let summary = format!(
        "{year}: {total} item{} on {active} day{}",
        if total == 1 { "" } else { "s" },
        if active == 1 { "" } else { "s" }
    );
    let mut cells: Vec<(i64, i64, NaiveDate, u32)> = Vec::new();
    let mut date = first;
    while date <= last.min(until) {
        let index = offset + i64::from(date.ordinal0());
        let (week, row) = (index / 7, index % 7);
        cells.push((
            LEFT + week * (CELL + GAP),
            TOP + row * (CELL + GAP),
            date,
            days.get(&date).copied().unwrap_or(0),
        ));
        date += Duration::days(1);
    }
    let label = format!("cal-{year}");
    html! {
        svg.calendar role="img" viewBox={ "0 0 " (width) " " (height) } xmlns="http://www.w3.org/2000/svg" aria-labelledby=(label) {
            title #(label) { "Learning activity in " (summary) }
            @for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
                text x="0" y=(TOP + row * (CELL + GAP) + CELL - 2) class="label" { (name) }
            }
            @for (x, y, date, count) in &cells {
                @if date.day() == 1 {
                    text x=(x) y="10" class="label" { (date.format("%b").to_string()) }
                }
                rect x=(x) y=(y) width=(CELL) height=(CELL) rx="2" fill=(SHADES[level(*count, max)]) {
                    title { (date.format("%a %-d %b %Y").to_string()) ": " (count) }
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_has_a_square_per_day_and_a_summary() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let days = BTreeMap::from([
            (d("2025-03-04"), 2),
            (d("2025-03-05"), 4),
            (d("2024-01-01"), 1),
        ]);
        let end = d("2026-11-25");
        let svg = year_svg(2025, &days, end);
        assert_eq!(svg.matches("<rect").count(), 365);
        assert!(svg.contains("2025: 6 items on 2 days"), "{svg}");
        assert!(svg.contains("Wed 5 Mar 2025: 4"));
        assert_eq!(svg.matches(SHADES[4]).count(), 1);
        assert_eq!(years(&days), [2025, 2024]);
        assert_eq!(year_svg(2024, &days, end).matches("<rect").count(), 366);
        assert_eq!(year_svg(2026, &days, end).matches("<rect").count(), 329);
    }

    #[test]
    fn shades_scale_with_the_busiest_day() {
        assert_eq!(level(0, 5), 0);
        assert_eq!(level(1, 8), 1);
        assert_eq!(level(8, 8), 4);
        assert_eq!(level(1, 1), 4);
    }
}
