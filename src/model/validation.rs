//! Validation: every field's range, checked all at once, in words a manager understands.
//!
//! Each problem carries the field's path (`revenue_center.monthly_churn`), which the app uses
//! to show the message next to that field, and a sentence that names the field and says what
//! is wrong and what is allowed.

use std::fmt;

use thiserror::Error;

use super::scenario::{Baseline, LiveChannels, Scenario, Strategy, Transition};

/// Tolerance on the channel mix summing to 1.
pub const MIX_TOLERANCE: f64 = 1e-6;
/// Longest horizon, in months.
pub const MAX_HORIZON_MONTHS: u32 = 120;
/// Hours in the longest month: the most a center can be open, or an agent paid.
pub const HOURS_IN_MONTH: f64 = 744.0;

/// One field's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// Dotted path of the field, as in the scenario's JSON: `baseline.channel_mix`.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
}

/// Every problem found in a scenario; never empty.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ValidationErrors(pub Vec<FieldIssue>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|i| i.message.as_str()).collect();
        write!(f, "{}", messages.join(" "))
    }
}

impl ValidationErrors {
    /// The message for the field at `path`, if it has a problem.
    pub fn message_for(&self, path: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|issue| issue.path == path)
            .map(|issue| issue.message.as_str())
    }
}

/// The allowed range of a number.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// A share from 0% to 100%.
    Share,
    /// A share strictly between 0% and 100%.
    ShareExclusive,
    /// A share above 0%, up to 100%.
    ShareAboveZero,
    /// A share from 0% up to `max`.
    ShareUpTo { max: f64 },
    /// From `min` to `max`, both included, shown as plain numbers.
    Between { min: f64, max: f64 },
    /// Above zero, up to `max`.
    PositiveUpTo { max: f64 },
}

fn percent(fraction: f64) -> String {
    let text = format!("{:.2}", fraction * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

fn plain(value: f64) -> String {
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
        format!("{value}")
    }
}

impl Rule {
    /// Whether `value` is a number within the rule.
    fn allows(self, value: f64) -> bool {
        value.is_finite()
            && match self {
                Rule::Share => (0.0..=1.0).contains(&value),
                Rule::ShareExclusive => value > 0.0 && value < 1.0,
                Rule::ShareAboveZero => value > 0.0 && value <= 1.0,
                Rule::ShareUpTo { max } => (0.0..=max).contains(&value),
                Rule::Between { min, max } => (min..=max).contains(&value),
                Rule::PositiveUpTo { max } => value > 0.0 && value <= max,
            }
    }
}

struct Checker {
    issues: Vec<FieldIssue>,
}

impl Checker {
    fn push(&mut self, path: String, message: String) {
        self.issues.push(FieldIssue { path, message });
    }

    /// Checks `value` against `rule`; the path and label are only built for a problem, so a
    /// valid scenario is checked without allocating.
    fn number(
        &mut self,
        path: impl FnOnce() -> String,
        label: impl FnOnce() -> String,
        value: f64,
        rule: Rule,
    ) {
        // Only this test is repeated for each field; the wording is shared.
        if !rule.allows(value) {
            self.out_of_range(path(), &label(), value, rule);
        }
    }

    fn out_of_range(&mut self, path: String, label: &str, value: f64, rule: Rule) {
        if !value.is_finite() {
            self.push(path, format!("{label} must be a number."));
            return;
        }
        let (allowed, shown) = match rule {
            Rule::Share => ("between 0% and 100%".to_owned(), percent(value)),
            Rule::ShareExclusive => ("above 0% and below 100%".to_owned(), percent(value)),
            Rule::ShareAboveZero => ("above 0%, up to 100%".to_owned(), percent(value)),
            Rule::ShareUpTo { max } => (format!("between 0% and {}", percent(max)), percent(value)),
            Rule::Between { min, max } => (
                format!("between {} and {}", plain(min), plain(max)),
                plain(value),
            ),
            Rule::PositiveUpTo { max } => (format!("above 0, up to {}", plain(max)), plain(value)),
        };
        self.push(path, format!("{label} must be {allowed}; it is {shown}."));
    }

    fn baseline(&mut self, b: &Baseline) {
        let path = |field: &str| format!("baseline.{field}");
        self.number(
            || path("customers_at_start"),
            || "Customers at start".to_owned(),
            b.customers_at_start,
            Rule::Between { min: 1.0, max: 1e9 },
        );
        self.number(
            || path("new_customers_per_month"),
            || "New customers per month".to_owned(),
            b.new_customers_per_month,
            Rule::Between { min: 0.0, max: 1e8 },
        );
        self.number(
            || path("revenue_per_customer_per_month"),
            || "Revenue per customer per month".to_owned(),
            b.revenue_per_customer_per_month,
            Rule::Between { min: 0.0, max: 1e6 },
        );
        self.number(
            || path("gross_margin"),
            || "Gross margin".to_owned(),
            b.gross_margin,
            Rule::Share,
        );
        self.number(
            || path("first_contacts_per_month"),
            || "First contacts per month".to_owned(),
            b.first_contacts_per_month,
            Rule::Between { min: 0.0, max: 1e8 },
        );
        let mix = &b.channel_mix;
        for (field, label, share) in [
            ("phone", "Phone share", mix.phone),
            ("chat", "Chat share", mix.chat),
            ("email", "Email share", mix.email),
            ("self_service", "Self-service share", mix.self_service),
        ] {
            self.number(
                || path(&format!("channel_mix.{field}")),
                || label.to_owned(),
                share,
                Rule::Share,
            );
        }
        let total = mix.total();
        if total.is_finite() && (total - 1.0).abs() > MIX_TOLERANCE {
            self.push(
                path("channel_mix"),
                format!(
                    "Channel mix adds up to {}; it must be 100%.",
                    percent(total)
                ),
            );
        }
        self.number(
            || path("open_hours_per_month"),
            || "Open hours per month".to_owned(),
            b.open_hours_per_month,
            Rule::PositiveUpTo {
                max: HOURS_IN_MONTH,
            },
        );
        self.number(
            || path("paid_hours_per_agent_per_month"),
            || "Paid hours per agent per month".to_owned(),
            b.paid_hours_per_agent_per_month,
            Rule::PositiveUpTo {
                max: HOURS_IN_MONTH,
            },
        );
        if !(1..=MAX_HORIZON_MONTHS).contains(&b.horizon_months) {
            self.push(
                path("horizon_months"),
                format!(
                    "Horizon must be between 1 and {MAX_HORIZON_MONTHS} months; it is {}.",
                    b.horizon_months
                ),
            );
        }
        self.number(
            || path("yearly_discount_rate"),
            || "Yearly discount rate".to_owned(),
            b.yearly_discount_rate,
            Rule::Share,
        );
        let currency_ok =
            b.currency.len() == 3 && b.currency.bytes().all(|c| c.is_ascii_uppercase());
        if !currency_ok {
            self.push(
                path("currency"),
                format!(
                    "Currency must be a three-letter ISO code such as USD or EUR; it is \"{}\".",
                    b.currency
                ),
            );
        }
    }

    fn strategy(&mut self, prefix: &str, name: &str, s: &Strategy) {
        let path = |field: &str| format!("{prefix}.{field}");
        let label = |text: &str| format!("{text} ({name})");
        let money = Rule::Between { min: 0.0, max: 1e9 };
        self.number(
            || path("agent_cost_per_hour"),
            || label("Agent cost per hour"),
            s.agent_cost_per_hour,
            Rule::Between {
                min: 0.0,
                max: 10_000.0,
            },
        );
        self.number(
            || path("training_per_agent_per_month"),
            || label("Training per agent per month"),
            s.training_per_agent_per_month,
            money,
        );
        self.number(
            || path("fixed_cost_per_month"),
            || label("Fixed cost per month"),
            s.fixed_cost_per_month,
            money,
        );
        let channels = LiveChannels {
            phone: "Phone",
            chat: "Chat",
            email: "Email",
        };
        for (field, channel, seconds) in [
            ("phone", channels.phone, s.handle_time_seconds.phone),
            ("chat", channels.chat, s.handle_time_seconds.chat),
            ("email", channels.email, s.handle_time_seconds.email),
        ] {
            self.number(
                || path(&format!("handle_time_seconds.{field}")),
                || label(&format!("{channel} handle time in seconds")),
                seconds,
                Rule::PositiveUpTo { max: 14_400.0 },
            );
        }
        self.number(
            || path("chat_concurrency"),
            || label("Chats per agent at once"),
            s.chat_concurrency,
            Rule::Between {
                min: 1.0,
                max: 10.0,
            },
        );
        self.number(
            || path("service_level_goal"),
            || label("Service level goal"),
            s.service_level_goal,
            Rule::ShareExclusive,
        );
        self.number(
            || path("service_level_seconds"),
            || label("Service level target in seconds"),
            s.service_level_seconds,
            Rule::Between {
                min: 0.0,
                max: 86_400.0,
            },
        );
        self.number(
            || path("max_occupancy"),
            || label("Maximum occupancy"),
            s.max_occupancy,
            Rule::ShareAboveZero,
        );
        self.number(
            || path("shrinkage"),
            || label("Shrinkage"),
            s.shrinkage,
            Rule::ShareUpTo { max: 0.95 },
        );
        self.number(
            || path("first_contact_resolution"),
            || label("First-contact resolution"),
            s.first_contact_resolution,
            Rule::Share,
        );
        self.number(
            || path("deflection"),
            || label("Deflection to self-service"),
            s.deflection,
            Rule::Share,
        );
        self.number(
            || path("self_service_resolution"),
            || label("Self-service resolution"),
            s.self_service_resolution,
            Rule::Share,
        );
        self.number(
            || path("self_service_cost_per_contact"),
            || label("Cost per self-service contact"),
            s.self_service_cost_per_contact,
            Rule::Between {
                min: 0.0,
                max: 10_000.0,
            },
        );
        self.number(
            || path("monthly_churn"),
            || label("Monthly churn"),
            s.monthly_churn,
            Rule::Share,
        );
        self.number(
            || path("offer_rate"),
            || label("Offer rate"),
            s.offer_rate,
            Rule::Share,
        );
        self.number(
            || path("offer_talk_seconds"),
            || label("Extra talk time per offer in seconds"),
            s.offer_talk_seconds,
            Rule::Between {
                min: 0.0,
                max: 3_600.0,
            },
        );
        self.number(
            || path("offer_conversion"),
            || label("Offer conversion"),
            s.offer_conversion,
            Rule::Share,
        );
        self.number(
            || path("order_value"),
            || label("Average order value"),
            s.order_value,
            Rule::Between { min: 0.0, max: 1e7 },
        );
        self.number(
            || path("order_margin"),
            || label("Margin on orders"),
            s.order_margin,
            Rule::Share,
        );
        self.number(
            || path("referral_rate"),
            || label("Referrals per customer per month"),
            s.referral_rate,
            Rule::Share,
        );
        self.number(
            || path("premium_uptake"),
            || label("Premium support uptake"),
            s.premium_uptake,
            Rule::Share,
        );
        self.number(
            || path("premium_price_per_month"),
            || label("Premium support price per month"),
            s.premium_price_per_month,
            Rule::Between { min: 0.0, max: 1e6 },
        );
        self.number(
            || path("premium_margin"),
            || label("Margin on premium support"),
            s.premium_margin,
            Rule::Share,
        );
        for (field, channel, cost) in [
            ("phone", channels.phone, s.cost_per_contact.phone),
            ("chat", channels.chat, s.cost_per_contact.chat),
            ("email", channels.email, s.cost_per_contact.email),
        ] {
            if let Some(cost) = cost {
                self.number(
                    || path(&format!("cost_per_contact.{field}")),
                    || label(&format!("{channel} cost per contact")),
                    cost,
                    Rule::Between {
                        min: 0.0,
                        max: 10_000.0,
                    },
                );
            }
        }
    }

    fn transition(&mut self, t: &Transition, horizon_months: u32) {
        self.number(
            || "transition.one_off_investment".into(),
            || "One-off investment".to_owned(),
            t.one_off_investment,
            Rule::Between {
                min: 0.0,
                max: 1e10,
            },
        );
        // A ramp past the horizon would never let the revenue center reach full effect within
        // the plan: most likely a slip of the keyboard, so it is said rather than projected.
        // Against a horizon that is itself out of range, the horizon's own message is enough.
        let longest = horizon_months;
        if (1..=MAX_HORIZON_MONTHS).contains(&longest) && t.ramp_months > longest {
            self.push(
                "transition.ramp_months".into(),
                format!(
                    "The ramp must fit in the {longest}-month horizon: at most {longest} months; it is {}.",
                    t.ramp_months
                ),
            );
        }
    }
}

impl Scenario {
    /// Checks every field against its documented range and reports every problem at once.
    ///
    /// # Errors
    ///
    /// [`ValidationErrors`] listing each field out of range, with its path and a sentence.
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
    ///     errors.message_for("baseline.channel_mix"),
    ///     Some("Channel mix adds up to 95%; it must be 100%.")
    /// );
    /// ```
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut checker = Checker { issues: Vec::new() };
        if self.version != super::scenario::SCENARIO_VERSION {
            checker.push(
                "version".into(),
                format!(
                    "Scenario version {} is not one this planner reads.",
                    self.version
                ),
            );
        }
        let name_chars = self.name.chars().count();
        if name_chars > super::scenario::MAX_NAME_CHARS {
            checker.push(
                "name".into(),
                format!(
                    "The scenario's name has {name_chars} characters; it can have up to {}.",
                    super::scenario::MAX_NAME_CHARS
                ),
            );
        }
        checker.baseline(&self.baseline);
        checker.strategy("cost_center", "cost center", &self.cost_center);
        checker.strategy("revenue_center", "revenue center", &self.revenue_center);
        checker.transition(&self.transition, self.baseline.horizon_months);
        if checker.issues.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(checker.issues))
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
            errors.message_for("baseline.gross_margin"),
            Some("Gross margin must be between 0% and 100%; it is 120%.")
        );
        assert_eq!(
            errors.message_for("revenue_center.monthly_churn"),
            Some("Monthly churn (revenue center) must be between 0% and 100%; it is -1%.")
        );
        assert_eq!(
            errors.message_for("cost_center.handle_time_seconds.chat"),
            Some("Chat handle time in seconds (cost center) must be a number.")
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
                .message_for("transition.ramp_months"),
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
            errors.message_for("revenue_center.max_occupancy"),
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
                .message_for("cost_center.shrinkage"),
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
                .message_for("baseline.first_contacts_per_month"),
            Some("First contacts per month must be between 0 and 100,000,000; it is 200,000,000.")
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
}
