//! The kinds of entry a journal holds, where each lives, and who may see it by default.

use std::fmt;

/// A kind of Markdown entry. Challenge runs are TOML and not an `Entry` kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Reflection,
    Learned,
    Evidence,
    Goal,
    Feedback,
    Network,
    Toolkit,
    /// A periodic review (`mpl reflect --week`): `reviews/YYYY/2026-W48.md`.
    Review,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Reflection,
        Kind::Learned,
        Kind::Evidence,
        Kind::Goal,
        Kind::Feedback,
        Kind::Network,
        Kind::Toolkit,
        Kind::Review,
    ];

    /// The name used in front matter (`kind = "learned"`) and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Learned => "learned",
            Kind::Evidence => "evidence",
            Kind::Goal => "goal",
            Kind::Feedback => "feedback",
            Kind::Network => "network",
            Kind::Toolkit => "toolkit",
            Kind::Review => "review",
        }
    }

    /// The top-level folder of the journal this kind lives in.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Reflection => "reflections",
            Kind::Learned => "learned",
            Kind::Evidence => "evidence",
            Kind::Goal => "goals",
            Kind::Feedback => "feedback",
            Kind::Network => "network",
            Kind::Toolkit => "toolkit",
            Kind::Review => "reviews",
        }
    }

    /// Dated kinds live in `DIR/YYYY/YYYY-MM-DD[-slug].md` (a review in `DIR/YYYY/PERIOD.md`,
    /// see [`super::period`]); the others in `DIR/slug.md`.
    pub fn is_dated(self) -> bool {
        matches!(
            self,
            Kind::Reflection | Kind::Learned | Kind::Evidence | Kind::Feedback | Kind::Review
        )
    }

    /// What names an entry of this kind whose id must say nothing of it (a private entry in
    /// a journal that encrypts): `2026-11-30-feedback`, `contact-2`.
    pub(crate) fn neutral_name(self) -> &'static str {
        match self {
            Kind::Network => "contact",
            Kind::Toolkit => "tool",
            kind => kind.as_str(),
        }
    }

    /// Who may see a new entry of this kind unless told otherwise.
    pub fn default_visibility(self) -> Visibility {
        match self {
            Kind::Reflection | Kind::Feedback | Kind::Network | Kind::Review => Visibility::Private,
            Kind::Goal | Kind::Evidence | Kind::Learned | Kind::Toolkit => Visibility::Public,
        }
    }

    /// Parses a kind name; the folder name (`reflections`, `goals`) is accepted too.
    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.trim().to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name || kind.dir() == name)
    }

    /// The kind whose folder is `dir`.
    pub(crate) fn from_dir(dir: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.dir() == dir)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who an entry is for. `export` only takes `Public` unless told otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Private,
    Team,
    Public,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Team => "team",
            Visibility::Public => "public",
        }
    }

    pub fn parse(name: &str) -> Option<Visibility> {
        match name {
            "private" => Some(Visibility::Private),
            "team" => Some(Visibility::Team),
            "public" => Some(Visibility::Public),
            _ => None,
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_by_name_and_folder() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert_eq!(Kind::parse(kind.dir()), Some(kind));
            assert_eq!(Kind::from_dir(kind.dir()), Some(kind));
        }
        assert_eq!(Kind::parse("Reflections"), Some(Kind::Reflection));
        assert_eq!(Kind::parse("note"), None);
    }

    #[test]
    fn defaults_follow_the_privacy_rules() {
        assert_eq!(Kind::Reflection.default_visibility(), Visibility::Private);
        assert_eq!(Kind::Feedback.default_visibility(), Visibility::Private);
        assert_eq!(Kind::Network.default_visibility(), Visibility::Private);
        assert_eq!(Kind::Learned.default_visibility(), Visibility::Public);
        assert_eq!(Kind::Goal.default_visibility(), Visibility::Public);
    }
}
