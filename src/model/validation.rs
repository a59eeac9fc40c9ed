//! Validation: every number against its range in the lever registry, plus the rules that tie
//! numbers together, all checked at once.
//!
//! Each problem is data: the field's path (`revenue_center.monthly_churn`), which the app uses
//! to show it next to that field, and what is wrong, with the limits and the value. The page
//! words it with numbers formatted for the manager's locale; [`Problem::sentence`] holds the
//! wording, and `Display` uses it with plain numbers.

use std::fmt;

use thiserror::Error;

use crate::number_text::{fixed, plain, trimmed};

use super::levers::{
    scenario_levers, segment_path, strategy_levers, ChannelCost, Kind, Range, Setting, Side,
    CHANNEL_COSTS, MAX_HORIZON_MONTHS, SEGMENT_LEVERS,
};
use super::scenario::{Scenario, MAX_NAME_CHARS, SCENARIO_VERSION};
use super::segments::{self, MOST_SEGMENTS};

/// The path of problems with the list of segments as a whole.
const SEGMENTS: &str = "segmentation.segments";
/// The path of problems with what the segments leave the other customers.
pub const OTHERS: &str = "segmentation.others";

/// Tolerance on the channel mix summing to 1.
pub const MIX_TOLERANCE: f64 = 1e-6;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A number outside its valid range, or not a number at all.
    OutOfRange {
        /// The field's name, with the strategy's for a strategy lever.
        name: String,
        /// How its numbers are shown.
        kind: Kind,
        /// Its valid values.
        range: Range,
        /// What it is.
        value: f64,
    },
    /// The channel shares do not add up to 100%.
    MixNotWhole {
        /// What they add up to.
        total: f64,
    },
    /// The ramp is longer than the horizon.
    RampPastHorizon {
        /// The horizon, in months.
        horizon: u32,
        /// The ramp, in months.
        ramp: u32,
    },
    /// Not a three-letter currency code.
    Currency(String),
    /// A scenario version this planner does not read.
    Version(u32),
    /// A name longer than the planner keeps.
    NameTooLong {
        /// How many characters it has.
        chars: usize,
    },
    /// A segment's name empty, or longer than the planner keeps.
    SegmentName {
        /// How many characters it has.
        chars: usize,
    },
    /// More segments than the planner splits a base into.
    TooManySegments {
        /// How many there are.
        count: usize,
    },
    /// The segments have all the customers, and leave none in no segment.
    SegmentsTakeAll {
        /// Their share of the customers, added up.
        total: f64,
    },
    /// The segments take more of something than the whole base has, or leave the other
    /// customers an impossible figure.
    OthersLeft {
        /// What it is, in a sentence: "revenue per customer".
        what: &'static str,
        /// How its numbers are shown.
        kind: Kind,
        /// What the other customers would have.
        value: f64,
    },
    /// A range no Monte Carlo run can draw from.
    BadRange {
        /// The lever's name, with the strategy's for a strategy lever.
        name: String,
        /// What is wrong with it.
        fault: RangeFault,
    },
}

/// What makes a lever's range unusable, beyond its ends being out of the lever's valid range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeFault {
    /// The low is above the high.
    Reversed,
    /// The lever has a range already.
    Repeated,
    /// The lever is the horizon: what the figures are measured over, not an assumption.
    NotAnAssumption,
}

/// One field's problem.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIssue {
    /// Dotted path of the field, as in the scenario's JSON: `baseline.channel_mix`.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// Every problem found in a scenario; never empty.
#[derive(Debug, Clone, PartialEq, Error)]
pub struct ValidationErrors(pub Vec<FieldIssue>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sentences: Vec<String> = self
            .0
            .iter()
            .map(|issue| issue.problem.sentence(&plain_number))
            .collect();
        write!(f, "{}", sentences.join(" "))
    }
}

impl ValidationErrors {
    /// The problem of the field at `path`, if it has one.
    pub fn problem_at(&self, path: &str) -> Option<&Problem> {
        self.0
            .iter()
            .find(|issue| issue.path == path)
            .map(|issue| &issue.problem)
    }

    /// The sentence for the field at `path`, with plain numbers, if it has a problem.
    pub fn message_for(&self, path: &str) -> Option<String> {
        self.problem_at(path)
            .map(|problem| problem.sentence(&plain_number))
    }
}

/// `value` as a sentence shows it when no locale is known: a percentage for a share, else
/// with thousands grouped by commas.
///
/// # Examples
///
/// ```
/// use frontline::model::levers::Kind;
/// use frontline::model::validation::plain_number;
/// assert_eq!(plain_number(Kind::Percent, 0.016), "1.6%");
/// assert_eq!(plain_number(Kind::Number, 2e8), "200,000,000");
/// ```
pub fn plain_number(kind: Kind, value: f64) -> String {
    if kind == Kind::Percent {
        return format!("{}%", trimmed(fixed(value * 100.0, 2)));
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        // Group thousands so 100000000 reads as 100,000,000.
        let digits = format!("{}", value.abs() as u64);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{}{grouped}", if value < 0.0 { "-" } else { "" })
    } else {
        plain(value)
    }
}

impl Problem {
    /// The problem in a sentence that names the field and says what is wrong and what is
    /// allowed, with numbers written by `number`.
    pub fn sentence(&self, number: &dyn Fn(Kind, f64) -> String) -> String {
        match self {
            Problem::OutOfRange { name, value, .. } if !value.is_finite() => {
                format!("{name} must be a number.")
            }
            Problem::OutOfRange {
                name,
                kind,
                range,
                value,
            } => {
                let (min, max) = (number(*kind, range.min), number(*kind, range.max));
                let allowed = match (range.above_min, range.below_max) {
                    (false, false) => format!("between {min} and {max}"),
                    (true, false) => format!("above {min}, up to {max}"),
                    (false, true) => format!("from {min}, below {max}"),
                    (true, true) => format!("above {min} and below {max}"),
                };
                format!("{name} must be {allowed}; it is {}.", number(*kind, *value))
            }
            Problem::MixNotWhole { total } => format!(
                "Channel mix adds up to {}; it must be 100%.",
                number(Kind::Percent, *total)
            ),
            Problem::RampPastHorizon { horizon, ramp } => format!(
                "The ramp must fit in the {horizon}-month horizon: at most {horizon} months; it is {ramp}."
            ),
            Problem::Currency(code) => format!(
                "Currency must be a three-letter ISO code such as USD or EUR; it is \"{code}\"."
            ),
            Problem::Version(version) => {
                format!("Scenario version {version} is not one this planner reads.")
            }
            Problem::NameTooLong { chars } => format!(
                "The scenario's name has {chars} characters; it can have up to {MAX_NAME_CHARS}."
            ),
            Problem::SegmentName { chars: 0 } => "A segment needs a name.".into(),
            Problem::SegmentName { chars } => format!(
                "A segment's name has {chars} characters; it can have up to {MAX_NAME_CHARS}."
            ),
            Problem::TooManySegments { count } => format!(
                "A plan can have up to {MOST_SEGMENTS} segments besides the other customers; it has {count}."
            ),
            Problem::SegmentsTakeAll { total } => format!(
                "The segments have {} of the customers; they must leave some to the other customers.",
                number(Kind::Percent, *total)
            ),
            Problem::OthersLeft { what, kind, value } => format!(
                "With these segments the other customers' {what} would be {}: the segments take more than the whole base has.",
                number(*kind, *value)
            ),
            Problem::BadRange { name, fault } => match fault {
                RangeFault::Reversed => format!("{name}: the low must not be above the high."),
                RangeFault::Repeated => format!("{name} has two ranges; it can have one."),
                RangeFault::NotAnAssumption => {
                    format!("{name} sets how far the plan looks; it cannot have a range.")
                }
            },
        }
    }
}

/// Collects problems; a valid scenario is checked without allocating.
struct Checker {
    issues: Vec<FieldIssue>,
}

impl Checker {
    fn push(&mut self, path: String, problem: Problem) {
        self.issues.push(FieldIssue { path, problem });
    }

    /// Checks `value` against `range`; the path and name are only built for a problem.
    fn number(
        &mut self,
        path: impl FnOnce() -> String,
        name: impl FnOnce() -> String,
        kind: Kind,
        range: Range,
        value: f64,
    ) {
        if let Some(problem) = Problem::out_of_range(name, kind, range, value) {
            self.push(path(), problem);
        }
    }
}

impl Problem {
    /// The problem of `value`, a number of `kind` named by `name`, when `range` does not allow
    /// it; the name is only built then.
    pub(crate) fn out_of_range(
        name: impl FnOnce() -> String,
        kind: Kind,
        range: Range,
        value: f64,
    ) -> Option<Problem> {
        (!range.allows(value)).then(|| Problem::OutOfRange {
            name: name(),
            kind,
            range,
            value,
        })
    }
}

impl Scenario {
    /// Checks every number against its range in the lever registry, and the rules that tie
    /// numbers together, and reports every problem at once.
    ///
    /// # Errors
    ///
    /// [`ValidationErrors`] listing each field out of range, with its path and what is wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::Scenario;
    /// let mut scenario = Scenario::default();
    /// assert!(scenario.validate().is_ok());
    /// scenario.baseline.channel_mix.phone = 0.50;
    /// let errors = scenario.validate().unwrap_err();
    /// assert_eq!(
    ///     errors.message_for("baseline.channel_mix").as_deref(),
    ///     Some("Channel mix adds up to 95%; it must be 100%.")
    /// );
    /// ```
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut checker = Checker { issues: Vec::new() };
        if self.version != SCENARIO_VERSION {
            checker.push("version".into(), Problem::Version(self.version));
        }
        let chars = self.name.chars().count();
        if chars > MAX_NAME_CHARS {
            checker.push("name".into(), Problem::NameTooLong { chars });
        }
        for lever in scenario_levers() {
            let value = (lever.get)(self);
            let name = || lever.name.to_owned();
            checker.number(|| lever.path.into(), name, lever.kind, lever.range, value);
        }
        let total = self.baseline.channel_mix.total();
        if total.is_finite() && (total - 1.0).abs() > MIX_TOLERANCE {
            checker.push(
                "baseline.channel_mix".into(),
                Problem::MixNotWhole { total },
            );
        }
        let currency = &self.baseline.currency;
        if !(currency.len() == 3 && currency.bytes().all(|c| c.is_ascii_uppercase())) {
            checker.push(
                "baseline.currency".into(),
                Problem::Currency(currency.clone()),
            );
        }
        for side in Side::BOTH {
            let strategy = side.of(self);
            for lever in strategy_levers() {
                let value = (lever.get)(strategy);
                let path = || side.path(lever.path);
                checker.number(
                    path,
                    || side.named(lever.name),
                    lever.kind,
                    lever.range,
                    value,
                );
            }
            for cost in CHANNEL_COSTS {
                if let Some(value) = cost.get(&strategy.cost_per_contact) {
                    let path = || side.path(&format!("cost_per_contact.{}", cost.channel));
                    checker.number(
                        path,
                        || side.named(cost.name),
                        Kind::Number,
                        ChannelCost::RANGE,
                        value,
                    );
                }
            }
        }
        self.check_segments(&mut checker);
        self.check_uncertainty(&mut checker);
        // A ramp past the horizon would never let the revenue center reach full effect within
        // the plan: most likely a slip of the keyboard, so it is said rather than projected.
        // Against a horizon or ramp itself out of range, its own message is enough.
        let (horizon, ramp) = (self.baseline.horizon_months, self.transition.ramp_months);
        if (1..=MAX_HORIZON_MONTHS).contains(&horizon)
            && ramp <= MAX_HORIZON_MONTHS
            && ramp > horizon
        {
            checker.push(
                "transition.ramp_months".into(),
                Problem::RampPastHorizon { horizon, ramp },
            );
        }
        if checker.issues.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(checker.issues))
        }
    }
}

impl Scenario {
    /// Checks each segment's name and numbers, and what the segments leave the other
    /// customers: some of the customers, and none of the base's totals below nothing.
    fn check_segments(&self, checker: &mut Checker) {
        let segments = &self.segmentation.segments;
        if segments.len() > MOST_SEGMENTS {
            let count = segments.len();
            checker.push(SEGMENTS.into(), Problem::TooManySegments { count });
        }
        let before = checker.issues.len();
        for (i, segment) in segments.iter().enumerate() {
            let chars = segment.name.trim().chars().count();
            if chars == 0 || chars > MAX_NAME_CHARS {
                checker.push(segment_path(i, "name"), Problem::SegmentName { chars });
            }
            for lever in &SEGMENT_LEVERS {
                checker.number(
                    || segment_path(i, lever.path),
                    || format!("{} ({})", lever.name, segment.name.trim()),
                    lever.kind,
                    lever.range,
                    (lever.get)(segment),
                );
            }
            let total = segment.channel_mix.total();
            if total.is_finite() && (total - 1.0).abs() > MIX_TOLERANCE {
                let path = segment_path(i, "channel_mix");
                checker.push(path, Problem::MixNotWhole { total });
            }
        }
        // What is left is only worked out from segments that are themselves valid.
        if checker.issues.len() > before || segments.is_empty() {
            return;
        }
        let total: f64 = segments.iter().map(|s| s.share_of_customers).sum();
        if total >= 1.0 {
            checker.push(OTHERS.into(), Problem::SegmentsTakeAll { total });
            return;
        }
        let others = segments::others(self);
        let mix = others.channel_mix;
        let new_customers =
            segments::remainder(1.0, segments.iter().map(|s| s.share_of_new_customers));
        let left = [
            ("share of the new customers", Kind::Percent, new_customers),
            (
                "revenue per customer",
                Kind::Number,
                others.revenue_per_customer_per_month,
            ),
            ("gross margin", Kind::Percent, others.gross_margin),
            (
                "first contacts per customer",
                Kind::Number,
                others.contacts_per_customer,
            ),
            ("phone share", Kind::Percent, mix.phone),
            ("chat share", Kind::Percent, mix.chat),
            ("email share", Kind::Percent, mix.email),
            ("self-service share", Kind::Percent, mix.self_service),
            (
                "churn under the cost center",
                Kind::Percent,
                others.churn.cost_center,
            ),
            (
                "churn under the revenue center",
                Kind::Percent,
                others.churn.revenue_center,
            ),
            (
                "referrals under the cost center",
                Kind::Percent,
                others.referral.cost_center,
            ),
            (
                "referrals under the revenue center",
                Kind::Percent,
                others.referral.revenue_center,
            ),
        ];
        for (what, kind, value) in left {
            let allowed = value >= 0.0 && (kind != Kind::Percent || value <= 1.0);
            if !allowed {
                checker.push(OTHERS.into(), Problem::OthersLeft { what, kind, value });
            }
        }
    }

    /// Checks each range: its ends within the lever's valid range, its low not above its high,
    /// one range per lever, and none on the horizon. Whether a range holds the plan's value is
    /// the Monte Carlo run's to say: a range must not stop the plan itself from projecting.
    fn check_uncertainty(&self, checker: &mut Checker) {
        let ranges = &self.uncertainty.ranges;
        for (i, uncertain) in ranges.iter().enumerate() {
            let setting = uncertain.setting;
            let path = || format!("uncertainty.{}", setting.path());
            for (end, value) in [("low", uncertain.low), ("high", uncertain.high)] {
                checker.number(
                    || format!("{}.{end}", path()),
                    || format!("The {end} of {}", setting.name()),
                    setting.kind(),
                    setting.range(),
                    value,
                );
            }
            let fault = if !Setting::assumptions().any(|a| a == setting) {
                Some(RangeFault::NotAnAssumption)
            } else if ranges[..i].iter().any(|other| other.setting == setting) {
                Some(RangeFault::Repeated)
            } else if uncertain.low > uncertain.high {
                Some(RangeFault::Reversed)
            } else {
                None
            };
            if let Some(fault) = fault {
                let name = setting.name();
                checker.push(path(), Problem::BadRange { name, fault });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_valid() {
        assert_eq!(Scenario::default().validate(), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut s = Scenario::default();
        s.baseline.gross_margin = 1.2;
        s.revenue_center.monthly_churn = -0.01;
        s.cost_center.handle_time_seconds.chat = f64::NAN;
        s.baseline.horizon_months = 0;
        s.baseline.currency = "dollars".into();
        let errors = s.validate().unwrap_err();
        let paths: Vec<&str> = errors.0.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "baseline.gross_margin",
                "baseline.horizon_months",
                "baseline.currency",
                "cost_center.handle_time_seconds.chat",
                "revenue_center.monthly_churn",
            ]
        );
        assert_eq!(
            errors.message_for("baseline.gross_margin").as_deref(),
            Some("Gross margin on that revenue must be between 0% and 100%; it is 120%.")
        );
        assert_eq!(
            errors
                .message_for("revenue_center.monthly_churn")
                .as_deref(),
            Some("Customers lost (revenue center) must be between 0% and 100%; it is -1%.")
        );
        assert_eq!(
            errors
                .message_for("cost_center.handle_time_seconds.chat")
                .as_deref(),
            Some("Chat handle time (cost center) must be a number.")
        );
    }

    #[test]
    fn the_ramp_must_fit_in_the_horizon() {
        let mut s = Scenario::default();
        s.transition.ramp_months = 36;
        assert!(s.validate().is_ok());
        s.transition.ramp_months = 100;
        assert_eq!(
            s.validate()
                .unwrap_err()
                .message_for("transition.ramp_months")
                .as_deref(),
            Some("The ramp must fit in the 36-month horizon: at most 36 months; it is 100.")
        );
    }

    #[test]
    fn channel_mix_must_sum_to_one_within_tolerance() {
        let mut s = Scenario::default();
        s.baseline.channel_mix.email += 0.5 * MIX_TOLERANCE;
        assert!(s.validate().is_ok());
        s.baseline.channel_mix.email += 2.0 * MIX_TOLERANCE;
        assert!(s
            .validate()
            .unwrap_err()
            .message_for("baseline.channel_mix")
            .is_some());
    }

    #[test]
    fn service_level_and_occupancy_bounds() {
        let mut s = Scenario::default();
        s.cost_center.service_level_goal = 1.0;
        s.cost_center.max_occupancy = 1.0;
        s.revenue_center.max_occupancy = 0.0;
        let errors = s.validate().unwrap_err();
        assert!(errors
            .message_for("cost_center.service_level_goal")
            .is_some());
        assert!(errors.message_for("cost_center.max_occupancy").is_none());
        assert_eq!(
            errors
                .message_for("revenue_center.max_occupancy")
                .as_deref(),
            Some("Maximum occupancy (revenue center) must be above 0%, up to 100%; it is 0%.")
        );
    }

    #[test]
    fn capped_shares_read_as_percentages() {
        let mut s = Scenario::default();
        s.cost_center.shrinkage = 1.2;
        assert_eq!(
            s.validate()
                .unwrap_err()
                .message_for("cost_center.shrinkage")
                .as_deref(),
            Some("Shrinkage (cost center) must be between 0% and 95%; it is 120%.")
        );
    }

    #[test]
    fn large_numbers_read_with_thousands_separators() {
        let mut s = Scenario::default();
        s.baseline.first_contacts_per_month = 2e8;
        assert_eq!(
            s.validate()
                .unwrap_err()
                .message_for("baseline.first_contacts_per_month")
                .as_deref(),
            Some("First contacts must be between 0 and 100,000,000; it is 200,000,000.")
        );
    }

    #[test]
    fn simple_mode_costs_are_checked_only_when_entered() {
        let mut s = Scenario::default();
        s.cost_center.cost_per_contact.phone = Some(-2.0);
        assert!(s
            .validate()
            .unwrap_err()
            .message_for("cost_center.cost_per_contact.phone")
            .is_some());
    }

    #[test]
    fn ranges_are_checked_but_need_not_hold_the_plans_value() {
        use crate::model::scenario::{Shape, Uncertain};
        let churn = Setting::find("revenue_center.monthly_churn").unwrap();
        let range = |setting, low, high| Uncertain {
            setting,
            low,
            high,
            shape: Shape::Pert,
        };
        let mut s = Scenario::default();
        // The plan's 1.2% is outside: the Monte Carlo run says so, the plan still projects.
        s.uncertainty.ranges = vec![range(churn, 0.02, 0.03)];
        assert_eq!(s.validate(), Ok(()));
        let horizon = Setting::find("baseline.horizon_months").unwrap();
        s.uncertainty.ranges = vec![
            range(churn, 0.03, 0.02),
            range(churn, 0.01, 0.02),
            range(horizon, 12.0, 24.0),
            range(Setting::find("baseline.gross_margin").unwrap(), 0.5, 1.5),
        ];
        let errors = s.validate().unwrap_err();
        let said = |path: &str| errors.message_for(path).unwrap_or_default();
        assert_eq!(
            said("uncertainty.revenue_center.monthly_churn"),
            "Customers lost (revenue center): the low must not be above the high."
        );
        assert_eq!(errors.0.len(), 4, "{errors}");
        assert!(
            errors.0[1].problem
                == Problem::BadRange {
                    name: churn.name(),
                    fault: RangeFault::Repeated
                }
        );
        assert!(said("uncertainty.baseline.horizon_months").contains("cannot have a range"));
        assert_eq!(
            said("uncertainty.baseline.gross_margin.high"),
            "The high of Gross margin on that revenue must be between 0% and 100%; it is 150%."
        );
    }
}
