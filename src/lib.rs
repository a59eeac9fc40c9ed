//! Frontline: plan customer service as a cost center or as a revenue center, month by month.
//!
//! [`model`] is the pure planning core; the browser app is built on top of it.

pub mod charts;
pub mod export;
pub mod json;
pub mod model;
pub mod number_text;
pub mod share;
pub mod storage;
pub mod ui;
pub mod what_if;
