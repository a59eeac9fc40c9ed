//! The month-by-month projection of one baseline under both strategies.

use thiserror::Error;

use super::comparison::Comparison;
use super::erlang::StaffingError;
use super::scenario::{Baseline, LiveChannels, Scenario, Strategy, Transition};
use super::staffing::{ChannelStaffing, WorkingTime};
use super::validation::ValidationErrors;

/// Why a scenario could not be projected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProjectionError {
    /// Some inputs are out of range; each is listed with its field.
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),
    /// A queue grew beyond what can be staffed.
    #[error("{strategy}, month {month}: {source}")]
    Staffing {
        /// "cost center" or "revenue center".
        strategy: &'static str,
        /// The 1-based month.
        month: u32,
        /// What went wrong.
        source: StaffingError,
    },
}

/// Customers through one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerFlow {
    /// Customers at the start of the month, C(m).
    pub start: f64,
    /// Lost this month: C(m) × churn.
    pub churned: f64,
    /// Won by marketing: G.
    pub won: f64,
    /// Brought by referrals: C(m) × referral rate.
    pub referred: f64,
    /// At the end of the month, C(m+1).
    pub end: f64,
}

/// Contacts in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contacts {
    /// First contacts: F0 × C(m) / C0.
    pub first: f64,
    /// Contacts served in self-service, deflected ones included.
    pub self_service: f64,
    /// Self-service contacts not resolved there, which come back by phone.
    pub self_service_failures: f64,
    /// Live first contacts per channel (phone includes the self-service failures).
    pub live_first: LiveChannels<f64>,
    /// Repeat contacts per channel from unresolved live contacts.
    pub repeats: LiveChannels<f64>,
    /// Live contacts handled per channel: first plus repeats.
    pub live: LiveChannels<f64>,
}

impl Contacts {
    /// Every contact handled, live and self-service.
    pub fn total(&self) -> f64 {
        self.self_service + self.live.total()
    }
}

/// Service cost by component in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceCost {
    /// Paid agent hours × loaded cost per hour.
    pub labour: f64,
    /// Full-time agents × training per agent.
    pub training: f64,
    /// Channels costed per contact in simple mode.
    pub per_contact: f64,
    /// Self-service contacts × their cost.
    pub self_service: f64,
    /// Fixed cost: tools, management.
    pub fixed: f64,
    /// The one-off transition investment (revenue center, month 1).
    pub investment: f64,
    /// The sum of all the above.
    pub total: f64,
}

/// Revenue lines in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Revenue {
    /// C(m) × ARPU.
    pub recurring: f64,
    /// Recurring revenue × gross margin.
    pub recurring_margin: f64,
    /// Offers made on live phone and chat contacts.
    pub offers: f64,
    /// Offers that became orders.
    pub orders: f64,
    /// Orders × order value.
    pub sales: f64,
    /// Sales × margin on orders.
    pub sales_margin: f64,
    /// Premium support subscribers: C(m) × uptake.
    pub premium_subscribers: f64,
    /// Subscribers × price.
    pub premium: f64,
    /// Premium revenue × its margin.
    pub premium_margin: f64,
}

/// One month of one strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// 1-based month number.
    pub month: u32,
    /// Share of the way from cost-center to revenue-center levers (0 for the cost center).
    pub ramp_weight: f64,
    /// Customers through the month.
    pub customers: CustomerFlow,
    /// Contacts by channel.
    pub contacts: Contacts,
    /// Staffing and cost per live channel.
    pub channels: LiveChannels<ChannelStaffing>,
    /// Full-time agents over all channels.
    pub full_time_agents: f64,
    /// Paid agent hours over all channels.
    pub paid_hours: f64,
    /// Service cost by component.
    pub cost: ServiceCost,
    /// Service cost / all contacts handled (0 when there are none).
    pub cost_per_contact: f64,
    /// Revenue lines.
    pub revenue: Revenue,
    /// Recurring margin + sales margin + premium margin - service cost.
    pub contribution: f64,
    /// Contribution summed from month 1.
    pub cumulative_contribution: f64,
}

impl Month {
    /// Agents on each queue whenever it is open; 0 for a channel with no queue.
    pub fn agents_on_queues(&self) -> LiveChannels<u32> {
        self.channels
            .map(|channel| channel.queue.map_or(0, |queue| queue.agents_on_queue))
    }
}

/// Every month of one strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyRun {
    /// Months 1 to the horizon.
    pub months: Vec<Month>,
}

impl StrategyRun {
    /// The last month of the horizon (a run always has at least one).
    pub fn last(&self) -> &Month {
        self.months
            .last()
            .expect("a projection has at least one month")
    }

    /// The sum of `value` over every month.
    pub fn sum(&self, value: impl Fn(&Month) -> f64) -> f64 {
        self.months.iter().map(value).sum()
    }
}

/// Both strategies, month by month, and their comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The cost center run.
    pub cost_center: StrategyRun,
    /// The revenue center run, transition included.
    pub revenue_center: StrategyRun,
    /// The headline figures: revenue center minus cost center.
    pub comparison: Comparison,
}

/// Projects a scenario month by month under both strategies and compares them.
///
/// # Formula
///
/// ```text
/// C(1) = C0;  C(m+1) = C(m) × (1 - churn) + G + C(m) × referral rate
/// F(m) = F0 × C(m) / C0
/// self-service S = F × (mix_ss + (1 - mix_ss) × d);  failures = S × (1 - r_ss)
/// live first_k = F × mix_k × (1 - d)  (+ failures on phone);  live_k = first_k × (2 - FCR)
/// contribution = C × ARPU × g + sales margin + premium margin - service cost
/// ```
///
/// # Errors
///
/// [`ProjectionError::Invalid`] listing every field out of range; [`ProjectionError::Staffing`]
/// when a queue's traffic grows beyond what can be staffed.
///
/// # Examples
///
/// ```
/// use frontline::model::{project, Scenario};
/// let projection = project(&Scenario::default()).unwrap();
/// assert_eq!(projection.revenue_center.months.len(), 36);
/// assert!(projection.comparison.extra_contribution.is_finite());
/// ```
pub fn project(scenario: &Scenario) -> Result<Projection, ProjectionError> {
    scenario.validate()?;
    project_valid(scenario)
}

/// [`project`] for a scenario known to be valid: one that differs from a validated scenario only
/// in levers each kept within its valid range, none of them a channel's share (whose sum is
/// checked) or the ramp (checked against the horizon). Analyses that project thousands of
/// such variants skip the validation they cannot fail.
///
/// # Errors
///
/// [`ProjectionError::Staffing`] when a queue's traffic grows beyond what can be staffed.
pub(crate) fn project_valid(scenario: &Scenario) -> Result<Projection, ProjectionError> {
    let cost_center = run_strategy(scenario, StrategyKind::CostCenter)?;
    let revenue_center = run_strategy(scenario, StrategyKind::RevenueCenter)?;
    let comparison = Comparison::new(scenario, &cost_center, &revenue_center);
    Ok(Projection {
        cost_center,
        revenue_center,
        comparison,
    })
}

/// The comparison of `scenario`'s revenue center with `cost_center`, its cost center's run
/// projected before: for the variants of a plan that differ only in the revenue center's levers
/// or the transition, which leave the cost center's run as it is, so that it is projected once
/// rather than for each.
///
/// # Errors
///
/// [`ProjectionError::Staffing`] when a queue's traffic grows beyond what can be staffed.
pub(crate) fn compare_with(
    scenario: &Scenario,
    cost_center: &StrategyRun,
) -> Result<Comparison, ProjectionError> {
    let revenue_center = run_strategy(scenario, StrategyKind::RevenueCenter)?;
    Ok(Comparison::new(scenario, cost_center, &revenue_center))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StrategyKind {
    CostCenter,
    RevenueCenter,
}

impl StrategyKind {
    fn name(self) -> &'static str {
        match self {
            StrategyKind::CostCenter => "cost center",
            StrategyKind::RevenueCenter => "revenue center",
        }
    }

    /// Share of the way to the revenue-center levers in 1-based `month`.
    ///
    /// # Formula
    ///
    /// ```text
    /// w(m) = min(m / K, 1) for a ramp of K months; 1 when K = 0
    /// ```
    fn ramp_weight(self, transition: &Transition, month: u32) -> f64 {
        match self {
            StrategyKind::CostCenter => 0.0,
            StrategyKind::RevenueCenter if transition.ramp_months == 0 => 1.0,
            StrategyKind::RevenueCenter => {
                (f64::from(month) / f64::from(transition.ramp_months)).min(1.0)
            }
        }
    }
}

fn run_strategy(scenario: &Scenario, kind: StrategyKind) -> Result<StrategyRun, ProjectionError> {
    let baseline = &scenario.baseline;
    let horizon = baseline.horizon_months;
    let mut months = Vec::with_capacity(horizon as usize);
    let mut customers = baseline.customers_at_start;
    let mut cumulative = 0.0;
    for month in 1..=horizon {
        let weight = kind.ramp_weight(&scenario.transition, month);
        let levers = Strategy::blend(&scenario.cost_center, &scenario.revenue_center, weight);
        let investment = if kind == StrategyKind::RevenueCenter && month == 1 {
            scenario.transition.one_off_investment
        } else {
            0.0
        };
        let near = months
            .last()
            .map_or(LiveChannels::default(), Month::agents_on_queues);
        let mut row =
            project_month(baseline, &levers, customers, investment, near).map_err(|source| {
                ProjectionError::Staffing {
                    strategy: kind.name(),
                    month,
                    source,
                }
            })?;
        row.month = month;
        row.ramp_weight = weight;
        cumulative += row.contribution;
        row.cumulative_contribution = cumulative;
        customers = row.customers.end;
        months.push(row);
    }
    Ok(StrategyRun { months })
}

/// One month under fixed levers, starting with `customers`; `near` is where each queue's agent
/// search starts (the month before's agents), which saves time and changes nothing else.
#[inline(always)]
fn project_month(
    baseline: &Baseline,
    levers: &Strategy,
    customers: f64,
    investment: f64,
    near: LiveChannels<u32>,
) -> Result<Month, StaffingError> {
    let flow = CustomerFlow {
        start: customers,
        churned: customers * levers.monthly_churn,
        won: baseline.new_customers_per_month,
        referred: customers * levers.referral_rate,
        end: customers * (1.0 - levers.monthly_churn + levers.referral_rate)
            + baseline.new_customers_per_month,
    };

    let contacts = contacts_for(baseline, levers, customers);

    let time = WorkingTime {
        open_hours_per_month: baseline.open_hours_per_month,
        paid_hours_per_agent_per_month: baseline.paid_hours_per_agent_per_month,
    };
    let aht = levers.handle_time_seconds;
    let (phone_aht, chat_aht) = levers.queue_handle_times();
    let channels = LiveChannels {
        phone: time.queue(
            levers,
            contacts.live.phone,
            phone_aht,
            levers.cost_per_contact.phone,
            near.phone,
        )?,
        chat: time.queue(
            levers,
            contacts.live.chat,
            chat_aht,
            levers.cost_per_contact.chat,
            near.chat,
        )?,
        email: time.email(
            levers,
            contacts.live.email,
            aht.email,
            levers.cost_per_contact.email,
        ),
    };
    let all = [channels.phone, channels.chat, channels.email];
    // Generic rather than a closure over `fn` pointers, so that each sum is inlined.
    fn summed(all: &[ChannelStaffing; 3], value: impl Fn(&ChannelStaffing) -> f64) -> f64 {
        all.iter().map(value).sum()
    }

    let mut cost = ServiceCost {
        labour: summed(&all, |c| c.labour_cost),
        training: summed(&all, |c| c.training_cost),
        per_contact: summed(&all, |c| c.per_contact_cost),
        self_service: contacts.self_service * levers.self_service_cost_per_contact,
        fixed: levers.fixed_cost_per_month,
        investment,
        total: 0.0,
    };
    cost.total = cost.labour
        + cost.training
        + cost.per_contact
        + cost.self_service
        + cost.fixed
        + investment;

    let revenue = revenue_for(baseline, levers, customers, &contacts);
    let contribution =
        revenue.recurring_margin + revenue.sales_margin + revenue.premium_margin - cost.total;
    let handled = contacts.total();

    Ok(Month {
        month: 0,
        ramp_weight: 0.0,
        customers: flow,
        contacts,
        channels,
        full_time_agents: summed(&all, |c| c.full_time_agents),
        paid_hours: summed(&all, |c| c.paid_hours),
        cost,
        cost_per_contact: if handled > 0.0 {
            cost.total / handled
        } else {
            0.0
        },
        revenue,
        contribution,
        cumulative_contribution: 0.0,
    })
}

/// Contacts for a month with `customers` at its start: first contacts per customer stay as they
/// were at the start.
fn contacts_for(baseline: &Baseline, levers: &Strategy, customers: f64) -> Contacts {
    let per_customer = baseline.first_contacts_per_month / baseline.customers_at_start;
    let first = per_customer * customers;
    let mix = baseline.channel_mix;
    let d = levers.deflection;
    let self_service = first * (mix.self_service + (1.0 - mix.self_service) * d);
    let failures = self_service * (1.0 - levers.self_service_resolution);
    let live_first = LiveChannels {
        phone: first * mix.phone * (1.0 - d) + failures,
        chat: first * mix.chat * (1.0 - d),
        email: first * mix.email * (1.0 - d),
    };
    let unresolved = 1.0 - levers.first_contact_resolution;
    let repeats = live_first.map(|k| k * unresolved);
    Contacts {
        first,
        self_service,
        self_service_failures: failures,
        live_first,
        repeats,
        live: live_first.zip_with(repeats, |a, b| a + b),
    }
}

fn revenue_for(
    baseline: &Baseline,
    levers: &Strategy,
    customers: f64,
    contacts: &Contacts,
) -> Revenue {
    let recurring = customers * baseline.revenue_per_customer_per_month;
    let offers = (contacts.live.phone + contacts.live.chat) * levers.offer_rate;
    let orders = offers * levers.offer_conversion;
    let sales = orders * levers.order_value;
    let premium_subscribers = customers * levers.premium_uptake;
    let premium = premium_subscribers * levers.premium_price_per_month;
    Revenue {
        recurring,
        recurring_margin: recurring * baseline.gross_margin,
        offers,
        orders,
        sales,
        sales_margin: sales * levers.order_margin,
        premium_subscribers,
        premium,
        premium_margin: premium * levers.premium_margin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn example() -> Projection {
        project(&Scenario::default()).unwrap()
    }

    #[test]
    fn month_one_of_the_cost_center_by_hand() {
        let m = &example().cost_center.months[0];
        // 30,000 first contacts; self-service 30,000 × (0.10 + 0.90 × 0.20) = 8,400.
        assert_abs_diff_eq!(m.contacts.self_service, 8_400.0, epsilon = 1e-9);
        assert_abs_diff_eq!(m.contacts.self_service_failures, 4_200.0, epsilon = 1e-9);
        // Phone: 30,000 × 0.55 × 0.8 + 4,200 = 17,400 first, × 1.35 with repeats.
        assert_abs_diff_eq!(m.contacts.live_first.phone, 17_400.0, epsilon = 1e-9);
        assert_abs_diff_eq!(m.contacts.live.phone, 23_490.0, epsilon = 1e-9);
        // Customers: 100,000 - 2,000 churned + 3,000 won + 100 referred.
        assert_abs_diff_eq!(m.customers.end, 101_100.0, epsilon = 1e-9);
        // Recurring margin 100,000 × 40 × 0.6; the cost center sells nothing.
        assert_abs_diff_eq!(m.revenue.recurring_margin, 2_400_000.0, epsilon = 1e-6);
        assert_eq!(m.revenue.sales, 0.0);
        assert_eq!(m.revenue.premium, 0.0);
        // Phone traffic: 23,490 / 520 intervals × 300 s / 1800 s.
        let phone = m.channels.phone.queue.unwrap();
        assert_abs_diff_eq!(
            phone.traffic_erlangs,
            23_490.0 / 520.0 * 300.0 / 1800.0,
            epsilon = 1e-9
        );
        assert!(phone.service_level >= 0.70 && phone.occupancy <= 0.90);
        assert_abs_diff_eq!(
            m.contribution,
            m.revenue.recurring_margin - m.cost.total,
            epsilon = 1e-6
        );
    }

    #[test]
    fn revenue_center_pays_the_investment_in_month_one_and_ramps() {
        let p = example();
        let first = &p.revenue_center.months[0];
        assert_eq!(first.cost.investment, 60_000.0);
        assert!(p.revenue_center.months[1..]
            .iter()
            .all(|m| m.cost.investment == 0.0));
        assert_abs_diff_eq!(first.ramp_weight, 1.0 / 6.0, epsilon = 1e-12);
        assert_eq!(p.revenue_center.months[5].ramp_weight, 1.0);
        assert!(p.cost_center.months.iter().all(|m| m.ramp_weight == 0.0));
    }

    #[test]
    fn a_ramp_of_zero_switches_at_once() {
        let mut s = Scenario::default();
        s.transition.ramp_months = 0;
        let p = project(&s).unwrap();
        let m = &p.revenue_center.months[0];
        assert_eq!(m.ramp_weight, 1.0);
        assert_abs_diff_eq!(m.customers.churned, 100_000.0 * 0.016, epsilon = 1e-9);
    }

    #[test]
    fn cumulative_contribution_adds_up() {
        let p = example();
        for run in [&p.cost_center, &p.revenue_center] {
            assert_abs_diff_eq!(
                run.last().cumulative_contribution,
                run.sum(|m| m.contribution),
                epsilon = 1e-3
            );
        }
    }

    #[test]
    fn invalid_scenarios_are_refused_with_every_problem() {
        let mut s = Scenario::default();
        s.baseline.channel_mix.phone = 0.9;
        s.cost_center.shrinkage = 1.0;
        match project(&s) {
            Err(ProjectionError::Invalid(errors)) => assert_eq!(errors.0.len(), 2),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn simple_mode_costs_a_channel_per_contact_without_agents() {
        let mut s = Scenario::default();
        s.cost_center.cost_per_contact.phone = Some(8.0);
        let m = &project(&s).unwrap().cost_center.months[0];
        assert_eq!(m.channels.phone.full_time_agents, 0.0);
        assert_eq!(m.channels.phone.queue, None);
        assert_abs_diff_eq!(
            m.cost.per_contact,
            m.contacts.live.phone * 8.0,
            epsilon = 1e-6
        );
    }

    #[test]
    fn runaway_growth_is_an_error_not_a_panic() {
        let mut s = Scenario::default();
        s.baseline.customers_at_start = 1.0;
        s.baseline.new_customers_per_month = 1e8;
        s.baseline.first_contacts_per_month = 1e8;
        s.baseline.open_hours_per_month = 1.0;
        match project(&s) {
            Err(ProjectionError::Staffing { month, .. }) => assert!(month >= 1),
            other => panic!("expected a staffing error, got {other:?}"),
        }
    }
}
