//! One file per export format; each is an [`Exporter`](crate::Exporter).

pub mod brat;
pub mod conll;
pub mod csv;
pub mod html;
pub mod label_studio;
