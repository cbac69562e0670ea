//! How long work tells the one who started it how far it got, without knowing whether a
//! terminal is there: the command line draws a bar from these calls, a test counts them.

/// Told how far a piece of long work got.
pub trait Progress {
    /// `done` of `total` units of the work called `what` ("receiving", "sending").
    fn update(&self, what: &str, done: u64, total: u64);

    /// The work ended (well or not): whatever shows it goes away.
    fn finish(&self);
}
