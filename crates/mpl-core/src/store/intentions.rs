//! Intentions and their follow-ups, read from the reflections and reviews of a span of
//! days (see [`crate::model::intention`]).

use super::scan::Query;
use super::{Journal, Problem};
use crate::model::Kind;
use crate::model::intention::{FollowUp, Tracked, follow_ups_of, intentions_of, track};
use chrono::NaiveDate;

impl Journal {
    /// The intentions made on or after `since` (every one when `None`), each with what came
    /// of it, oldest first; asked about `after_days` after they are made. Follow-ups are
    /// read from every reflection and review from `since` on.
    pub fn intentions(
        &self,
        since: Option<NaiveDate>,
        after_days: u32,
    ) -> (Vec<Tracked>, Vec<Problem>) {
        let listing = self.list(&Query {
            kinds: vec![Kind::Reflection, Kind::Review],
            since,
            ..Query::default()
        });
        let mut made = Vec::new();
        let mut follow_ups: Vec<FollowUp> = Vec::new();
        for found in listing.entries.iter().rev() {
            made.extend(intentions_of(&found.entry));
            follow_ups.extend(follow_ups_of(&found.entry));
        }
        (track(made, &follow_ups, after_days), listing.problems)
    }
}
