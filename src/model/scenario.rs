//! The scenario: a shared baseline run under two service strategies.
//!
//! Every number a manager enters lives here. Units are in the field names or their doc comments;
//! fractions are stored as fractions (0.25, not 25). [`Scenario::default`] is the illustrative
//! example of the model documentation, labelled as such in the app.

use thiserror::Error;

use super::levers::{strategy_levers, Setting};
use super::segments::Segmentation;

/// The schema version this build writes. Files and links carry it so later versions can migrate.
///
/// Version 2 added [`Uncertainty`]: a version-1 scenario reads as one with no ranges. Version 3
/// changed links alone, which since name each value by its lever's tag; its files are those of
/// version 2. Version 4 added [`Segmentation`]: an earlier scenario reads as one with no
/// segments, the whole base as one.
pub const SCENARIO_VERSION: u32 = 4;

/// Longest name a scenario may have, in characters: what the name field takes, and what a link
/// or a file may carry.
pub const MAX_NAME_CHARS: usize = 80;

/// A complete planning scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Schema version; see [`SCENARIO_VERSION`].
    pub version: u32,
    /// A name the manager gives the scenario.
    pub name: String,
    /// What both strategies share: customers, revenue, contact volumes, time and money.
    pub baseline: Baseline,
    /// Service run to minimise cost: short, deflected contacts; more churn.
    pub cost_center: Strategy,
    /// Service run to earn: better agents, longer contacts that resolve and sell; fewer lost customers.
    pub revenue_center: Strategy,
    /// What it takes to move from the cost center to the revenue center.
    pub transition: Transition,
    /// Segments of the customer base with figures of their own; none by default. Missing only
    /// from a scenario of version 3 or before, which had none.
    pub segmentation: Segmentation,
    /// The levers the manager is unsure of, with their ranges: what a Monte Carlo run draws
    /// from. Missing only from a version-1 scenario, which had none.
    pub uncertainty: Uncertainty,
}

fn default_name() -> String {
    "Example scenario".to_owned()
}

/// The baseline shared by both strategies.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// Customers at the start of month 1 (C0).
    pub customers_at_start: f64,
    /// New customers won by marketing each month (G), whatever the service strategy.
    pub new_customers_per_month: f64,
    /// Revenue per customer per month (ARPU), in the scenario's currency.
    pub revenue_per_customer_per_month: f64,
    /// Gross margin on that revenue, as a fraction.
    pub gross_margin: f64,
    /// First contacts per month at the start (F0); scales with the number of customers.
    pub first_contacts_per_month: f64,
    /// How first contacts arrive, as fractions summing to 1.
    pub channel_mix: ChannelMix,
    /// Hours the center is open per month (H); arrivals spread evenly over them.
    pub open_hours_per_month: f64,
    /// Paid hours per full-time agent per month.
    pub paid_hours_per_agent_per_month: f64,
    /// Months to project, 1 to 120.
    pub horizon_months: u32,
    /// Yearly discount rate for the NPV, as a fraction.
    pub yearly_discount_rate: f64,
    /// ISO 4217 currency code of every money amount, such as "USD".
    pub currency: String,
}

/// The share of first contacts arriving on each channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelMix {
    /// Share of first contacts by phone.
    pub phone: f64,
    /// Share of first contacts by chat.
    pub chat: f64,
    /// Share of first contacts by email.
    pub email: f64,
    /// Share of first contacts that start in self-service.
    pub self_service: f64,
}

impl ChannelMix {
    /// The sum of the four shares; a valid mix sums to 1.
    pub fn total(&self) -> f64 {
        self.phone + self.chat + self.email + self.self_service
    }
}

/// One value per live (agent-handled) channel.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LiveChannels<T> {
    /// Phone, a queue staffed with Erlang C.
    pub phone: T,
    /// Chat, a queue staffed with Erlang C, several chats per agent at once.
    pub chat: T,
    /// Email, deferred work without a queue.
    pub email: T,
}

impl<T> LiveChannels<T> {
    /// Applies `f` to each channel's value.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> LiveChannels<U> {
        LiveChannels {
            phone: f(self.phone),
            chat: f(self.chat),
            email: f(self.email),
        }
    }

    /// Combines two per-channel values channel by channel.
    pub fn zip_with<U, V>(
        self,
        other: LiveChannels<U>,
        mut f: impl FnMut(T, U) -> V,
    ) -> LiveChannels<V> {
        LiveChannels {
            phone: f(self.phone, other.phone),
            chat: f(self.chat, other.chat),
            email: f(self.email, other.email),
        }
    }
}

impl LiveChannels<f64> {
    /// The sum over the three live channels.
    pub fn total(&self) -> f64 {
        self.phone + self.chat + self.email
    }
}

/// The levers of one service strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    /// Loaded cost of an agent per paid hour (wage, benefits, taxes, seat).
    pub agent_cost_per_hour: f64,
    /// Training cost per full-time agent per month.
    pub training_per_agent_per_month: f64,
    /// Fixed cost per month: tools, management.
    pub fixed_cost_per_month: f64,
    /// Average handle time per contact, in seconds, per live channel.
    pub handle_time_seconds: LiveChannels<f64>,
    /// Chats an agent handles at once.
    pub chat_concurrency: f64,
    /// Share of phone calls and chats to answer within the target time (for example 0.8).
    pub service_level_goal: f64,
    /// The service level's target answer time, in seconds (for example 20).
    pub service_level_seconds: f64,
    /// Highest share of time agents may spend busy on contacts.
    pub max_occupancy: f64,
    /// Share of paid time not available for contacts: breaks, meetings, absence.
    pub shrinkage: f64,
    /// First-contact resolution: share of live contacts resolved without a repeat contact.
    pub first_contact_resolution: f64,
    /// Share of live first contacts deflected to self-service (d).
    pub deflection: f64,
    /// Share of self-service contacts resolved there; the rest come back by phone.
    pub self_service_resolution: f64,
    /// Cost per self-service contact.
    pub self_service_cost_per_contact: f64,
    /// Share of customers lost each month.
    pub monthly_churn: f64,
    /// Share of live phone and chat contacts where the agent makes an offer.
    pub offer_rate: f64,
    /// Extra talk time on a phone call when an offer is made, in seconds.
    pub offer_talk_seconds: f64,
    /// Share of offers that become orders.
    pub offer_conversion: f64,
    /// Average value of an order won on a service contact.
    pub order_value: f64,
    /// Margin on those orders, as a fraction.
    pub order_margin: f64,
    /// New customers referred per customer per month.
    pub referral_rate: f64,
    /// Share of customers who pay for premium support.
    pub premium_uptake: f64,
    /// Price of premium support per subscriber per month.
    pub premium_price_per_month: f64,
    /// Margin on premium support, as a fraction.
    pub premium_margin: f64,
    /// Simple mode: a channel with a cost per contact entered here is costed at that rate and not
    /// staffed; `None` (the default) derives its cost from staffing.
    pub cost_per_contact: LiveChannels<Option<f64>>,
}

/// Moving from the cost center to the revenue center.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// One-off investment in month 1: hiring, training programme, tooling.
    pub one_off_investment: f64,
    /// Months over which each lever moves linearly from its cost-center value to its
    /// revenue-center value; 0 switches at once.
    pub ramp_months: u32,
}

/// What the manager is unsure of: a low and a high for some levers, and the seed of the Monte
/// Carlo run that draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// The seed of the run's random numbers: the same seed gives the same figures.
    pub seed: u32,
    /// The levers with a range, each at most once, in the order the manager gave them.
    pub ranges: Vec<Uncertain>,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Self {
            seed: 1,
            ranges: Vec::new(),
        }
    }
}

impl Uncertainty {
    /// The range given for `setting`, if any.
    pub fn range_of(&self, setting: Setting) -> Option<&Uncertain> {
        self.ranges.iter().find(|range| range.setting == setting)
    }
}

/// How likely values are spread between a lever's low and its high.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// PERT: a beta distribution with the likely value as its mode, weighted four to one
    /// toward it.
    Pert,
    /// Triangular: the density rises straight from the low to the likely value and falls to the
    /// high.
    Triangular,
}

impl Shape {
    /// Both shapes, PERT first.
    pub const ALL: [Shape; 2] = [Shape::Pert, Shape::Triangular];

    /// Its name in files and forms: "pert" or "triangular".
    pub fn key(self) -> &'static str {
        match self {
            Shape::Pert => "pert",
            Shape::Triangular => "triangular",
        }
    }

    /// The shape whose [`key`](Shape::key) is `key`.
    pub fn from_key(key: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|shape| shape.key() == key)
    }
}

/// A lever the manager is unsure of: its low and its high around the plan's value, the likely
/// one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uncertain {
    /// The lever, by its path.
    pub setting: Setting,
    /// The lowest value it may take.
    pub low: f64,
    /// The highest value it may take.
    pub high: f64,
    /// How values spread between them.
    pub shape: Shape,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            version: SCENARIO_VERSION,
            name: default_name(),
            baseline: Baseline::default(),
            cost_center: Strategy::cost_center_example(),
            revenue_center: Strategy::revenue_center_example(),
            transition: Transition::default(),
            segmentation: Segmentation::default(),
            uncertainty: Uncertainty::default(),
        }
    }
}

impl Scenario {
    /// A scenario with none of the example's figures, for a manager starting from their own:
    /// every amount, volume and rate that may be zero is zero, and both strategies are the same
    /// neutral strategy, so every figure of the projection starts at zero.
    ///
    /// What cannot be zero keeps a working value: one customer at start (contacts scale with
    /// customers), the example's hours, channel mix and horizon, and a neutral strategy's handle
    /// times and service level goal. It validates as it is.
    pub fn blank(currency: &str) -> Self {
        let strategy = Strategy::neutral();
        Self {
            version: SCENARIO_VERSION,
            name: "Blank scenario".to_owned(),
            baseline: Baseline {
                customers_at_start: 1.0,
                new_customers_per_month: 0.0,
                revenue_per_customer_per_month: 0.0,
                gross_margin: 0.0,
                first_contacts_per_month: 0.0,
                currency: currency.to_owned(),
                ..Baseline::default()
            },
            cost_center: strategy.clone(),
            revenue_center: strategy,
            transition: Transition {
                one_off_investment: 0.0,
                ramp_months: 0,
            },
            segmentation: Segmentation::default(),
            uncertainty: Uncertainty::default(),
        }
    }
}

impl Default for Baseline {
    fn default() -> Self {
        Self {
            customers_at_start: 100_000.0,
            new_customers_per_month: 3_000.0,
            revenue_per_customer_per_month: 40.0,
            gross_margin: 0.60,
            first_contacts_per_month: 30_000.0,
            channel_mix: ChannelMix {
                phone: 0.55,
                chat: 0.20,
                email: 0.15,
                self_service: 0.10,
            },
            open_hours_per_month: 260.0,
            paid_hours_per_agent_per_month: 160.0,
            horizon_months: 36,
            yearly_discount_rate: 0.10,
            currency: "USD".to_owned(),
        }
    }
}

impl Default for Transition {
    fn default() -> Self {
        Self {
            one_off_investment: 60_000.0,
            ramp_months: 6,
        }
    }
}

impl Strategy {
    /// The example cost center: cheap, short, deflected contacts; no selling.
    pub fn cost_center_example() -> Self {
        Self {
            agent_cost_per_hour: 22.0,
            training_per_agent_per_month: 0.0,
            fixed_cost_per_month: 5_000.0,
            handle_time_seconds: LiveChannels {
                phone: 300.0,
                chat: 420.0,
                email: 360.0,
            },
            chat_concurrency: 2.0,
            service_level_goal: 0.70,
            service_level_seconds: 60.0,
            max_occupancy: 0.90,
            shrinkage: 0.30,
            first_contact_resolution: 0.65,
            deflection: 0.20,
            self_service_resolution: 0.50,
            self_service_cost_per_contact: 0.10,
            monthly_churn: 0.020,
            offer_rate: 0.0,
            offer_talk_seconds: 0.0,
            offer_conversion: 0.12,
            order_value: 120.0,
            order_margin: 0.35,
            referral_rate: 0.001,
            premium_uptake: 0.0,
            premium_price_per_month: 10.0,
            premium_margin: 0.70,
            cost_per_contact: LiveChannels::default(),
        }
    }

    /// A strategy that costs, sells and loses nothing: every amount and rate zero, with working
    /// handle times and service goals, for a blank scenario.
    pub fn neutral() -> Self {
        Self {
            agent_cost_per_hour: 0.0,
            training_per_agent_per_month: 0.0,
            fixed_cost_per_month: 0.0,
            self_service_cost_per_contact: 0.0,
            monthly_churn: 0.0,
            deflection: 0.0,
            offer_rate: 0.0,
            offer_talk_seconds: 0.0,
            offer_conversion: 0.0,
            order_value: 0.0,
            order_margin: 0.0,
            referral_rate: 0.0,
            premium_uptake: 0.0,
            premium_price_per_month: 0.0,
            premium_margin: 0.0,
            ..Self::cost_center_example()
        }
    }

    /// The example revenue center: better-paid, trained agents; longer contacts that resolve and
    /// sell; fewer lost customers, more referrals, paid premium support.
    pub fn revenue_center_example() -> Self {
        Self {
            agent_cost_per_hour: 30.0,
            training_per_agent_per_month: 150.0,
            fixed_cost_per_month: 8_000.0,
            handle_time_seconds: LiveChannels {
                phone: 420.0,
                chat: 480.0,
                email: 420.0,
            },
            chat_concurrency: 2.0,
            service_level_goal: 0.80,
            service_level_seconds: 20.0,
            max_occupancy: 0.85,
            shrinkage: 0.30,
            first_contact_resolution: 0.80,
            deflection: 0.05,
            self_service_resolution: 0.50,
            self_service_cost_per_contact: 0.10,
            monthly_churn: 0.016,
            offer_rate: 0.40,
            offer_talk_seconds: 60.0,
            offer_conversion: 0.12,
            order_value: 120.0,
            order_margin: 0.35,
            referral_rate: 0.003,
            premium_uptake: 0.03,
            premium_price_per_month: 10.0,
            premium_margin: 0.70,
            cost_per_contact: LiveChannels::default(),
        }
    }

    /// Seconds of agent time per phone call and per chat, as their queues see them.
    ///
    /// # Formula
    ///
    /// ```text
    /// phone = phone handle time + offer rate × offer talk time
    /// chat  = chat handle time / chats per agent at once
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::Strategy;
    /// let mut levers = Strategy::cost_center_example();
    /// levers.handle_time_seconds.phone = 300.0;
    /// levers.offer_rate = 0.5;
    /// levers.offer_talk_seconds = 60.0;
    /// levers.handle_time_seconds.chat = 600.0;
    /// levers.chat_concurrency = 2.0;
    /// assert_eq!(levers.queue_handle_times(), (330.0, 300.0));
    /// ```
    pub fn queue_handle_times(&self) -> (f64, f64) {
        let aht = self.handle_time_seconds;
        (
            aht.phone + self.offer_rate * self.offer_talk_seconds,
            aht.chat / self.chat_concurrency,
        )
    }

    /// The levers a fraction `weight` of the way from `from` to `to`.
    ///
    /// Every lever of the registry moves linearly. A channel costed per contact keeps the destination's
    /// mode: when both ends enter a cost per contact it is interpolated too; otherwise the
    /// destination's mode and value apply (there is no other value to move from).
    ///
    /// # Formula
    ///
    /// ```text
    /// lever(w) = from + (to - from) × w,   w in [0, 1]
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::scenario::Strategy;
    /// let cost = Strategy::cost_center_example();
    /// let revenue = Strategy::revenue_center_example();
    /// let halfway = Strategy::blend(&cost, &revenue, 0.5);
    /// assert!((halfway.agent_cost_per_hour - 26.0).abs() < 1e-12);
    /// assert_eq!(Strategy::blend(&cost, &revenue, 1.0), revenue);
    /// ```
    pub fn blend(from: &Strategy, to: &Strategy, weight: f64) -> Strategy {
        if weight >= 1.0 {
            return to.clone();
        }
        if weight <= 0.0 {
            return from.clone();
        }
        let mix = |a: f64, b: f64| a + (b - a) * weight;
        let mut blended = to.clone();
        for lever in strategy_levers() {
            (lever.set)(&mut blended, mix((lever.get)(from), (lever.get)(to)));
        }
        blended.cost_per_contact =
            from.cost_per_contact
                .zip_with(to.cost_per_contact, |a, b| match (a, b) {
                    (Some(a), Some(b)) => Some(mix(a, b)),
                    (_, b) => b,
                });
        blended
    }
}

/// Why a scenario file or link could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    /// The text is not JSON at all.
    #[error("this is not a scenario file (not valid JSON: {0})")]
    NotJson(String),
    /// JSON, but without a scenario's `version` number.
    #[error("this is not a Frontline scenario (it has no version number)")]
    NotAScenario,
    /// Written by a newer Frontline than this one.
    #[error("this scenario was saved by a newer version of Frontline (schema {found}; this one reads up to {SCENARIO_VERSION})")]
    NewerVersion {
        /// The version found in the data.
        found: u64,
    },
    /// A scenario of a known version whose fields are missing or of the wrong kind.
    #[error("this scenario is damaged: {0}")]
    Malformed(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_documented_example() {
        let s = Scenario::default();
        assert_eq!(s.version, SCENARIO_VERSION);
        assert_eq!(s.baseline.customers_at_start, 100_000.0);
        assert!((s.baseline.channel_mix.total() - 1.0).abs() < 1e-12);
        assert_eq!(s.cost_center.handle_time_seconds.phone, 300.0);
        assert_eq!(s.revenue_center.service_level_seconds, 20.0);
        assert_eq!(s.transition.ramp_months, 6);
    }

    #[test]
    fn a_blank_scenario_is_valid_and_projects_to_zero() {
        let blank = Scenario::blank("EUR");
        assert_eq!(blank.validate(), Ok(()));
        assert_eq!(blank.baseline.currency, "EUR");
        let projection = crate::model::project(&blank).unwrap();
        for run in &projection.runs {
            for month in &run.months {
                assert_eq!(month.contribution, 0.0);
                assert_eq!(month.cost.total, 0.0);
                assert_eq!(month.customers.end, 1.0);
            }
        }
        let c = projection.revenue_center();
        assert_eq!((c.extra_contribution, c.extra_contribution_npv), (0.0, 0.0));
        assert_eq!(c.customers_kept, 0.0);
    }

    #[test]
    fn blend_moves_levers_and_keeps_the_destination_mode() {
        let cost = Strategy::cost_center_example();
        let mut revenue = Strategy::revenue_center_example();
        revenue.cost_per_contact.email = Some(4.0);
        let quarter = Strategy::blend(&cost, &revenue, 0.25);
        assert!((quarter.monthly_churn - (0.020 - 0.004 * 0.25)).abs() < 1e-15);
        assert_eq!(quarter.cost_per_contact.email, Some(4.0));
        assert_eq!(quarter.cost_per_contact.phone, None);
        assert_eq!(Strategy::blend(&cost, &revenue, 0.0), cost);
    }
}
