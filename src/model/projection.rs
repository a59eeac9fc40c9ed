//! The month-by-month projection of one baseline under each strategy.

use thiserror::Error;

use super::comparison::{Comparison, StrategySummary};
use super::erlang::StaffingError;
use super::scenario::{Baseline, ChannelMix, LiveChannels, Scenario, Strategy, Transition};
use super::segments::{self, Treatments};
use super::staffing::{ChannelStaffing, QueuePart, WorkingTime};
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
        /// The strategy's name in a sentence: "cost center".
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

/// Which strategy: each serves some parts of the customer base under the revenue center's
/// levers and the rest under the cost center's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyKind {
    /// Every part under the cost center's levers: the reference.
    CostCenter,
    /// Every part moved to the revenue center's levers.
    RevenueCenter,
    /// The segments the manager chose moved to the revenue center's levers, the rest kept on
    /// the cost center's: for a scenario with segments.
    Differentiated,
}

impl StrategyKind {
    /// Every strategy a scenario may have, in the order they are run: the reference first.
    pub const ALL: [StrategyKind; 3] = [
        StrategyKind::CostCenter,
        StrategyKind::RevenueCenter,
        StrategyKind::Differentiated,
    ];

    /// Its name, as the page shows it: "Cost center".
    pub fn name(self) -> &'static str {
        match self {
            StrategyKind::CostCenter => "Cost center",
            StrategyKind::RevenueCenter => "Revenue center",
            StrategyKind::Differentiated => "Differentiated",
        }
    }

    /// Its name within a sentence: "cost center".
    pub fn in_sentence(self) -> &'static str {
        match self {
            StrategyKind::CostCenter => "cost center",
            StrategyKind::RevenueCenter => "revenue center",
            StrategyKind::Differentiated => "differentiated strategy",
        }
    }

    /// A short key for it in styles and test hooks: "cc".
    pub fn key(self) -> &'static str {
        match self {
            StrategyKind::CostCenter => "cc",
            StrategyKind::RevenueCenter => "rc",
            StrategyKind::Differentiated => "df",
        }
    }
}

/// A service strategy of a scenario: which one, and which parts of the customer base it serves
/// under the revenue center's levers (the rest under the cost center's).
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyPlan {
    /// Which strategy.
    pub kind: StrategyKind,
    /// For each part of the customer base, whether it is moved to the revenue center's levers.
    pub moved: Vec<bool>,
}

impl StrategyPlan {
    /// Whether any part is moved: the strategy pays the transition and follows its ramp.
    pub fn moves(&self) -> bool {
        self.moved.contains(&true)
    }

    /// The levers its moved parts reach once the ramp is over, or the cost center's when it
    /// moves none: what its summary's per-customer measures are worked out with.
    pub fn end_levers<'a>(&self, scenario: &'a Scenario) -> &'a Strategy {
        if self.moves() {
            &scenario.revenue_center
        } else {
            &scenario.cost_center
        }
    }
}

/// The strategies of `scenario`, in the order of [`StrategyKind::ALL`]: the reference every
/// other is measured against first, the cost center, which moves nothing; then the revenue
/// center, which moves every part; then, for a scenario with segments, the differentiated
/// strategy, which moves the parts the manager chose.
///
/// # Examples
///
/// ```
/// use frontline::model::projection::{strategies, StrategyKind};
/// use frontline::model::{segments::Segment, Scenario};
/// let kinds = |s: &Scenario| strategies(s).iter().map(|s| s.kind).collect::<Vec<_>>();
/// let mut scenario = Scenario::default();
/// assert_eq!(kinds(&scenario), [StrategyKind::CostCenter, StrategyKind::RevenueCenter]);
/// scenario.segmentation.segments.push(Segment::key_accounts());
/// assert_eq!(kinds(&scenario), StrategyKind::ALL);
/// ```
pub fn strategies(scenario: &Scenario) -> Vec<StrategyPlan> {
    let segmentation = &scenario.segmentation;
    let parts = 1 + segmentation.segments.len();
    let mut plans = vec![
        StrategyPlan {
            kind: StrategyKind::CostCenter,
            moved: vec![false; parts],
        },
        StrategyPlan {
            kind: StrategyKind::RevenueCenter,
            moved: vec![true; parts],
        },
    ];
    if parts > 1 {
        let chosen = segmentation.segments.iter().map(|s| s.differentiated);
        plans.push(StrategyPlan {
            kind: StrategyKind::Differentiated,
            moved: std::iter::once(segmentation.others_differentiated)
                .chain(chosen)
                .collect(),
        });
    }
    plans
}

/// What a customer is worth in margin over their life, under the treatment `plan` gives each of
/// `parts` once the ramp is over, on average over the parts at the start; `None` when a part
/// with customers loses none.
///
/// # Formula
///
/// ```text
/// lifetime value = Σ share_i × ARPU_i × g_i / churn_i
/// ```
fn lifetime_value(parts: &[Part], plan: &StrategyPlan) -> Option<f64> {
    let mut value = 0.0;
    for (part, &moved) in parts.iter().zip(&plan.moved) {
        if part.share == 0.0 {
            continue;
        }
        let churn = part.churn.at(if moved { 1.0 } else { 0.0 });
        if churn <= 0.0 {
            return None;
        }
        value += part.share * (part.revenue_per_customer_per_month * part.gross_margin / churn);
    }
    Some(value)
}

/// The parts of `scenario`'s customer base, each run on its own and staffed together: the
/// others, then each segment.
pub(crate) fn parts(scenario: &Scenario) -> Vec<Part> {
    let segments = &scenario.segmentation.segments;
    let mut parts = Vec::with_capacity(1 + segments.len());
    parts.push(segments::others(scenario));
    parts.extend(segments.iter().map(|s| segments::part_of(scenario, s)));
    parts
}

/// Every month of one strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyRun {
    /// The strategy run.
    pub plan: StrategyPlan,
    /// Months 1 to the horizon.
    pub months: Vec<Month>,
    /// What a customer is worth in margin over their life once the ramp is over, on average
    /// over the parts of the base; `None` when some customers never leave.
    pub lifetime_value: Option<f64>,
    /// What each part of the customer base contributes over the horizon, in the order of the
    /// parts (the others, then each segment): its margins less the service cost it is
    /// allocated. They add up to the run's contribution.
    pub part_contributions: Vec<f64>,
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

/// Every strategy, month by month, and how each measures against the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// Each strategy's run, in the order of [`strategies`]: the reference, the cost center,
    /// first.
    pub runs: Vec<StrategyRun>,
    /// Each strategy after the reference measured against it, in the order of `runs[1..]`.
    pub comparisons: Vec<Comparison>,
}

impl Projection {
    /// The run every other strategy is measured against: the cost center's.
    pub fn reference(&self) -> &StrategyRun {
        &self.runs[0]
    }

    /// Each strategy after the reference, with how it measures against it.
    pub fn challengers(&self) -> impl Iterator<Item = (&StrategyRun, &Comparison)> {
        self.runs[1..].iter().zip(&self.comparisons)
    }

    /// The revenue center measured against the cost center: every part moved.
    pub fn revenue_center(&self) -> &Comparison {
        &self.comparisons[0]
    }

    /// The challenger that makes the case against the reference: the one that earns the most
    /// over the horizon, the first of equals.
    pub fn best_challenger(&self) -> (&StrategyRun, &Comparison) {
        let best = best_of(&self.comparisons);
        (&self.runs[1 + best], &self.comparisons[best])
    }

    /// The best challenger's comparison, kept when the rest is not needed.
    pub fn into_best_comparison(mut self) -> Comparison {
        self.comparisons.swap_remove(best_of(&self.comparisons))
    }

    /// Where `kind`'s run is in [`Projection::runs`], when the scenario has that strategy.
    pub fn index_of(&self, kind: StrategyKind) -> Option<usize> {
        self.runs.iter().position(|run| run.plan.kind == kind)
    }

    /// The summary of the strategy at `index` in [`Projection::runs`].
    pub fn summary(&self, index: usize) -> Option<&StrategySummary> {
        match index.checked_sub(1) {
            None => self.comparisons.first().map(|c| &c.reference),
            Some(challenger) => self.comparisons.get(challenger).map(|c| &c.strategy),
        }
    }
}

/// Where the comparison with the most extra contribution is in `comparisons` (at least one),
/// the first of equals.
fn best_of(comparisons: &[Comparison]) -> usize {
    let mut best = 0;
    for (i, c) in comparisons.iter().enumerate() {
        if c.extra_contribution > comparisons[best].extra_contribution {
            best = i;
        }
    }
    best
}

/// Projects a scenario month by month under every strategy and compares each with the
/// reference.
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
/// assert_eq!(projection.runs[1].months.len(), 36);
/// assert!(projection.revenue_center().extra_contribution.is_finite());
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
    let parts = parts(scenario);
    let plans = strategies(scenario);
    let mut runs = Vec::with_capacity(plans.len());
    for plan in plans {
        runs.push(run_strategy(scenario, &parts, plan)?);
    }
    let comparisons = runs[1..]
        .iter()
        .map(|run| Comparison::new(scenario, &runs[0], run))
        .collect();
    Ok(Projection { runs, comparisons })
}

/// The best challenger's comparison (see [`Projection::best_challenger`]) for `scenario`, with
/// `reference`, its cost center's run projected before: for the variants of a plan that differ
/// only in the revenue center's levers or the transition, which leave the cost center's run as
/// it is, so that it is projected once rather than for each.
///
/// # Errors
///
/// [`ProjectionError::Staffing`] when a queue's traffic grows beyond what can be staffed.
pub(crate) fn compare_with(
    scenario: &Scenario,
    reference: &StrategyRun,
) -> Result<Comparison, ProjectionError> {
    let parts = parts(scenario);
    let mut comparisons = Vec::with_capacity(2);
    for plan in strategies(scenario).into_iter().skip(1) {
        let run = run_strategy(scenario, &parts, plan)?;
        comparisons.push(Comparison::new(scenario, reference, &run));
    }
    Ok(comparisons.swap_remove(best_of(&comparisons)))
}

/// Share of the way to the revenue-center levers in 1-based `month` of a strategy that moves
/// some part of the customer base.
///
/// # Formula
///
/// ```text
/// w(m) = min(m / K, 1) for a ramp of K months; 1 when K = 0
/// ```
fn ramp_weight(transition: &Transition, month: u32) -> f64 {
    if transition.ramp_months == 0 {
        1.0
    } else {
        (f64::from(month) / f64::from(transition.ramp_months)).min(1.0)
    }
}

/// A part of the customer base as a projection runs it: its customers, what they pay, how often
/// they get in touch and through which channels, and how many leave and refer under each
/// treatment. Each part is served under the cost center's levers or, once moved, the revenue
/// center's; every part shares one contact center.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    /// Customers on the day the plan starts.
    pub customers_at_start: f64,
    /// New customers won by marketing each month.
    pub new_customers_per_month: f64,
    /// Recurring revenue per customer per month.
    pub revenue_per_customer_per_month: f64,
    /// Gross margin on recurring revenue.
    pub gross_margin: f64,
    /// First contacts per customer per month.
    pub contacts_per_customer: f64,
    /// Where first contacts go.
    pub channel_mix: ChannelMix,
    /// Share of its customers lost each month, under each treatment.
    pub churn: Treatments,
    /// New customers referred per customer per month, under each treatment.
    pub referral: Treatments,
    /// Its share of the customers at the start: how fixed costs and the investment are shared.
    pub share: f64,
}

impl Part {
    /// The whole customer base of `scenario` as one part.
    pub fn whole_base(scenario: &Scenario) -> Self {
        let baseline = &scenario.baseline;
        let (cost, revenue) = (&scenario.cost_center, &scenario.revenue_center);
        Part {
            customers_at_start: baseline.customers_at_start,
            new_customers_per_month: baseline.new_customers_per_month,
            revenue_per_customer_per_month: baseline.revenue_per_customer_per_month,
            gross_margin: baseline.gross_margin,
            contacts_per_customer: baseline.first_contacts_per_month / baseline.customers_at_start,
            channel_mix: baseline.channel_mix,
            churn: Treatments {
                cost_center: cost.monthly_churn,
                revenue_center: revenue.monthly_churn,
            },
            referral: Treatments {
                cost_center: cost.referral_rate,
                revenue_center: revenue.referral_rate,
            },
            share: 1.0,
        }
    }
}

// Kept out of line: called for each strategy, and by analyses per trial.
#[inline(never)]
fn run_strategy(
    scenario: &Scenario,
    parts: &[Part],
    plan: StrategyPlan,
) -> Result<StrategyRun, ProjectionError> {
    let (months, part_contributions) =
        run_plan(scenario, parts, &plan.moved).map_err(|(month, source)| {
            ProjectionError::Staffing {
                strategy: plan.kind.in_sentence(),
                month,
                source,
            }
        })?;
    Ok(StrategyRun {
        lifetime_value: lifetime_value(parts, &plan),
        plan,
        months,
        part_contributions,
    })
}

/// Every month of `parts` of the customer base (at least one), those `moved` served under the
/// revenue center's levers (reached over the ramp) and the rest under the cost center's; and
/// what each part contributes over the horizon.
///
/// # Formula
///
/// ```text
/// one-off investment = investment × Σ share of the parts moved       (in month 1)
/// contribution_p     = margins_p - self-service_p - fixed × share_p - investment × share_p (moved)
///                      - Σ channel cost_p            (queue hours shared out by workload)
/// ```
///
/// # Errors
///
/// The month and why, when a queue's traffic grows beyond what can be staffed.
pub(crate) fn run_plan(
    scenario: &Scenario,
    parts: &[Part],
    moved: &[bool],
) -> Result<(Vec<Month>, Vec<f64>), (u32, StaffingError)> {
    let horizon = scenario.baseline.horizon_months;
    let moves = moved.contains(&true);
    let moved_share: f64 = parts
        .iter()
        .zip(moved)
        .filter(|(_, m)| **m)
        .map(|(p, _)| p.share)
        .sum();
    let mut months: Vec<Month> = Vec::with_capacity(horizon as usize);
    let mut scratch = Scratch::new(parts);
    let mut cumulative = 0.0;
    for month in 1..=horizon {
        let weight = if moves {
            ramp_weight(&scenario.transition, month)
        } else {
            0.0
        };
        // Literal zeros outside month 1: a product with the share moved could be -0.0.
        let (investment_per_share, investment) = if moves && month == 1 {
            let investment = scenario.transition.one_off_investment;
            (investment, investment * moved_share)
        } else {
            (0.0, 0.0)
        };
        // With no part moved, no part is served under the blend: skip working it out.
        let blended;
        let moving = if moves {
            blended = Strategy::blend(&scenario.cost_center, &scenario.revenue_center, weight);
            &blended
        } else {
            &scenario.cost_center
        };
        let inputs = MonthInputs {
            baseline: &scenario.baseline,
            parts,
            moved,
            moving,
            kept: &scenario.cost_center,
            weight,
            investment_per_share,
            investment,
            near: months
                .last()
                .map_or(LiveChannels::default(), Month::agents_on_queues),
        };
        let mut row = inputs
            .project(&mut scratch)
            .map_err(|source| (month, source))?;
        row.month = month;
        row.ramp_weight = weight;
        cumulative += row.contribution;
        row.cumulative_contribution = cumulative;
        months.push(row);
    }
    Ok((months, scratch.contribution))
}

/// What a month of some parts of the customer base starts from.
struct MonthInputs<'a> {
    baseline: &'a Baseline,
    parts: &'a [Part],
    /// Which parts are served under `moving`; the rest are `kept` under the cost center's.
    moved: &'a [bool],
    moving: &'a Strategy,
    kept: &'a Strategy,
    /// How far the moved parts are along the ramp.
    weight: f64,
    /// The one-off investment this month, for the whole base: each moved part pays its share.
    investment_per_share: f64,
    /// The one-off investment this month, of the parts moved.
    investment: f64,
    /// Where each queue's agent search starts (the month before's agents), which saves time and
    /// changes nothing else.
    near: LiveChannels<u32>,
}

/// What each part carries from one step of a month to the next, kept from month to month so
/// that a month allocates nothing.
struct Scratch {
    /// Each part's customers at the month's start, and at its end once projected.
    customers: Vec<f64>,
    /// Each part's live contacts in the month, which its queues share.
    live: Vec<LiveChannels<f64>>,
    /// Each part's contribution summed from month 1.
    contribution: Vec<f64>,
}

impl Scratch {
    fn new(parts: &[Part]) -> Self {
        Scratch {
            customers: parts.iter().map(|p| p.customers_at_start).collect(),
            live: vec![LiveChannels::default(); parts.len()],
            contribution: vec![0.0; parts.len()],
        }
    }
}

impl MonthInputs<'_> {
    fn levers(&self, part: usize) -> &Strategy {
        if self.moved[part] {
            self.moving
        } else {
            self.kept
        }
    }

    /// The month, leaving each part's customers at its end in `scratch`.
    ///
    /// The month's figures are the parts' added up as they come, from -0.0, so that a month of
    /// one part is that part's figures, bit for bit.
    #[inline(always)]
    fn project(&self, scratch: &mut Scratch) -> Result<Month, StaffingError> {
        let n = self.parts.len();
        let (mut flow, mut contacts, mut revenue) =
            (CustomerFlow::NONE, Contacts::NONE, Revenue::NONE);
        let (mut self_service, mut fixed) = (-0.0, -0.0);
        for (i, ((customers, live), contribution)) in scratch
            .customers
            .iter_mut()
            .zip(scratch.live.iter_mut())
            .zip(scratch.contribution.iter_mut())
            .enumerate()
        {
            let part = &self.parts[i];
            let weight = if self.moved[i] { self.weight } else { 0.0 };
            let served = Served {
                part,
                levers: self.levers(i),
                customers: *customers,
                churn: part.churn.at(weight),
                referral: part.referral.at(weight),
            };
            let part_contacts = served.contacts();
            let part_flow = served.flow();
            let part_revenue = served.revenue(&part_contacts);
            let part_self_service =
                part_contacts.self_service * served.levers.self_service_cost_per_contact;
            let part_fixed = served.levers.fixed_cost_per_month * part.share;
            let part_investment = if self.moved[i] {
                self.investment_per_share * part.share
            } else {
                0.0
            };
            // The queues' cost is taken off once they are staffed, below.
            *contribution += part_revenue.recurring_margin
                + part_revenue.sales_margin
                + part_revenue.premium_margin
                - part_self_service
                - part_fixed
                - part_investment;
            revenue = revenue + part_revenue;
            self_service += part_self_service;
            fixed += part_fixed;
            *live = part_contacts.live;
            contacts = contacts + part_contacts;
            flow = flow + part_flow;
            *customers = part_flow.end;
        }

        let time = WorkingTime {
            open_hours_per_month: self.baseline.open_hours_per_month,
            paid_hours_per_agent_per_month: self.baseline.paid_hours_per_agent_per_month,
        };
        let live = &scratch.live;
        let contribution = &mut scratch.contribution;
        let phone = time.pooled_queue(
            n,
            |i| {
                let levers = self.levers(i);
                QueuePart {
                    levers,
                    contacts: live[i].phone,
                    aht_effective_seconds: levers.queue_handle_times().0,
                    cost_per_contact: levers.cost_per_contact.phone,
                }
            },
            self.near.phone,
            |i, share| contribution[i] -= share.cost(),
        )?;
        let chat = time.pooled_queue(
            n,
            |i| {
                let levers = self.levers(i);
                QueuePart {
                    levers,
                    contacts: live[i].chat,
                    aht_effective_seconds: levers.queue_handle_times().1,
                    cost_per_contact: levers.cost_per_contact.chat,
                }
            },
            self.near.chat,
            |i, share| contribution[i] -= share.cost(),
        )?;
        let email = live
            .iter()
            .enumerate()
            .fold(ChannelStaffing::NONE, |sum, (i, live)| {
                let levers = self.levers(i);
                let share = time.email(
                    levers,
                    live.email,
                    levers.handle_time_seconds.email,
                    levers.cost_per_contact.email,
                );
                contribution[i] -= share.cost();
                sum + share
            });
        let channels = LiveChannels { phone, chat, email };
        let all = [phone, chat, email];
        // Generic rather than a closure over `fn` pointers, so that each sum is inlined.
        fn summed(all: &[ChannelStaffing; 3], value: impl Fn(&ChannelStaffing) -> f64) -> f64 {
            all.iter().map(value).sum()
        }

        let mut cost = ServiceCost {
            labour: summed(&all, |c| c.labour_cost),
            training: summed(&all, |c| c.training_cost),
            per_contact: summed(&all, |c| c.per_contact_cost),
            self_service,
            fixed,
            investment: self.investment,
            total: 0.0,
        };
        cost.total = cost.labour
            + cost.training
            + cost.per_contact
            + cost.self_service
            + cost.fixed
            + self.investment;

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
}

/// A part of the customer base in a month: the levers it is served with, and its customers at
/// the month's start.
struct Served<'a> {
    part: &'a Part,
    levers: &'a Strategy,
    customers: f64,
    /// Its churn and referral rate along the ramp.
    churn: f64,
    referral: f64,
}

impl Served<'_> {
    /// Customers through the month.
    fn flow(&self) -> CustomerFlow {
        let (customers, churn, referral) = (self.customers, self.churn, self.referral);
        let won = self.part.new_customers_per_month;
        CustomerFlow {
            start: customers,
            churned: customers * churn,
            won,
            referred: customers * referral,
            end: customers * (1.0 - churn + referral) + won,
        }
    }

    /// Contacts in the month: first contacts per customer stay as they were at the start.
    fn contacts(&self) -> Contacts {
        let (levers, mix) = (self.levers, self.part.channel_mix);
        let first = self.part.contacts_per_customer * self.customers;
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

    /// Revenue in the month, with its `contacts`.
    fn revenue(&self, contacts: &Contacts) -> Revenue {
        let (customers, levers) = (self.customers, self.levers);
        let recurring = customers * self.part.revenue_per_customer_per_month;
        let offers = (contacts.live.phone + contacts.live.chat) * levers.offer_rate;
        let orders = offers * levers.offer_conversion;
        let sales = orders * levers.order_value;
        let premium_subscribers = customers * levers.premium_uptake;
        let premium = premium_subscribers * levers.premium_price_per_month;
        Revenue {
            recurring,
            recurring_margin: recurring * self.part.gross_margin,
            offers,
            orders,
            sales,
            sales_margin: sales * levers.order_margin,
            premium_subscribers,
            premium,
            premium_margin: premium * levers.premium_margin,
        }
    }
}

/// Figures that parts add up to: `NONE` holds -0.0 in every number, which adds nothing to any
/// number, so that adding one part to it gives that part, bit for bit.
macro_rules! added_up {
    ($type:ident { $($field:ident: $zero:expr),* $(,)? }) => {
        impl $type {
            /// Nothing yet, to add parts to.
            const NONE: Self = $type { $($field: $zero),* };
        }

        /// These figures and another part's, field by field.
        impl std::ops::Add for $type {
            type Output = Self;

            #[inline(always)]
            fn add(self, other: Self) -> Self {
                $type { $($field: self.$field + other.$field),* }
            }
        }
    };
}

/// -0.0 on each live channel.
const NO_LIVE: LiveChannels<f64> = LiveChannels {
    phone: -0.0,
    chat: -0.0,
    email: -0.0,
};

impl std::ops::Add for LiveChannels<f64> {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        self.zip_with(other, |a, b| a + b)
    }
}

added_up!(CustomerFlow {
    start: -0.0,
    churned: -0.0,
    won: -0.0,
    referred: -0.0,
    end: -0.0,
});

added_up!(Contacts {
    first: -0.0,
    self_service: -0.0,
    self_service_failures: -0.0,
    live_first: NO_LIVE,
    repeats: NO_LIVE,
    live: NO_LIVE,
});

added_up!(Revenue {
    recurring: -0.0,
    recurring_margin: -0.0,
    offers: -0.0,
    orders: -0.0,
    sales: -0.0,
    sales_margin: -0.0,
    premium_subscribers: -0.0,
    premium: -0.0,
    premium_margin: -0.0,
});

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn example() -> Projection {
        project(&Scenario::default()).unwrap()
    }

    #[test]
    fn month_one_of_the_cost_center_by_hand() {
        let m = &example().runs[0].months[0];
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
        let first = &p.runs[1].months[0];
        assert_eq!(first.cost.investment, 60_000.0);
        assert!(p.runs[1].months[1..]
            .iter()
            .all(|m| m.cost.investment == 0.0));
        assert_abs_diff_eq!(first.ramp_weight, 1.0 / 6.0, epsilon = 1e-12);
        assert_eq!(p.runs[1].months[5].ramp_weight, 1.0);
        assert!(p.runs[0].months.iter().all(|m| m.ramp_weight == 0.0));
    }

    #[test]
    fn a_ramp_of_zero_switches_at_once() {
        let mut s = Scenario::default();
        s.transition.ramp_months = 0;
        let p = project(&s).unwrap();
        let m = &p.runs[1].months[0];
        assert_eq!(m.ramp_weight, 1.0);
        assert_abs_diff_eq!(m.customers.churned, 100_000.0 * 0.016, epsilon = 1e-9);
    }

    #[test]
    fn the_cost_center_is_the_reference_every_other_strategy_is_measured_against() {
        let p = example();
        assert_eq!(p.runs.len(), p.comparisons.len() + 1);
        assert_eq!(p.reference().plan.kind, StrategyKind::CostCenter);
        assert!(!p.reference().plan.moves());
        for (index, (run, comparison)) in p.challengers().enumerate() {
            assert!(run.plan.moves());
            assert_eq!(p.summary(index + 1), Some(&comparison.strategy));
            assert_eq!(p.summary(0), Some(&comparison.reference));
            // Summed in another order: equal within a tenth of a cent.
            assert_abs_diff_eq!(
                comparison.extra_contribution,
                run.sum(|m| m.contribution) - p.reference().sum(|m| m.contribution),
                epsilon = 1e-3
            );
        }
        assert_eq!(p.summary(p.runs.len()), None);
    }

    #[test]
    fn cumulative_contribution_adds_up() {
        let p = example();
        for run in &p.runs {
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
        let m = &project(&s).unwrap().runs[0].months[0];
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

    /// The example's whole base cut in two parts alike in all but size: 30% and 70%.
    fn halves(scenario: &Scenario) -> [Part; 2] {
        let whole = Part::whole_base(scenario);
        let cut = |share: f64| Part {
            customers_at_start: whole.customers_at_start * share,
            new_customers_per_month: whole.new_customers_per_month * share,
            share,
            ..whole
        };
        [cut(0.3), cut(0.7)]
    }

    fn agents(months: &[Month]) -> Vec<u32> {
        months
            .iter()
            .flat_map(|m| [m.agents_on_queues().phone, m.agents_on_queues().chat])
            .collect()
    }

    #[test]
    fn parts_alike_add_up_to_the_whole_base() {
        let scenario = Scenario::default();
        let whole = [Part::whole_base(&scenario)];
        for moved in [false, true] {
            let one = run_plan(&scenario, &whole, &[moved]).unwrap().0;
            let two = run_plan(&scenario, &halves(&scenario), &[moved, moved])
                .unwrap()
                .0;
            for (a, b) in one.iter().zip(&two) {
                let relative = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
                assert!(relative(a.customers.end, b.customers.end));
                assert!(relative(a.contacts.total(), b.contacts.total()));
                assert!(
                    relative(a.cost.total, b.cost.total),
                    "{} {}",
                    a.cost.total,
                    b.cost.total
                );
                assert!(relative(a.contribution, b.contribution));
            }
            // One queue per channel: the same traffic needs the same agents.
            assert_eq!(agents(&one), agents(&two));
        }
    }

    #[test]
    fn pooled_queues_never_need_more_agents_than_the_parts_staffed_apart() {
        let scenario = Scenario::default();
        let parts = halves(&scenario);
        for moved in [false, true] {
            let pooled = agents(&run_plan(&scenario, &parts, &[moved, moved]).unwrap().0);
            let apart: Vec<Vec<u32>> = parts
                .iter()
                .map(|part| agents(&run_plan(&scenario, &[*part], &[moved]).unwrap().0))
                .collect();
            for (i, pooled) in pooled.iter().enumerate() {
                let separately = apart[0][i] + apart[1][i];
                assert!(*pooled <= separately, "{pooled} pooled, {separately} apart");
            }
            // Economies of scale: somewhere the pool saves an agent.
            assert!(pooled
                .iter()
                .enumerate()
                .any(|(i, p)| *p < apart[0][i] + apart[1][i]));
        }
    }

    #[test]
    fn moving_some_parts_pays_their_share_of_the_investment_and_lands_between() {
        let scenario = Scenario::default();
        let parts = halves(&scenario);
        let run = |moved: [bool; 2]| run_plan(&scenario, &parts, &moved).unwrap().0;
        let (none, first, both) = (run([false, false]), run([true, false]), run([true, true]));
        let investment = scenario.transition.one_off_investment;
        assert_eq!(none[0].cost.investment, 0.0);
        assert_abs_diff_eq!(first[0].cost.investment, investment * 0.3, epsilon = 1e-6);
        assert_abs_diff_eq!(both[0].cost.investment, investment, epsilon = 1e-6);
        // Customers kept grow with the share moved.
        let kept = |months: &[Month]| months[months.len() - 1].customers.end;
        assert!(kept(&none) < kept(&first) && kept(&first) < kept(&both));
        // A pooled queue keeps the strictest promise of the parts it serves.
        let promise = |months: &[Month]| {
            months[months.len() - 1]
                .channels
                .phone
                .queue
                .unwrap()
                .service_level
        };
        let strictest = scenario
            .cost_center
            .service_level_goal
            .max(scenario.revenue_center.service_level_goal);
        assert!(promise(&first) >= strictest);
    }
}
