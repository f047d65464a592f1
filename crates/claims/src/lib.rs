//! Attribution, the `claims` stage of newsnlp: who said what, how and when.
//!
//! [`attribute`] reads a document's `sentences` (required), `entities`
//! (optional: without them speakers are found by rules) and `dates`
//! (optional) and returns its [`Claim`]s. The rules cover news style:
//!
//! - reporting verbs from a lexicon with their inflections (`said`, `told`,
//!   `emphasised`, `alleged`, `maintained`, ...) in every order: `X said
//!   (that) ...`, `..., X said.`, `..., said X.`, `X, responding to ...,
//!   said ...`, coordinated (`claimed ... and alleged ...`) and participial
//!   (`with X saying ...`, `..., noting that ...`) cues;
//! - `according to X`, statements and documents as speakers (`a joint
//!   statement issued on October 31 announced ...`);
//! - direct quotes (straight or curly, over several sentences and
//!   paragraphs), partial quotes inside indirect speech (`mixed`) and quotes
//!   with no cue, which go to the nearest speaker;
//! - headline attribution (`...: FO`);
//! - negated or hedged cues (`did not say`, `neither confirmed nor denied`,
//!   `declined to comment`) give no claim;
//! - speakers: pronouns and surnames are resolved to the fullest name,
//!   acronyms to their expansion, titles and roles split off
//!   (`Defence Minister Khawaja Asif`);
//! - the date a claim was made (`said on November 7`) from the `dates` layer.
//!
//! [`eval`] scores the output against PolNeAR's source–cue–content
//! relations.
#![warn(missing_docs)]

mod assemble;
mod claim_date;
mod counted;
mod cue_class;
mod entities;
mod forenames;
mod lexicon;
mod lists;
mod names;
mod signed;
mod span_set;
mod speaker;
mod text;

pub mod eval;

pub use assemble::{attribute_with_roles, attribute_with_roles_counting, Role, RoleSpan};

mod context;
mod cues;
mod phrases;
mod rules;

use newsnlp_model::{Claim, Document};

pub(crate) use context::{sort_frames, Ctx, Frame};

/// Which claims are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// What a newsroom counts: a statement, writing, finding or position
    /// with a communication or stance cue and an actual source.
    #[default]
    Newsroom,
    /// Also what attribution corpora such as PolNeAR mark (acts and
    /// positions, questions, hypothetical and passive speech, claims with
    /// no speaker), with `cue_class` `other`.
    All,
}

/// The claims of `doc`, in text order, as a newsroom counts them. Needs
/// the `sentences` layer (without it there are no claims); uses `entities`
/// and `dates` when present.
pub fn attribute(doc: &Document) -> Vec<Claim> {
    attribute_counting(doc, Counting::Newsroom)
}

/// [`attribute`] with the given [`Counting`].
pub fn attribute_counting(doc: &Document, counting: Counting) -> Vec<Claim> {
    let ctx = Ctx::new(doc);
    ctx.run(counting)
}
