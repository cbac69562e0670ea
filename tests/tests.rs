//! Integration tests: the real `mpl` binary against temporary journals.

mod common;

mod basics;
mod challenges;
mod cpd;
mod doctor;
mod edit;
mod encryption;
mod evidence;
mod export;
mod feedback;
mod goals;
mod hostile;
mod insight;
mod intentions;
mod kill;
mod learn;
mod log;
mod network;
mod profile;
mod prompts;
mod recall;
mod reflect;
mod safety;
mod sync;
mod templates;
mod transactions;
