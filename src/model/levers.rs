//! Every number a manager sets, described once: its path in the scenario, its name, unit,
//! valid range and step, and how to read and write it. Validation, the input panel, the ramp
//! from one strategy to the other, the links and every analysis read this one registry, so
//! adding a lever is one entry here.
//!
//! Paths are those of the scenario's JSON (`baseline.gross_margin`); a strategy lever's path is
//! inside its strategy (`monthly_churn`), and [`Side::path`] puts the strategy in front.

use super::scenario::{LiveChannels, Scenario, Strategy};
use super::segments::Segment;

/// Longest horizon, in months.
pub const MAX_HORIZON_MONTHS: u32 = 120;
/// Hours in the longest month: the most a center can be open, or an agent paid.
pub const HOURS_IN_MONTH: f64 = 744.0;

/// How a number is typed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Stored as a fraction, typed and shown as a percentage.
    Percent,
    /// A plain number.
    Number,
    /// A whole number.
    Whole,
}

impl Kind {
    /// The number a field shows for `value`: a share as a percentage.
    ///
    /// ```
    /// use frontline::model::levers::Kind;
    /// assert_eq!(Kind::Percent.shown_number(0.25), 25.0);
    /// assert_eq!(Kind::Number.shown_number(0.25), 0.25);
    /// ```
    pub fn shown_number(self, value: f64) -> f64 {
        match self {
            Kind::Percent => value * 100.0,
            Kind::Number | Kind::Whole => value,
        }
    }

    /// The value a number shown in a field stands for: a percentage as a share.
    ///
    /// ```
    /// use frontline::model::levers::Kind;
    /// assert_eq!(Kind::Percent.stored_number(25.0), 0.25);
    /// ```
    pub fn stored_number(self, shown: f64) -> f64 {
        match self {
            Kind::Percent => shown / 100.0,
            Kind::Number | Kind::Whole => shown,
        }
    }
}

/// The values a lever may take: from `min` to `max`, each end included unless said otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// The lowest value.
    pub min: f64,
    /// The highest value.
    pub max: f64,
    /// Whether `min` itself is left out: the value must be above it.
    pub above_min: bool,
    /// Whether `max` itself is left out: the value must be below it.
    pub below_max: bool,
}

impl Range {
    /// From `min` to `max`, both included.
    pub const fn closed(min: f64, max: f64) -> Self {
        Range {
            min,
            max,
            above_min: false,
            below_max: false,
        }
    }

    /// Above `min`, up to `max`.
    pub const fn above(min: f64, max: f64) -> Self {
        Range {
            min,
            max,
            above_min: true,
            below_max: false,
        }
    }

    /// Above `min` and below `max`.
    pub const fn open(min: f64, max: f64) -> Self {
        Range {
            min,
            max,
            above_min: true,
            below_max: true,
        }
    }

    /// Whether `value` is a number in the range.
    pub fn allows(self, value: f64) -> bool {
        value.is_finite()
            && if self.above_min {
                value > self.min
            } else {
                value >= self.min
            }
            && if self.below_max {
                value < self.max
            } else {
                value <= self.max
            }
    }

    /// The lowest and highest values an analysis may try: the ends, or a millionth of the range
    /// inside an end that is left out.
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::levers::Range;
    /// assert_eq!(Range::closed(0.0, 1.0).ends(), (0.0, 1.0));
    /// let (low, high) = Range::open(0.0, 1.0).ends();
    /// assert!(low > 0.0 && high < 1.0 && (high - 0.999_999).abs() < 1e-12);
    /// ```
    pub fn ends(self) -> (f64, f64) {
        let inside = (self.max - self.min) * 1e-6;
        (
            if self.above_min {
                self.min + inside
            } else {
                self.min
            },
            if self.below_max {
                self.max - inside
            } else {
                self.max
            },
        )
    }
}

/// A share from 0% to 100%.
const SHARE: Range = Range::closed(0.0, 1.0);
/// An amount of money a month.
const MONEY: Range = Range::closed(0.0, 1e9);
/// A handle time, in seconds: up to four hours.
const HANDLE_TIME: Range = Range::above(0.0, 14_400.0);

/// A slider beside the number field, in shown units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slider {
    /// Lowest value on the slider.
    pub min: f64,
    /// Highest value on the slider.
    pub max: f64,
    /// Slider step.
    pub step: f64,
}

/// One number a manager sets: where it lives in `T`, what it is called, and what it may be.
#[derive(Debug)]
pub struct Lever<T: 'static> {
    /// Its number in links, which name each value by it: given once for good, never changed
    /// or reused, so a lever added later moves no other's value. Unique among the scenario's
    /// levers, and among a strategy's levers and channel costs; from 1 to 127, so one byte.
    /// 0 marks a number no link carries.
    pub tag: u8,
    /// Path of the value: the full path in the scenario for a [`ScenarioLever`]
    /// (`baseline.gross_margin`), the path inside a strategy for a [`StrategyLever`]
    /// (`monthly_churn`).
    pub path: &'static str,
    /// Its name, as the page shows it.
    pub name: &'static str,
    /// What it means in plain words, a typical value with its source where there is one, and
    /// its formula where it has one.
    pub help: &'static str,
    /// Unit shown after the name; `¤` stands for the scenario's currency.
    pub unit: &'static str,
    /// How it is typed.
    pub kind: Kind,
    /// Arrow step, in shown units.
    pub step: f64,
    /// The span of its slider: shown beside the key levers' fields, and on the presenter's bar
    /// for every strategy lever the presenter picks.
    pub slider: Option<Slider>,
    /// Its valid values.
    pub range: Range,
    /// Reads the value.
    pub get: fn(&T) -> f64,
    /// Writes the value.
    pub set: fn(&mut T, f64),
}

// Derived Clone and Copy would ask the same of `T`; the levers are all Copy whatever `T` is.
impl<T> Clone for Lever<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Lever<T> {}

/// A number of the scenario outside the strategies.
pub type ScenarioLever = Lever<Scenario>;

/// A strategy lever: each strategy has its own value.
pub type StrategyLever = Lever<Strategy>;

macro_rules! scenario_lever {
    ($tag:literal, $name:literal, $help:literal, $unit:literal, $kind:expr, $step:expr, $range:expr, $section:ident . $($field:ident).+) => {
        ScenarioLever {
            tag: $tag,
            path: concat!(stringify!($section), $(".", stringify!($field)),+),
            name: $name,
            help: $help,
            unit: $unit,
            kind: $kind,
            step: $step,
            slider: None,
            range: $range,
            get: |s| s.$section.$($field).+ as f64,
            // Whole-number levers saturate; an absurd entry stays absurd so validation names it.
            set: |s, v| s.$section.$($field).+ = v as _,
        }
    };
}

/// A lever of type `$lever` on the number at a field path of its record.
macro_rules! field_lever {
    ($lever:ident, $tag:literal, $name:literal, $help:literal, $unit:literal, $kind:expr, $step:expr, $slider:expr, $range:expr, $first:ident $(. $rest:ident)*) => {
        $lever {
            tag: $tag,
            path: concat!(stringify!($first) $(, ".", stringify!($rest))*),
            name: $name,
            help: $help,
            unit: $unit,
            kind: $kind,
            step: $step,
            slider: $slider,
            range: $range,
            get: |s| s.$first$(.$rest)*,
            set: |s, v| s.$first$(.$rest)* = v,
        }
    };
}
pub(crate) use field_lever;

macro_rules! strategy_lever {
    ($($lever:tt)*) => {
        field_lever!(StrategyLever, $($lever)*)
    };
}

const fn slider(min: f64, max: f64, step: f64) -> Option<Slider> {
    Some(Slider { min, max, step })
}

/// Customers and revenue.
pub const CUSTOMERS: [ScenarioLever; 4] = [
    scenario_lever!(
        1,
        "Customers at start",
        "Paying customers on the day the plan starts. Contact volumes grow and shrink with the customer base.",
        "customers",
        Kind::Number,
        1000.0,
        Range::closed(1.0, 1e9),
        baseline.customers_at_start
    ),
    scenario_lever!(
        2,
        "New customers from marketing",
        "Customers won each month by marketing and sales, the same under both strategies. Referrals from good service come on top.",
        "per month",
        Kind::Number,
        100.0,
        Range::closed(0.0, 1e8),
        baseline.new_customers_per_month
    ),
    scenario_lever!(
        3,
        "Revenue per customer",
        "Average recurring revenue from one customer each month (ARPU), before costs.",
        "¤ per month",
        Kind::Number,
        1.0,
        Range::closed(0.0, 1e6),
        baseline.revenue_per_customer_per_month
    ),
    scenario_lever!(
        4,
        "Gross margin on that revenue",
        "Share of that revenue left after the cost of delivering the product. Recurring margin = customers × revenue per customer × this margin.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        baseline.gross_margin
    ),
];

/// Time and money.
pub const PLANNING: [ScenarioLever; 2] = [
    scenario_lever!(
        5,
        "Horizon",
        "How many months the plan looks ahead, 1 to 120. Budgets usually look 12 to 36 months out.",
        "months",
        Kind::Whole,
        1.0,
        Range::closed(1.0, MAX_HORIZON_MONTHS as f64),
        baseline.horizon_months
    ),
    scenario_lever!(
        6,
        "Discount rate",
        "How much less money is worth for every year you wait for it; it turns the extra contribution into its net present value. Finance teams often use 8–12%. Monthly rate = (1 + yearly rate)^(1/12) − 1.",
        "% a year",
        Kind::Percent,
        0.5,
        SHARE,
        baseline.yearly_discount_rate
    ),
];

/// Contact volumes and hours.
pub const CONTACTS: [ScenarioLever; 3] = [
    scenario_lever!(
        7,
        "First contacts",
        "New questions and problems customers bring each month with today's customer base, before repeats and self-service. Unresolved contacts come back on top.",
        "per month",
        Kind::Number,
        500.0,
        Range::closed(0.0, 1e8),
        baseline.first_contacts_per_month
    ),
    scenario_lever!(
        8,
        "Hours open",
        "Hours the phone and chat queues are staffed each month: 260 is about 12 hours on each weekday.",
        "per month",
        Kind::Number,
        1.0,
        Range::above(0.0, HOURS_IN_MONTH),
        baseline.open_hours_per_month
    ),
    scenario_lever!(
        9,
        "Paid hours per agent",
        "Hours a full-time agent is paid for each month: about 160 for a 37 to 40-hour week.",
        "per month",
        Kind::Number,
        1.0,
        Range::above(0.0, HOURS_IN_MONTH),
        baseline.paid_hours_per_agent_per_month
    ),
];

/// The channel mix of first contacts.
pub const CHANNEL_MIX: [ScenarioLever; 4] = [
    scenario_lever!(
        10,
        "Phone share",
        "Share of first contacts that arrive by phone. The four shares add up to 100%.", "%", Kind::Percent, 1.0,
        SHARE,
        baseline.channel_mix.phone
    ),
    scenario_lever!(
        11,
        "Chat share",
        "Share of first contacts that arrive by chat. The four shares add up to 100%.", "%", Kind::Percent, 1.0,
        SHARE,
        baseline.channel_mix.chat
    ),
    scenario_lever!(
        12,
        "Email share",
        "Share of first contacts that arrive by email. The four shares add up to 100%.", "%", Kind::Percent, 1.0,
        SHARE,
        baseline.channel_mix.email
    ),
    scenario_lever!(
        13,
        "Self-service share",
        "Share of first contacts that go straight to self-service (help pages, a bot). The four shares add up to 100%.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        baseline.channel_mix.self_service
    ),
];

/// The cost of changing course.
pub const TRANSITION: [ScenarioLever; 2] = [
    scenario_lever!(
        14,
        "One-off investment in month 1",
        "What moving to the revenue center costs once, paid in month 1: hiring, training, tools, advice.",
        "¤",
        Kind::Number,
        1000.0,
        Range::closed(0.0, 1e10),
        transition.one_off_investment
    ),
    scenario_lever!(
        15,
        "Ramp to full effect",
        "Months until the revenue center's levers take full effect; until then they move in a straight line from the cost center's. 0 means at once.",
        "months",
        Kind::Whole,
        1.0,
        Range::closed(0.0, MAX_HORIZON_MONTHS as f64),
        transition.ramp_months
    ),
];

/// The levers that decide the comparison, with sliders for live what-ifs.
pub const KEY_LEVERS: [StrategyLever; 9] = [
    strategy_lever!(
        1,
        "Agent cost per paid hour",
        "What an agent costs per paid hour with benefits and overheads (loaded cost). Wages are about 70% of it: a $15.53 wage is about $22 loaded (BLS).",
        "¤",
        Kind::Number,
        0.5,
        slider(10.0, 80.0, 0.5),
        Range::closed(0.0, 10_000.0),
        agent_cost_per_hour
    ),
    strategy_lever!(
        2,
        "Phone handle time",
        "Average time per call: talk, hold and wrap-up. Longer calls that resolve and sell need more agents.",
        "seconds",
        Kind::Number,
        10.0,
        slider(60.0, 1200.0, 10.0),
        HANDLE_TIME,
        handle_time_seconds.phone
    ),
    strategy_lever!(
        3,
        "First-contact resolution",
        "Share of contacts solved the first time. The rest come back as repeat contacts: repeats = live first contacts × (1 − this share).",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        SHARE,
        first_contact_resolution
    ),
    strategy_lever!(
        4,
        "Customers lost",
        "Share of customers who leave each month (churn). No public benchmark exists: use your own figures. Lifetime value = revenue per customer × margin ÷ this rate.",
        "% a month",
        Kind::Percent,
        0.1,
        slider(0.0, 10.0, 0.1),
        SHARE,
        monthly_churn
    ),
    strategy_lever!(
        5,
        "Offer made on",
        "Share of phone and chat contacts where the agent offers something more once the problem is solved.",
        "% of phone and chat contacts",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        SHARE,
        offer_rate
    ),
    strategy_lever!(
        6,
        "Offers that convert",
        "Share of offers that become an order. Your own sales data is the only good source.",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 60.0, 1.0),
        SHARE,
        offer_conversion
    ),
    strategy_lever!(
        7,
        "Deflected to self-service",
        "Share of live first contacts steered to self-service instead. Few resolve there: Gartner found only 9% of customers fully resolve in self-service.",
        "% of live first contacts",
        Kind::Percent,
        1.0,
        slider(0.0, 80.0, 1.0),
        SHARE,
        deflection
    ),
    strategy_lever!(
        8,
        "Service level goal",
        "Share of calls and chats answered within the target time. 80% in 20 seconds is the common goal, 90% for leaders (Call Centre Helper).",
        "% answered in target",
        Kind::Percent,
        1.0,
        slider(50.0, 99.0, 1.0),
        Range::open(0.0, 1.0),
        service_level_goal
    ),
    strategy_lever!(
        9,
        "Target answer time",
        "The answer time the service level goal counts, in seconds: 20 is common for calls.",
        "seconds",
        Kind::Number,
        5.0,
        slider(5.0, 180.0, 5.0),
        Range::closed(0.0, 86_400.0),
        service_level_seconds
    ),
];

/// Everything else, folded away.
pub const MORE_LEVERS: [StrategyLever; 16] = [
    strategy_lever!(
        10,
        "Training per agent",
        "Training and coaching cost per full-time agent each month.",
        "¤ per month",
        Kind::Number,
        10.0,
        slider(0.0, 1_000.0, 10.0),
        MONEY,
        training_per_agent_per_month
    ),
    strategy_lever!(
        11,
        "Fixed cost: tools, management",
        "Monthly cost that does not grow with the number of agents: tools, licences, team leads.",
        "¤ per month",
        Kind::Number,
        500.0,
        slider(0.0, 50_000.0, 500.0),
        MONEY,
        fixed_cost_per_month
    ),
    strategy_lever!(
        12,
        "Chat handle time",
        "Average time an agent spends on one chat, waits included.",
        "seconds",
        Kind::Number,
        10.0,
        slider(60.0, 1_800.0, 10.0),
        HANDLE_TIME,
        handle_time_seconds.chat
    ),
    strategy_lever!(
        13,
        "Email handle time",
        "Average time to read, resolve and answer one email.",
        "seconds",
        Kind::Number,
        10.0,
        slider(60.0, 1_800.0, 10.0),
        HANDLE_TIME,
        handle_time_seconds.email
    ),
    strategy_lever!(
        14,
        "Chats per agent at once",
        "How many chats an agent handles at the same time; 2 is common. Chat workload = handle time ÷ this number.",
        "chats",
        Kind::Number,
        0.5,
        slider(1.0, 6.0, 0.5),
        Range::closed(1.0, 10.0),
        chat_concurrency
    ),
    strategy_lever!(
        15,
        "Maximum occupancy",
        "The most of their time on duty agents may spend on contacts; about 85% is the usual cap, above it they burn out (Call Centre Helper).",
        "%",
        Kind::Percent,
        1.0,
        slider(50.0, 100.0, 1.0),
        Range::above(0.0, 1.0),
        max_occupancy
    ),
    strategy_lever!(
        16,
        "Shrinkage",
        "Paid time not spent on contacts: breaks, meetings, training, absence; usually 24–30% (Call Centre Helper, OpsDog). Paid hours = hours on contacts ÷ (1 − shrinkage).",
        "% of paid time",
        Kind::Percent,
        1.0,
        slider(0.0, 60.0, 1.0),
        Range::closed(0.0, 0.95),
        shrinkage
    ),
    strategy_lever!(
        17,
        "Resolved in self-service",
        "Share of self-service contacts that end there; the rest reach an agent after all.",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        SHARE,
        self_service_resolution
    ),
    strategy_lever!(
        18,
        "Cost per self-service contact",
        "What one self-service contact costs: about $0.10 against about $8 for one with an agent (Gartner).",
        "¤",
        Kind::Number,
        0.01,
        slider(0.0, 5.0, 0.05),
        Range::closed(0.0, 10_000.0),
        self_service_cost_per_contact
    ),
    strategy_lever!(
        19,
        "Extra talk time per offer",
        "Seconds an offer adds to a call or chat, paid in agent time.",
        "seconds",
        Kind::Number,
        5.0,
        slider(0.0, 300.0, 5.0),
        Range::closed(0.0, 3_600.0),
        offer_talk_seconds
    ),
    strategy_lever!(
        20,
        "Average order value",
        "Revenue from one order taken on a service contact.",
        "¤",
        Kind::Number,
        5.0,
        slider(0.0, 1_000.0, 5.0),
        Range::closed(0.0, 1e7),
        order_value
    ),
    strategy_lever!(
        21,
        "Margin on orders",
        "Share of order revenue kept after the cost of what is sold.",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        SHARE,
        order_margin
    ),
    strategy_lever!(
        22,
        "Referrals",
        "New customers that existing customers bring in each month, as a share of customers. Delighted customers refer more.",
        "% of customers a month",
        Kind::Percent,
        0.05,
        slider(0.0, 2.0, 0.05),
        SHARE,
        referral_rate
    ),
    strategy_lever!(
        23,
        "Premium support uptake",
        "Share of customers who pay for a premium support plan.",
        "% of customers",
        Kind::Percent,
        0.5,
        slider(0.0, 50.0, 0.5),
        SHARE,
        premium_uptake
    ),
    strategy_lever!(
        24,
        "Premium support price",
        "Monthly price of the premium support plan.",
        "¤ per month",
        Kind::Number,
        1.0,
        slider(0.0, 100.0, 1.0),
        Range::closed(0.0, 1e6),
        premium_price_per_month
    ),
    strategy_lever!(
        25,
        "Margin on premium support",
        "Share of premium support revenue kept after its own cost.",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        SHARE,
        premium_margin
    ),
];

/// A segment lever: each segment has its own value.
pub type SegmentLever = Lever<Segment>;

macro_rules! segment_lever {
    ($tag:literal, $name:literal, $help:literal, $unit:literal, $kind:expr, $step:expr, $range:expr, $($path:tt)+) => {
        field_lever!(SegmentLever, $tag, $name, $help, $unit, $kind, $step, None, $range, $($path)+)
    };
}

/// What each segment has of its own, in page order. Paths are inside a segment
/// (`monthly_churn.revenue_center`); [`segment_path`] puts the segment in front.
pub const SEGMENT_LEVERS: [SegmentLever; 13] = [
    segment_lever!(
        1,
        "Share of customers",
        "Its share of the customers at the start; the other customers are the rest.",
        "% of customers",
        Kind::Percent,
        1.0,
        Range::above(0.0, 1.0),
        share_of_customers
    ),
    segment_lever!(
        2,
        "Share of new customers",
        "Its share of the new customers marketing wins each month.",
        "% of new customers",
        Kind::Percent,
        1.0,
        SHARE,
        share_of_new_customers
    ),
    segment_lever!(
        3,
        "Revenue per customer",
        "Recurring revenue from one of its customers each month.",
        "¤ per month",
        Kind::Number,
        1.0,
        Range::closed(0.0, 1e6),
        revenue_per_customer_per_month
    ),
    segment_lever!(
        4,
        "Gross margin",
        "Share of its revenue left after the cost of delivering the product.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        gross_margin
    ),
    segment_lever!(
        5,
        "Contacts per customer",
        "First contacts one of its customers makes each month.",
        "per month",
        Kind::Number,
        0.05,
        Range::closed(0.0, 1_000.0),
        contacts_per_customer_per_month
    ),
    segment_lever!(
        6,
        "Phone share",
        "Its first contacts by phone; the four shares add up to 100%.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        channel_mix.phone
    ),
    segment_lever!(
        7,
        "Chat share",
        "Its first contacts by chat; the four shares add up to 100%.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        channel_mix.chat
    ),
    segment_lever!(
        8,
        "Email share",
        "Its first contacts by email; the four shares add up to 100%.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        channel_mix.email
    ),
    segment_lever!(
        9,
        "Self-service share",
        "Its first contacts in self-service; the four shares add up to 100%.",
        "%",
        Kind::Percent,
        1.0,
        SHARE,
        channel_mix.self_service
    ),
    segment_lever!(
        10,
        "Customers lost, cost-center service",
        "Its customers who leave each month when served as the cost center serves.",
        "% a month",
        Kind::Percent,
        0.1,
        SHARE,
        monthly_churn.cost_center
    ),
    segment_lever!(
        11,
        "Customers lost, revenue-center service",
        "Its customers who leave each month when served as the revenue center serves.",
        "% a month",
        Kind::Percent,
        0.1,
        SHARE,
        monthly_churn.revenue_center
    ),
    segment_lever!(
        12,
        "Referrals, cost-center service",
        "New customers its customers bring in each month, when served as the cost center serves.",
        "% of customers a month",
        Kind::Percent,
        0.05,
        SHARE,
        referral_rate.cost_center
    ),
    segment_lever!(
        13,
        "Referrals, revenue-center service",
        "New customers its customers bring in each month, when served as the revenue center serves.",
        "% of customers a month",
        Kind::Percent,
        0.05,
        SHARE,
        referral_rate.revenue_center
    ),
];

/// The full path of a path inside segment `index` (from 0): `segmentation.segments.0.gross_margin`.
pub fn segment_path(index: usize, inside: &str) -> String {
    format!("segmentation.segments.{index}.{inside}")
}

/// One channel's cost per contact in simple mode: a lever pair whose empty value means
/// "derive it from staffing".
#[derive(Debug, Clone, Copy)]
pub struct ChannelCost {
    /// Its number in links, among the strategy levers' tags (see [`Lever::tag`]).
    pub tag: u8,
    /// The channel's name in paths: `cost_center.cost_per_contact.phone`.
    pub channel: &'static str,
    /// Its name, as the page shows it.
    pub name: &'static str,
    /// The channel's place in a strategy's costs per contact.
    pub slot: fn(&mut LiveChannels<Option<f64>>) -> &mut Option<f64>,
}

impl ChannelCost {
    /// Valid costs per contact.
    pub const RANGE: Range = Range::closed(0.0, 10_000.0);

    /// The cost set for this channel in `costs`, if any.
    pub fn get(self, costs: &LiveChannels<Option<f64>>) -> Option<f64> {
        let mut costs = *costs;
        *(self.slot)(&mut costs)
    }
}

/// Simple mode: a cost per contact per live channel.
pub const CHANNEL_COSTS: [ChannelCost; 3] = [
    ChannelCost {
        tag: 26,
        channel: "phone",
        name: "Phone cost per contact",
        slot: |c| &mut c.phone,
    },
    ChannelCost {
        tag: 27,
        channel: "chat",
        name: "Chat cost per contact",
        slot: |c| &mut c.chat,
    },
    ChannelCost {
        tag: 28,
        channel: "email",
        name: "Email cost per contact",
        slot: |c| &mut c.email,
    },
];

/// Every number of the scenario outside the strategies, in page order.
pub fn scenario_levers() -> impl Iterator<Item = &'static ScenarioLever> {
    CUSTOMERS
        .iter()
        .chain(&PLANNING)
        .chain(&CONTACTS)
        .chain(&CHANNEL_MIX)
        .chain(&TRANSITION)
}

/// Every strategy lever, in page order.
pub fn strategy_levers() -> impl Iterator<Item = &'static StrategyLever> {
    KEY_LEVERS.iter().chain(&MORE_LEVERS)
}

/// Which strategy a strategy lever belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The cost center.
    Cost,
    /// The revenue center.
    Revenue,
}

impl Side {
    /// Both strategies, the reference first.
    pub const BOTH: [Side; 2] = [Side::Cost, Side::Revenue];

    /// The strategy's key in the scenario's JSON.
    pub fn prefix(self) -> &'static str {
        match self {
            Side::Cost => "cost_center",
            Side::Revenue => "revenue_center",
        }
    }

    /// The strategy's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Side::Cost => "cost center",
            Side::Revenue => "revenue center",
        }
    }

    /// A strategy lever's name with this strategy's, as a sentence names it:
    /// "Customers lost (revenue center)".
    pub fn named(self, name: &str) -> String {
        format!("{name} ({})", self.name())
    }

    /// The full path of a path inside this strategy.
    pub fn path(self, inside: &str) -> String {
        format!("{}.{inside}", self.prefix())
    }

    /// This strategy in `scenario`.
    pub fn of(self, scenario: &Scenario) -> &Strategy {
        match self {
            Side::Cost => &scenario.cost_center,
            Side::Revenue => &scenario.revenue_center,
        }
    }

    /// This strategy in `scenario`, to change.
    pub fn of_mut(self, scenario: &mut Scenario) -> &mut Strategy {
        match self {
            Side::Cost => &mut scenario.cost_center,
            Side::Revenue => &mut scenario.revenue_center,
        }
    }
}

/// One number of a scenario that an analysis can move: a scenario-wide lever, or one
/// strategy's value of a strategy lever.
#[derive(Debug, Clone, Copy)]
pub enum Setting {
    /// A number outside the strategies.
    Scenario(&'static ScenarioLever),
    /// One strategy's value of a lever.
    Strategy(Side, &'static StrategyLever),
}

// Two settings are the same when they move the same number: the registry's entries are
// statics, so the same entry is the same address.
impl PartialEq for Setting {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Setting::Scenario(a), Setting::Scenario(b)) => std::ptr::eq(*a, *b),
            (Setting::Strategy(side, a), Setting::Strategy(other_side, b)) => {
                side == other_side && std::ptr::eq(*a, *b)
            }
            _ => false,
        }
    }
}

impl Setting {
    /// Every setting of a scenario, in page order: the scenario's numbers, then the revenue
    /// center's levers, then the cost center's.
    pub fn all() -> impl Iterator<Item = Setting> {
        scenario_levers().map(Setting::Scenario).chain(
            [Side::Revenue, Side::Cost].into_iter().flat_map(|side| {
                strategy_levers().map(move |lever| Setting::Strategy(side, lever))
            }),
        )
    }

    /// Every setting an analysis may move, in page order: all but the horizon, which sets how
    /// far the measures look rather than an assumption about the business.
    pub fn assumptions() -> impl Iterator<Item = Setting> {
        Setting::all().filter(|setting| {
            !matches!(setting, Setting::Scenario(lever) if lever.path == "baseline.horizon_months")
        })
    }

    /// The setting whose full path is `path`, if there is one.
    pub fn find(path: &str) -> Option<Setting> {
        Setting::all().find(|setting| setting.path() == path)
    }

    /// Its full path in the scenario: `revenue_center.monthly_churn`.
    pub fn path(self) -> String {
        match self {
            Setting::Scenario(lever) => lever.path.to_owned(),
            Setting::Strategy(side, lever) => side.path(lever.path),
        }
    }

    /// Its name with the strategy's, as a sentence names it: "Customers lost (revenue center)".
    pub fn name(self) -> String {
        match self {
            Setting::Scenario(lever) => lever.name.to_owned(),
            Setting::Strategy(side, lever) => side.named(lever.name),
        }
    }

    /// How it is typed and shown.
    pub fn kind(self) -> Kind {
        match self {
            Setting::Scenario(lever) => lever.kind,
            Setting::Strategy(_, lever) => lever.kind,
        }
    }

    /// Its unit; `¤` stands for the scenario's currency.
    pub fn unit(self) -> &'static str {
        match self {
            Setting::Scenario(lever) => lever.unit,
            Setting::Strategy(_, lever) => lever.unit,
        }
    }

    /// Its valid values.
    pub fn range(self) -> Range {
        match self {
            Setting::Scenario(lever) => lever.range,
            Setting::Strategy(_, lever) => lever.range,
        }
    }

    /// Its value in `scenario`.
    pub fn get(self, scenario: &Scenario) -> f64 {
        match self {
            Setting::Scenario(lever) => (lever.get)(scenario),
            Setting::Strategy(side, lever) => (lever.get)(side.of(scenario)),
        }
    }

    /// Sets it to `value` in `scenario`.
    pub fn set(self, scenario: &mut Scenario, value: f64) {
        match self {
            Setting::Scenario(lever) => (lever.set)(scenario, value),
            Setting::Strategy(side, lever) => (lever.set)(side.of_mut(scenario), value),
        }
    }

    /// `scenario` with this setting at `value`.
    pub fn applied(self, scenario: &Scenario, value: f64) -> Scenario {
        let mut moved = scenario.clone();
        self.set(&mut moved, value);
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_unique_and_reach_their_values() {
        let settings: Vec<Setting> = Setting::all().collect();
        assert_eq!(settings.len(), 15 + 2 * 25);
        for (i, setting) in settings.iter().enumerate() {
            assert!(settings[..i]
                .iter()
                .all(|other| other.path() != setting.path()));
            let moved = setting.applied(&Scenario::default(), 7.0);
            assert_eq!(setting.get(&moved), 7.0, "{}", setting.path());
            assert_eq!(
                Setting::find(&setting.path()).map(Setting::path),
                Some(setting.path())
            );
        }
    }

    #[test]
    fn every_strategy_lever_has_a_slider_within_its_range_that_reaches_the_examples() {
        for lever in strategy_levers() {
            let slider = lever
                .slider
                .unwrap_or_else(|| panic!("{} has no slider", lever.name));
            let stored = |shown: f64| lever.kind.stored_number(shown);
            assert!(
                slider.min < slider.max && slider.step > 0.0,
                "{}",
                lever.name
            );
            // Within a relative 1e-9 of whole steps, so that each stop is a value the field shows.
            let steps = (slider.max - slider.min) / slider.step;
            assert!(
                (steps - steps.round()).abs() < 1e-9,
                "{}: {steps} steps",
                lever.name
            );
            assert!(
                lever.range.allows(stored(slider.min)) && lever.range.allows(stored(slider.max)),
                "{}: slider beyond the valid range",
                lever.name
            );
            for example in [
                Strategy::cost_center_example(),
                Strategy::revenue_center_example(),
            ] {
                let value = lever.kind.shown_number((lever.get)(&example));
                assert!(
                    (slider.min..=slider.max).contains(&value),
                    "{}: the example's {value} is off the slider",
                    lever.name
                );
            }
        }
    }

    #[test]
    fn link_tags_are_unique_and_take_one_byte() {
        let scenario: Vec<u8> = scenario_levers().map(|lever| lever.tag).collect();
        let strategy: Vec<u8> = strategy_levers()
            .map(|lever| lever.tag)
            .chain(CHANNEL_COSTS.map(|cost| cost.tag))
            .collect();
        for tags in [scenario, strategy] {
            for (i, tag) in tags.iter().enumerate() {
                assert!(
                    (1..128).contains(tag) && !tags[..i].contains(tag),
                    "tag {tag}"
                );
            }
        }
    }

    #[test]
    fn the_example_is_within_every_range() {
        let example = Scenario::default();
        for setting in Setting::all() {
            assert!(
                setting.range().allows(setting.get(&example)),
                "{}",
                setting.path()
            );
        }
    }

    #[test]
    fn ranges_say_which_ends_are_allowed() {
        assert!(SHARE.allows(0.0) && SHARE.allows(1.0) && !SHARE.allows(f64::NAN));
        assert!(!HANDLE_TIME.allows(0.0) && HANDLE_TIME.allows(14_400.0));
        let open = Range::open(0.0, 1.0);
        assert!(!open.allows(0.0) && !open.allows(1.0) && open.allows(0.5));
    }
}
