//! The progress bar of a transfer: the core reports how far `git` got, this draws it on
//! standard error, when drawing is allowed (a terminal, no `-q`).

use indicatif::{ProgressBar, ProgressStyle};
use mpl_core::progress::Progress;
use std::cell::RefCell;

/// Draws a bar from the first report on, and clears it when the work ends.
pub(crate) struct TransferBar {
    enabled: bool,
    bar: RefCell<Option<ProgressBar>>,
}

impl TransferBar {
    pub(crate) fn new(enabled: bool) -> TransferBar {
        TransferBar {
            enabled,
            bar: RefCell::new(None),
        }
    }
}

impl Progress for TransferBar {
    fn update(&self, what: &str, done: u64, total: u64) {
        if !self.enabled {
            return;
        }
        let mut bar = self.bar.borrow_mut();
        let bar = bar.get_or_insert_with(|| {
            let bar = ProgressBar::new(total);
            if let Ok(style) =
                ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} objects ({elapsed})")
            {
                bar.set_style(style);
            }
            bar
        });
        bar.set_message(what.to_string());
        bar.set_length(total);
        bar.set_position(done);
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

/// An indicatif bar the command made (see `Ctx::progress`), driven by the core's counts.
pub(crate) struct CountBar(pub(crate) ProgressBar);

impl Progress for CountBar {
    fn update(&self, _: &str, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
