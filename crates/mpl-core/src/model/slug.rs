//! Slugs made from titles, and the rule that keeps every id a safe file name: lowercase ASCII
//! letters, digits and single dashes. An id can never hold `/`, `\`, `.` or `..`, so it can
//! never name a path outside the journal.

/// The longest slug made from a title.
pub(crate) const MAX_SLUG: usize = 32;
/// The longest id accepted anywhere.
pub(crate) const MAX_ID: usize = 120;

/// `text` in ASCII letters: "über" → "uber", "學習中文" → "Xue Xi Zhong Wen ", "Ελληνικά" →
/// "Ellenika" (deunicode's transliteration); what has none (most symbols) becomes a space.
pub(crate) fn transliterate(text: &str) -> String {
    deunicode::deunicode_with_tofu(text, " ")
}

/// The words of `text`, spelled in ASCII and lowercased: "Dr. Mei Tanaka 田中" → dr, mei,
/// tanaka, tian, zhong.
pub(crate) fn words(text: &str) -> Vec<String> {
    transliterate(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Makes a slug from a title: "Rust's borrow checker!" → "rusts-borrow-checker", "über
/// Lernen" → "uber-lernen", "學習中文" → "xue-xi-zhong-wen". A title with nothing to spell
/// (only symbols) becomes `fallback` and a short code made from the title, so that two
/// such titles still get ids of their own: `goal-7f3a9c`.
pub fn slugify(title: &str, fallback: &str) -> String {
    let ascii = transliterate(title);
    let mut slug = String::new();
    for ch in ascii.chars() {
        // "team's" reads as "teams", not "team-s".
        if matches!(ch, '\'' | '’') {
            continue;
        }
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > MAX_SLUG {
        // Cut at a word boundary where there is one in the second half.
        let cut = slug[..MAX_SLUG]
            .rfind('-')
            .filter(|at| *at > MAX_SLUG / 2)
            .unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    let slug = slug.trim_matches('-').to_string();
    match (
        slug.is_empty(),
        fallback.is_empty(),
        title.trim().is_empty(),
    ) {
        (false, _, _) => slug,
        (true, true, _) => String::new(),
        (true, false, true) => fallback.to_string(),
        (true, false, false) => format!("{fallback}-{}", code(title.trim())),
    }
}

/// Six hex digits that stand for `text` (FNV-1a): the same text always gives the same code.
fn code(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:06x}", hash & 0xff_ffff)
}

/// Checks that `id` is a safe id; the error says what is wrong with it.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("an id cannot be empty".to_string());
    }
    if id.len() > MAX_ID {
        return Err(format!("an id is at most {MAX_ID} characters long"));
    }
    // A review's id names its period as ISO 8601 does: `2026-W48`, `2026-Q4`.
    if super::period::Span::parse_id(id).is_some() {
        return Ok(());
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "invalid id \"{}\": '{}' is not allowed; ids are lowercase letters, digits and dashes",
            id.escape_debug(),
            bad.escape_debug()
        ));
    }
    if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err(format!(
            "invalid id \"{id}\": dashes go between letters or digits"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            slugify("Rust's borrow checker!", "x"),
            "rusts-borrow-checker"
        );
        assert_eq!(slugify("  --CI  in 12 minutes-- ", "x"), "ci-in-12-minutes");
        assert_eq!(slugify("日本語", "entry"), "ri-ben-yu");
        assert_eq!(slugify("學習中文", "goal"), "xue-xi-zhong-wen");
        assert_eq!(slugify("Über das Lernen", "x"), "uber-das-lernen");
        assert_eq!(slugify("Ελληνικά", "x"), "ellenika");
        assert_eq!(slugify("", "entry"), "entry");
        assert_eq!(slugify("../../etc/passwd", "x"), "etc-passwd");
        let long = slugify(&"word ".repeat(40), "x");
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn titles_with_nothing_to_spell_get_a_code_of_their_own() {
        let one = slugify("!!!", "goal");
        let two = slugify("?!?", "goal");
        assert!(
            one.starts_with("goal-") && one.len() == "goal-".len() + 6,
            "{one}"
        );
        assert_ne!(one, two);
        assert_eq!(one, slugify("!!!", "goal"), "the same title, the same id");
        assert_eq!(check_id(&one), Ok(()));
    }

    #[test]
    fn every_slug_is_a_valid_id() {
        for title in [
            "a",
            "Hello, World",
            "---",
            "ÄÖÜ über",
            "🎯",
            "田中",
            "مرحبا",
            "x/y\\z..",
            "1. Done",
        ] {
            let slug = slugify(title, "entry");
            assert_eq!(check_id(&slug), Ok(()), "{title:?} → {slug:?}");
        }
    }

    #[test]
    fn unsafe_ids_are_refused() {
        for bad in [
            "",
            "../x",
            "a/b",
            "a\\b",
            "..",
            ".",
            "A",
            "a b",
            "-a",
            "a-",
            "a--b",
            "é",
            "2026-11-25.md",
            "a\0b",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(check_id(&"a".repeat(MAX_ID + 1)).is_err());
        assert_eq!(check_id("2026-11-25-borrowck"), Ok(()));
    }
}
