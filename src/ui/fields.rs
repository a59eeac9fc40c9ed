//! Every input the page offers: its label, unit, kind and where it lives in the scenario.
//!
//! Paths are those of the scenario's JSON and of validation messages, so a message finds its field.

use crate::model::scenario::LiveChannels;
use crate::model::{Scenario, Strategy};
use crate::number_text::{read_number, NumberProblem, Separators};

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
    /// The text a field shows for `value`, with the locale's decimal separator and no grouping,
    /// so it reads back as the same number.
    pub fn show(self, value: f64, separators: Separators) -> String {
        let shown = match self {
            Kind::Percent => value * 100.0,
            Kind::Number | Kind::Whole => value,
        };
        let text = format!("{shown:.4}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if separators.decimal == '.' {
            text.to_owned()
        } else {
            text.replace('.', &separators.decimal.to_string())
        }
    }

    /// Reads what was typed in the manager's locale: separators, spaces, a percent sign and a
    /// currency sign or code are allowed; text that could be read two ways is refused.
    ///
    /// # Errors
    ///
    /// A sentence for the field when the text is not a number of this kind.
    pub fn parse(self, text: &str, separators: Separators) -> Result<f64, String> {
        let value = read_number(text, separators).map_err(|problem| match problem {
            NumberProblem::NotANumber => format!("\"{}\" is not a number.", text.trim()),
            other => other.to_string(),
        })?;
        match self {
            Kind::Percent => Ok(value / 100.0),
            Kind::Whole if value.fract() != 0.0 => Err("Enter a whole number.".into()),
            Kind::Number | Kind::Whole => Ok(value),
        }
    }
}

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

/// One number input: where its value lives in `T`, how it is labelled and typed.
pub struct Field<T: 'static> {
    /// Path of the value: the full path in the scenario for a [`ScenarioField`]
    /// (`baseline.gross_margin`), the path inside a strategy for a [`Lever`] (`monthly_churn`).
    pub path: &'static str,
    /// Visible label.
    pub label: &'static str,
    /// What it means in plain words, a typical value with its source where there is one, and
    /// its formula where it has one.
    pub help: &'static str,
    /// Unit shown after the label; `¤` stands for the scenario's currency.
    pub unit: &'static str,
    /// How it is typed.
    pub kind: Kind,
    /// Arrow step, in shown units.
    pub step: f64,
    /// A slider, for the key levers.
    pub slider: Option<Slider>,
    /// Reads the value.
    pub get: fn(&T) -> f64,
    /// Writes the value.
    pub set: fn(&mut T, f64),
}

impl<T> Field<T> {
    /// Its value in `of` as the field shows it, with its unit (`¤` read as `currency`).
    pub fn shown(&self, of: &T, currency: &str, separators: Separators) -> String {
        shown_value(self.kind, (self.get)(of), self.unit, currency, separators)
    }
}

// Derived Clone and Copy would ask the same of `T`; the fields are all Copy whatever `T` is.
impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Field<T> {}

/// An input for one number of the scenario outside the strategies.
pub type ScenarioField = Field<Scenario>;

/// A strategy lever, shown as a cost center / revenue center pair.
pub type Lever = Field<Strategy>;

macro_rules! field {
    ($label:literal, $help:literal, $unit:literal, $kind:expr, $step:expr, $section:ident . $($field:ident).+) => {
        ScenarioField {
            path: concat!(stringify!($section), $(".", stringify!($field)),+),
            label: $label,
            help: $help,
            unit: $unit,
            kind: $kind,
            step: $step,
            slider: None,
            get: |s| s.$section.$($field).+ as f64,
            // Whole-number fields saturate; an absurd entry stays absurd so validation names it.
            set: |s, v| s.$section.$($field).+ = v as _,
        }
    };
}

macro_rules! lever {
    ($label:literal, $help:literal, $unit:literal, $kind:expr, $step:expr, $slider:expr, $first:ident $(. $rest:ident)*) => {
        Lever {
            path: concat!(stringify!($first) $(, ".", stringify!($rest))*),
            label: $label,
            help: $help,
            unit: $unit,
            kind: $kind,
            step: $step,
            slider: $slider,
            get: |s| s.$first$(.$rest)*,
            set: |s, v| s.$first$(.$rest)* = v,
        }
    };
}

const fn slider(min: f64, max: f64, step: f64) -> Option<Slider> {
    Some(Slider { min, max, step })
}

/// Customers and revenue.
pub const CUSTOMERS: [ScenarioField; 4] = [
    field!(
        "Customers at start",
        "Paying customers on the day the plan starts. Contact volumes grow and shrink with the customer base.",
        "customers",
        Kind::Number,
        1000.0,
        baseline.customers_at_start
    ),
    field!(
        "New customers from marketing",
        "Customers won each month by marketing and sales, the same under both strategies. Referrals from good service come on top.",
        "per month",
        Kind::Number,
        100.0,
        baseline.new_customers_per_month
    ),
    field!(
        "Revenue per customer",
        "Average recurring revenue from one customer each month (ARPU), before costs.",
        "per month",
        Kind::Number,
        1.0,
        baseline.revenue_per_customer_per_month
    ),
    field!(
        "Gross margin on that revenue",
        "Share of that revenue left after the cost of delivering the product. Recurring margin = customers × revenue per customer × this margin.",
        "%",
        Kind::Percent,
        1.0,
        baseline.gross_margin
    ),
];

/// Time and money.
pub const PLANNING: [ScenarioField; 2] = [
    field!(
        "Horizon",
        "How many months the plan looks ahead, 1 to 120. Budgets usually look 12 to 36 months out.",
        "months",
        Kind::Whole,
        1.0,
        baseline.horizon_months
    ),
    field!(
        "Discount rate",
        "How much less money is worth for every year you wait for it; it turns the extra contribution into its net present value. Finance teams often use 8–12%. Monthly rate = (1 + yearly rate)^(1/12) − 1.",
        "% a year",
        Kind::Percent,
        0.5,
        baseline.yearly_discount_rate
    ),
];

/// Contact volumes and hours.
pub const CONTACTS: [ScenarioField; 3] = [
    field!(
        "First contacts",
        "New questions and problems customers bring each month with today's customer base, before repeats and self-service. Unresolved contacts come back on top.",
        "per month",
        Kind::Number,
        500.0,
        baseline.first_contacts_per_month
    ),
    field!(
        "Hours open",
        "Hours the phone and chat queues are staffed each month: 260 is about 12 hours on each weekday.",
        "per month",
        Kind::Number,
        1.0,
        baseline.open_hours_per_month
    ),
    field!(
        "Paid hours per agent",
        "Hours a full-time agent is paid for each month: about 160 for a 37 to 40-hour week.",
        "per month",
        Kind::Number,
        1.0,
        baseline.paid_hours_per_agent_per_month
    ),
];

/// The channel mix of first contacts.
pub const CHANNEL_MIX: [ScenarioField; 4] = [
    field!(
        "Phone",
        "Share of first contacts that arrive by phone. The four shares add up to 100%.", "%", Kind::Percent, 1.0, baseline.channel_mix.phone),
    field!(
        "Chat",
        "Share of first contacts that arrive by chat. The four shares add up to 100%.", "%", Kind::Percent, 1.0, baseline.channel_mix.chat),
    field!(
        "Email",
        "Share of first contacts that arrive by email. The four shares add up to 100%.", "%", Kind::Percent, 1.0, baseline.channel_mix.email),
    field!(
        "Self-service",
        "Share of first contacts that go straight to self-service (help pages, a bot). The four shares add up to 100%.",
        "%",
        Kind::Percent,
        1.0,
        baseline.channel_mix.self_service
    ),
];

/// The cost of changing course.
pub const TRANSITION: [ScenarioField; 2] = [
    field!(
        "One-off investment in month 1",
        "What moving to the revenue center costs once, paid in month 1: hiring, training, tools, advice.",
        "¤",
        Kind::Number,
        1000.0,
        transition.one_off_investment
    ),
    field!(
        "Ramp to full effect",
        "Months until the revenue center's levers take full effect; until then they move in a straight line from the cost center's. 0 means at once.",
        "months",
        Kind::Whole,
        1.0,
        transition.ramp_months
    ),
];

/// The levers that decide the comparison, with sliders for live what-ifs.
pub const KEY_LEVERS: [Lever; 9] = [
    lever!(
        "Agent cost per paid hour",
        "What an agent costs per paid hour with benefits and overheads (loaded cost). Wages are about 70% of it: a $15.53 wage is about $22 loaded (BLS).",
        "loaded",
        Kind::Number,
        0.5,
        slider(10.0, 80.0, 0.5),
        agent_cost_per_hour
    ),
    lever!(
        "Phone handle time",
        "Average time per call: talk, hold and wrap-up. Longer calls that resolve and sell need more agents.",
        "seconds",
        Kind::Number,
        10.0,
        slider(60.0, 1200.0, 10.0),
        handle_time_seconds.phone
    ),
    lever!(
        "First-contact resolution",
        "Share of contacts solved the first time. The rest come back as repeat contacts: repeats = live first contacts × (1 − this share).",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        first_contact_resolution
    ),
    lever!(
        "Customers lost",
        "Share of customers who leave each month (churn). No public benchmark exists: use your own figures. Lifetime value = revenue per customer × margin ÷ this rate.",
        "% a month",
        Kind::Percent,
        0.1,
        slider(0.0, 10.0, 0.1),
        monthly_churn
    ),
    lever!(
        "Offer made on",
        "Share of phone and chat contacts where the agent offers something more once the problem is solved.",
        "% of phone and chat contacts",
        Kind::Percent,
        1.0,
        slider(0.0, 100.0, 1.0),
        offer_rate
    ),
    lever!(
        "Offers that convert",
        "Share of offers that become an order. Your own sales data is the only good source.",
        "%",
        Kind::Percent,
        1.0,
        slider(0.0, 60.0, 1.0),
        offer_conversion
    ),
    lever!(
        "Deflected to self-service",
        "Share of live first contacts steered to self-service instead. Few resolve there: Gartner found only 9% of customers fully resolve in self-service.",
        "% of live first contacts",
        Kind::Percent,
        1.0,
        slider(0.0, 80.0, 1.0),
        deflection
    ),
    lever!(
        "Service level goal",
        "Share of calls and chats answered within the target time. 80% in 20 seconds is the common goal, 90% for leaders (Call Centre Helper).",
        "% answered in target",
        Kind::Percent,
        1.0,
        slider(50.0, 99.0, 1.0),
        service_level_goal
    ),
    lever!(
        "Service level target",
        "The answer time the service level goal counts, in seconds: 20 is common for calls.",
        "seconds",
        Kind::Number,
        5.0,
        slider(5.0, 180.0, 5.0),
        service_level_seconds
    ),
];

/// Everything else, folded away.
pub const MORE_LEVERS: [Lever; 16] = [
    lever!(
        "Training per agent",
        "Training and coaching cost per full-time agent each month.",
        "per month",
        Kind::Number,
        10.0,
        None,
        training_per_agent_per_month
    ),
    lever!(
        "Fixed cost: tools, management",
        "Monthly cost that does not grow with the number of agents: tools, licences, team leads.",
        "per month",
        Kind::Number,
        500.0,
        None,
        fixed_cost_per_month
    ),
    lever!(
        "Chat handle time",
        "Average time an agent spends on one chat, waits included.",
        "seconds",
        Kind::Number,
        10.0,
        None,
        handle_time_seconds.chat
    ),
    lever!(
        "Email handle time",
        "Average time to read, resolve and answer one email.",
        "seconds",
        Kind::Number,
        10.0,
        None,
        handle_time_seconds.email
    ),
    lever!(
        "Chats per agent at once",
        "How many chats an agent handles at the same time; 2 is common. Chat workload = handle time ÷ this number.",
        "chats",
        Kind::Number,
        0.5,
        None,
        chat_concurrency
    ),
    lever!(
        "Maximum occupancy",
        "The most of their time on duty agents may spend on contacts; about 85% is the usual cap, above it they burn out (Call Centre Helper).",
        "%",
        Kind::Percent,
        1.0,
        None,
        max_occupancy
    ),
    lever!(
        "Shrinkage",
        "Paid time not spent on contacts: breaks, meetings, training, absence; usually 24–30% (Call Centre Helper, OpsDog). Paid hours = hours on contacts ÷ (1 − shrinkage).",
        "% of paid time",
        Kind::Percent,
        1.0,
        None,
        shrinkage
    ),
    lever!(
        "Resolved in self-service",
        "Share of self-service contacts that end there; the rest reach an agent after all.",
        "%",
        Kind::Percent,
        1.0,
        None,
        self_service_resolution
    ),
    lever!(
        "Cost per self-service contact",
        "What one self-service contact costs: about $0.10 against about $8 for one with an agent (Gartner).",
        "",
        Kind::Number,
        0.01,
        None,
        self_service_cost_per_contact
    ),
    lever!(
        "Extra talk time per offer",
        "Seconds an offer adds to a call or chat, paid in agent time.",
        "seconds",
        Kind::Number,
        5.0,
        None,
        offer_talk_seconds
    ),
    lever!(
        "Average order value",
        "Revenue from one order taken on a service contact.",
        "",
        Kind::Number,
        5.0,
        None,
        order_value
    ),
    lever!(
        "Margin on orders",
        "Share of order revenue kept after the cost of what is sold.",
        "%",
        Kind::Percent,
        1.0,
        None,
        order_margin
    ),
    lever!(
        "Referrals",
        "New customers that existing customers bring in each month, as a share of customers. Delighted customers refer more.",
        "% of customers a month",
        Kind::Percent,
        0.05,
        None,
        referral_rate
    ),
    lever!(
        "Premium support uptake",
        "Share of customers who pay for a premium support plan.",
        "% of customers",
        Kind::Percent,
        0.5,
        None,
        premium_uptake
    ),
    lever!(
        "Premium support price",
        "Monthly price of the premium support plan.",
        "per month",
        Kind::Number,
        1.0,
        None,
        premium_price_per_month
    ),
    lever!(
        "Margin on premium support",
        "Share of premium support revenue kept after its own cost.",
        "%",
        Kind::Percent,
        1.0,
        None,
        premium_margin
    ),
];

/// One channel's cost per contact in simple mode: a lever pair whose empty value means
/// "derive it from staffing".
#[derive(Clone, Copy)]
pub struct ChannelCost {
    /// The channel's name in paths: `cost_center.cost_per_contact.phone`.
    pub channel: &'static str,
    /// Visible name of the channel.
    pub label: &'static str,
    /// The channel's place in a strategy's costs per contact.
    pub slot: fn(&mut LiveChannels<Option<f64>>) -> &mut Option<f64>,
}

impl ChannelCost {
    /// The cost set for this channel in `costs`, if any.
    pub fn get(self, costs: &LiveChannels<Option<f64>>) -> Option<f64> {
        let mut costs = *costs;
        *(self.slot)(&mut costs)
    }
}

/// Simple mode: a cost per contact per live channel.
pub const CHANNEL_COSTS: [ChannelCost; 3] = [
    ChannelCost {
        channel: "phone",
        label: "Phone",
        slot: |c| &mut c.phone,
    },
    ChannelCost {
        channel: "chat",
        label: "Chat",
        slot: |c| &mut c.chat,
    },
    ChannelCost {
        channel: "email",
        label: "Email",
        slot: |c| &mut c.email,
    },
];

/// Every input of the scenario outside the strategies, in page order.
pub fn scenario_fields() -> impl Iterator<Item = &'static ScenarioField> {
    CUSTOMERS
        .iter()
        .chain(&PLANNING)
        .chain(&CONTACTS)
        .chain(&CHANNEL_MIX)
        .chain(&TRANSITION)
}

/// Every strategy lever, in page order.
pub fn levers() -> impl Iterator<Item = &'static Lever> {
    KEY_LEVERS.iter().chain(&MORE_LEVERS)
}

/// `value` as a field of `kind` shows it, followed by its `unit` (`¤` read as `currency`).
pub fn shown_value(
    kind: Kind,
    value: f64,
    unit: &str,
    currency: &str,
    separators: Separators,
) -> String {
    let unit = unit.replace('¤', currency);
    format!("{} {unit}", kind.show(value, separators))
        .trim_end()
        .to_owned()
}

/// An input that differs between scenarios: its label, and its value in each, as a field shows
/// it with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field's label, with the strategy for a lever.
    pub label: String,
    /// The value in each scenario, in their order.
    pub values: Vec<String>,
}

/// Every input whose value is not the same, to the bit, in all of `scenarios`, in page order.
pub fn differing_inputs(scenarios: &[&Scenario], separators: Separators) -> Vec<Difference> {
    let mut found = Vec::new();
    let mut compare = |label: String,
                       read: &dyn Fn(&Scenario) -> Option<f64>,
                       kind: Kind,
                       unit: &str| {
        let values: Vec<Option<f64>> = scenarios.iter().map(|s| read(s)).collect();
        let bits = |v: &Option<f64>| v.map(f64::to_bits);
        if values
            .windows(2)
            .all(|pair| bits(&pair[0]) == bits(&pair[1]))
        {
            return;
        }
        let values = values
            .iter()
            .zip(scenarios)
            .map(|(value, s)| match value {
                Some(value) => shown_value(kind, *value, unit, &s.baseline.currency, separators),
                None => "from staffing".to_owned(),
            })
            .collect();
        found.push(Difference { label, values });
    };
    for field in scenario_fields() {
        compare(
            field.label.into(),
            &|s| Some((field.get)(s)),
            field.kind,
            field.unit,
        );
    }
    type StrategyOf = fn(&Scenario) -> &Strategy;
    let strategies: [(&str, StrategyOf); 2] = [
        ("Cost center", |s| &s.cost_center),
        ("Revenue center", |s| &s.revenue_center),
    ];
    for (name, strategy) in strategies {
        for lever in levers() {
            let label = format!("{} ({name})", lever.label);
            compare(
                label,
                &|s| Some((lever.get)(strategy(s))),
                lever.kind,
                lever.unit,
            );
        }
        for cost in CHANNEL_COSTS {
            let label = format!("{} cost per contact ({name})", cost.label);
            let read = |s: &Scenario| cost.get(&strategy(s).cost_per_contact);
            compare(label, &read, Kind::Number, "¤");
        }
    }
    let currencies: Vec<String> = scenarios
        .iter()
        .map(|s| s.baseline.currency.clone())
        .collect();
    if currencies.windows(2).any(|pair| pair[0] != pair[1]) {
        found.push(Difference {
            label: "Currency".into(),
            values: currencies,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOT: Separators = Separators::DOT;

    #[test]
    fn percent_fields_round_trip() {
        let german = Separators {
            decimal: ',',
            group: '.',
        };
        assert_eq!(Kind::Percent.show(0.55, DOT), "55");
        assert_eq!(Kind::Percent.show(0.016, DOT), "1.6");
        assert_eq!(Kind::Percent.show(0.016, german), "1,6");
        assert_eq!(Kind::Percent.parse("1.6", DOT), Ok(0.016));
        assert_eq!(Kind::Percent.parse("1,6", german), Ok(0.016));
        assert_eq!(Kind::Percent.parse("55 %", DOT), Ok(0.55));
    }

    /// A message is shown next to the field whose path it names; a field whose path does not
    /// match validation's would never show its message.
    #[test]
    fn every_field_path_is_a_validation_path() {
        let far_out_of_range = 1e12;
        for field in scenario_fields() {
            let mut s = Scenario::default();
            (field.set)(&mut s, far_out_of_range);
            let errors = s.validate().expect_err(field.path);
            assert!(
                errors.message_for(field.path).is_some(),
                "no message for {}",
                field.path
            );
        }
        for lever in levers() {
            for prefix in ["cost_center", "revenue_center"] {
                let mut s = Scenario::default();
                let strategy = if prefix == "cost_center" {
                    &mut s.cost_center
                } else {
                    &mut s.revenue_center
                };
                (lever.set)(strategy, far_out_of_range);
                let path = format!("{prefix}.{}", lever.path);
                let errors = s.validate().expect_err(&path);
                assert!(errors.message_for(&path).is_some(), "no message for {path}");
            }
        }
    }

    #[test]
    fn channel_cost_paths_are_validation_paths_and_reach_their_channel() {
        for cost in CHANNEL_COSTS {
            let mut s = Scenario::default();
            *(cost.slot)(&mut s.revenue_center.cost_per_contact) = Some(-1.0);
            assert_eq!(cost.get(&s.revenue_center.cost_per_contact), Some(-1.0));
            let path = format!("revenue_center.cost_per_contact.{}", cost.channel);
            let errors = s.validate().expect_err(&path);
            assert!(errors.message_for(&path).is_some(), "no message for {path}");
        }
    }

    #[test]
    fn differing_inputs_lists_each_difference_with_every_value() {
        let example = Scenario::default();
        assert_eq!(differing_inputs(&[&example, &example.clone()], DOT), []);

        let mut leaner = example.clone();
        leaner.revenue_center.monthly_churn = 0.012;
        leaner.baseline.gross_margin = 0.55;
        leaner.cost_center.cost_per_contact.phone = Some(4.5);
        let mut euro = example.clone();
        euro.baseline.currency = "EUR".into();
        let found = differing_inputs(&[&example, &leaner, &euro], DOT);
        let row = |label: &str| {
            found
                .iter()
                .find(|d| d.label == label)
                .unwrap_or_else(|| panic!("{label} missing from {found:?}"))
                .values
                .clone()
        };
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(
            row("Gross margin on that revenue"),
            ["60 %", "55 %", "60 %"]
        );
        assert_eq!(
            row("Customers lost (Revenue center)"),
            ["1.6 % a month", "1.2 % a month", "1.6 % a month"]
        );
        assert_eq!(
            row("Phone cost per contact (Cost center)"),
            ["from staffing", "4.5 USD", "from staffing"]
        );
        assert_eq!(row("Currency"), ["USD", "USD", "EUR"]);
    }

    #[test]
    fn typing_mistakes_get_sentences() {
        assert_eq!(Kind::Number.parse("", DOT), Err("Enter a number.".into()));
        assert_eq!(
            Kind::Number.parse("abc", DOT),
            Err("\"abc\" is not a number.".into())
        );
        assert_eq!(Kind::Number.parse("1,000,000", DOT), Ok(1e6));
        assert_eq!(
            Kind::Whole.parse("12.5", DOT),
            Err("Enter a whole number.".into())
        );
        assert_eq!(
            Kind::Number.parse("NaN", DOT),
            Err("\"NaN\" is not a number.".into())
        );
        assert_eq!(
            Kind::Number.parse("1,5", DOT),
            Err("This could be read two ways: write 1.5 or 15.".into())
        );
    }
}
