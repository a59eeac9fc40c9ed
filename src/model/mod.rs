//! The planning core: pure Rust, no browser APIs, tested natively.
//!
//! A [`Scenario`] (a shared baseline and the levers of two treatments) is validated and
//! [`project`]ed month by month under each of its strategies: the cost center, the reference,
//! and those that move customers to the revenue center's treatment, each compared with the
//! reference. The app only wires these types to signals.

pub mod comparison;
pub mod erlang;
pub mod erlang_a;
pub mod finance;
pub mod goal_seek;
pub mod levers;
pub mod monte_carlo;
pub mod projection;
pub mod queue_calculator;
pub mod scenario;
mod scenario_json;
pub mod segments;
pub mod sensitivity;
pub mod side_by_side;
pub mod staffing;
pub mod validation;
pub mod verdict;

pub use comparison::{Comparison, Source, Sources, StrategySummary};
pub use projection::{
    project, Month, Projection, ProjectionError, StrategyKind, StrategyPlan, StrategyRun,
};
pub use scenario::{Baseline, ChannelMix, LiveChannels, LoadError, Scenario, Strategy, Transition};
pub use validation::{FieldIssue, ValidationErrors};
