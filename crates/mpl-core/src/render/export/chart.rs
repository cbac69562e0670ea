//! A key result's trend for the portfolio: one small inline SVG line chart of its readings,
//! with its baseline and target drawn as lines, and a text alternative. Built with maud,
//! like the pages it goes in; colours follow the text (`currentColor`), so it reads in
//! light and dark.

use crate::model::key_result::{KeyResult, Reading};
use maud::{Markup, html};

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
const PAD: f64 = 10.0;

/// The chart of `kr` from its readings (oldest first); `None` without a reading.
pub(crate) fn key_result_svg(kr: &KeyResult, readings: &[&Reading]) -> Option<Markup> {
    let first = readings.first()?;
    let last = readings.last()?;
    let days = (last.date - first.date).num_days().max(1) as f64;
    let values = readings.iter().map(|r| r.value).chain([kr.from, kr.to]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    // Numbers too far apart to draw (near the ends of what a float holds) draw nothing.
    if !(hi - lo).is_finite() {
        return None;
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |date: chrono::NaiveDate| {
        if readings.len() == 1 {
            WIDTH / 2.0
        } else {
            PAD + (date - first.date).num_days() as f64 / days * (WIDTH - 2.0 * PAD)
        }
    };
    let y = |value: f64| HEIGHT - PAD - (value - lo) / span * (HEIGHT - 2.0 * PAD);
    let points: Vec<String> = readings
        .iter()
        .map(|r| format!("{:.1},{:.1}", x(r.date), y(r.value)))
        .collect();
    let label = format!(
        "{}: from {} toward {}; {} reading{}, {} on {} to {} on {}",
        kr.name,
        kr.show(kr.from),
        kr.show(kr.to),
        readings.len(),
        if readings.len() == 1 { "" } else { "s" },
        kr.show(first.value),
        first.date,
        kr.show(last.value),
        last.date
    );
    Some(html! {
        svg.chart role="img" aria-label=(label) viewBox={ "0 0 " (WIDTH) " " (HEIGHT) }
            width=(WIDTH) height=(HEIGHT) xmlns="http://www.w3.org/2000/svg" {
            title { (label) }
            line x1=(PAD) x2=(WIDTH - PAD) y1=(format!("{:.1}", y(kr.to))) y2=(format!("{:.1}", y(kr.to)))
                stroke="currentColor" stroke-width="1" stroke-dasharray="4 3" opacity="0.6" {}
            line x1=(PAD) x2=(WIDTH - PAD) y1=(format!("{:.1}", y(kr.from))) y2=(format!("{:.1}", y(kr.from)))
                stroke="currentColor" stroke-width="1" opacity="0.25" {}
            polyline points=(points.join(" ")) fill="none" stroke="currentColor" stroke-width="2" {}
            @for r in readings {
                circle cx=(format!("{:.1}", x(r.date))) cy=(format!("{:.1}", y(r.value))) r="3" fill="currentColor" {
                    title { (r.date) ": " (kr.show(r.value)) }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_chart_has_a_point_per_reading_and_a_text_alternative() {
        let kr = KeyResult {
            id: "a".into(),
            name: "Availability <&>".into(),
            unit: "%".into(),
            from: 99.5,
            to: 99.95,
        };
        let r = |d: u32, v: f64| Reading {
            key_result: "a".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
            value: v,
            source: None,
        };
        let (a, b) = (r(1, 99.6), r(20, 99.9));
        let svg = key_result_svg(&kr, &[&a, &b]).unwrap().into_string();
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(
            svg.contains("Availability &lt;&amp;&gt;: from 99.5% toward 99.95%"),
            "{svg}"
        );
        assert!(!svg.contains("NaN"), "{svg}");
        assert!(key_result_svg(&kr, &[]).is_none());
        let one = key_result_svg(&kr, &[&a]).unwrap().into_string();
        assert!(!one.contains("NaN") && !one.contains("inf"), "{one}");
    }
}
