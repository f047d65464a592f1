//! Scoring claims: against PolNeAR's brat attribution relations
//! ([`polnear`], re-exported here) and against hand-labelled real web pages
//! ([`web`]).

mod polnear;
pub mod web;

pub use polnear::*;
