//! "Did you mean …?": the names closest to one that matched nothing.

/// Up to three of `candidates` that look like `input`, closest first: names that contain it
/// (or that it contains), then names within a few typos of it.
pub(crate) fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let input = input.trim().to_lowercase();
    if input.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let score = if lower.contains(&input) || (input.len() >= 3 && input.contains(&lower)) {
                2.0
            } else {
                // A typo in the whole name, in its start (a mistyped prefix), or in one of
                // its words.
                let start: String = lower.chars().take(input.chars().count()).collect();
                lower
                    .split(['-', ' ', '_'])
                    .chain([lower.as_str(), start.as_str()])
                    .filter(|part| part.len() >= 3)
                    .map(|part| strsim::jaro_winkler(&input, part))
                    .fold(0.0, f64::max)
            };
            (score >= 0.8).then_some((score, candidate))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, name)| name.to_string())
        .collect()
}

/// " (did you mean a, b?)" or nothing, to append to a "not found" message.
pub(crate) fn did_you_mean(suggestions: &[String]) -> Option<String> {
    (!suggestions.is_empty()).then(|| format!("did you mean {}?", suggestions.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_parts_are_suggested() {
        let names = ["rust-reviews", "public-speaking", "learn-kubernetes"];
        assert_eq!(closest("rust-reveiws", names), vec!["rust-reviews"]);
        assert_eq!(closest("kubernetes", names), vec!["learn-kubernetes"]);
        assert_eq!(closest("speaking", names), vec!["public-speaking"]);
        assert_eq!(
            closest("tema", ["team-person-rust-reviews"]),
            vec!["team-person-rust-reviews"]
        );
        assert_eq!(closest("pubic", names), vec!["public-speaking"]);
        assert!(closest("gardening", names).is_empty());
        assert!(closest("", names).is_empty());
    }
}
