//! The headline comparison a manager reads: a strategy minus the reference, the cost center.

use super::finance::{break_even_month, monthly_rate, npv};
use super::projection::{Month, StrategyRun};
use super::scenario::Scenario;
use super::staffing::QueueFigures;

/// One strategy's totals and end state.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategySummary {
    /// Contribution summed over the horizon.
    pub contribution: f64,
    /// Service cost summed over the horizon.
    pub service_cost: f64,
    /// Service-led sales revenue summed over the horizon.
    pub sales_revenue: f64,
    /// Premium support revenue summed over the horizon.
    pub premium_revenue: f64,
    /// (Sales + premium revenue) / service cost: the seed's "30% versus four times". `None`
    /// when the service costs nothing.
    pub sales_per_service_dollar: Option<f64>,
    /// ARPU × gross margin / monthly churn, with the strategy's own churn once the ramp is
    /// over, averaged over the segments by their share of the customers. `None` when churn is
    /// zero somewhere (those customers never leave).
    pub lifetime_value: Option<f64>,
    /// Customers at the end of the horizon.
    pub customers_at_horizon: f64,
    /// Service cost / contacts handled, over the horizon; `None` when no contact is handled.
    pub cost_per_contact: Option<f64>,
    /// Full-time agents in the last month.
    pub full_time_agents: f64,
    /// The phone queue in the last month, when staffed by Erlang C.
    pub phone: Option<QueueFigures>,
    /// The chat queue in the last month, when staffed by Erlang C.
    pub chat: Option<QueueFigures>,
}

impl StrategySummary {
    /// Summarises one strategy's run.
    ///
    /// # Formula
    ///
    /// ```text
    /// sales per $ of service = Σ (sales + premium revenue) / Σ service cost
    /// lifetime value         = Σ share_i × ARPU_i × g_i / churn_i     (the run's, over the segments)
    /// ```
    pub fn new(run: &StrategyRun) -> Self {
        let service_cost = run.sum(|m| m.cost.total);
        let sales_revenue = run.sum(|m| m.revenue.sales);
        let premium_revenue = run.sum(|m| m.revenue.premium);
        let contacts = run.sum(|m| m.contacts.total());
        let last = run.last();
        Self {
            contribution: run.sum(|m| m.contribution),
            service_cost,
            sales_revenue,
            premium_revenue,
            sales_per_service_dollar: (service_cost > 0.0)
                .then(|| (sales_revenue + premium_revenue) / service_cost),
            lifetime_value: run.lifetime_value,
            customers_at_horizon: last.customers.end,
            cost_per_contact: (contacts > 0.0).then(|| service_cost / contacts),
            full_time_agents: last.full_time_agents,
            phone: last.channels.phone.queue,
            chat: last.channels.chat.queue,
        }
    }
}

/// Where a strategy's extra contribution comes from, source by source: the strategy minus the
/// reference, for one month or summed over the horizon. A negative part costs money.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sources {
    /// Recurring margin: the customers the strategy keeps (fewer lost, more referred).
    pub retention: f64,
    /// Margin on sales made on service contacts.
    pub sales: f64,
    /// Margin on premium support.
    pub premium: f64,
    /// Service cost saved, the investment left out: negative when the strategy spends more on
    /// service.
    pub service_cost: f64,
    /// The one-off investment, as a negative amount.
    pub investment: f64,
}

impl Sources {
    /// The sources of one month's extra contribution.
    ///
    /// # Formula
    ///
    /// ```text
    /// retention    = recurring margin_s - recurring margin_ref
    /// sales        = sales margin_s - sales margin_ref
    /// premium      = premium margin_s - premium margin_ref
    /// service cost = (service cost_ref - investment_ref) - (service cost_s - investment_s)
    /// investment   = investment_ref - investment_s
    /// ```
    ///
    /// They add up to the month's extra contribution:
    ///
    /// ```
    /// use approx::assert_abs_diff_eq;
    /// use frontline::model::{comparison::Sources, project, Scenario};
    /// let p = project(&Scenario::default()).unwrap();
    /// let (cc, rc) = (&p.runs[0].months[0], &p.runs[1].months[0]);
    /// let sources = Sources::between(cc, rc);
    /// assert_abs_diff_eq!(sources.total(), rc.contribution - cc.contribution, epsilon = 1e-6);
    /// assert_eq!(sources.investment, -60_000.0);
    /// ```
    pub fn between(reference: &Month, strategy: &Month) -> Self {
        let (cc, rc) = (reference, strategy);
        let running = |m: &Month| m.cost.total - m.cost.investment;
        Self {
            retention: rc.revenue.recurring_margin - cc.revenue.recurring_margin,
            sales: rc.revenue.sales_margin - cc.revenue.sales_margin,
            premium: rc.revenue.premium_margin - cc.revenue.premium_margin,
            service_cost: running(cc) - running(rc),
            investment: cc.cost.investment - rc.cost.investment,
        }
    }

    /// The extra contribution these sources make.
    pub fn total(&self) -> f64 {
        self.retention + self.sales + self.premium + self.service_cost + self.investment
    }

    /// Each source with its value, in the order they are shown.
    pub fn parts(&self) -> [(Source, f64); 5] {
        [
            (Source::Retention, self.retention),
            (Source::Sales, self.sales),
            (Source::Premium, self.premium),
            (Source::ServiceCost, self.service_cost),
            (Source::Investment, self.investment),
        ]
    }

    fn add(self, other: Self) -> Self {
        Self {
            retention: self.retention + other.retention,
            sales: self.sales + other.sales,
            premium: self.premium + other.premium,
            service_cost: self.service_cost + other.service_cost,
            investment: self.investment + other.investment,
        }
    }
}

/// One source of the extra contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Recurring margin on customers kept.
    Retention,
    /// Margin on sales made on service contacts.
    Sales,
    /// Margin on premium support.
    Premium,
    /// Running service cost.
    ServiceCost,
    /// The one-off investment.
    Investment,
}

/// A strategy against the reference, the cost center, over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The reference's figures.
    pub reference: StrategySummary,
    /// The strategy's figures.
    pub strategy: StrategySummary,
    /// Extra contribution of the strategy over the horizon.
    pub extra_contribution: f64,
    /// Its net present value at the scenario's discount rate.
    pub extra_contribution_npv: f64,
    /// Extra service cost of the strategy over the horizon.
    pub extra_service_cost: f64,
    /// Extra contribution / extra service cost; `None` when the strategy costs no more.
    pub return_on_extra_service_spend: Option<f64>,
    /// First month from which the cumulative extra contribution stays >= 0; `None` when not
    /// within the horizon.
    pub break_even_month: Option<u32>,
    /// Customers the strategy has at the horizon beyond the reference's.
    pub customers_kept: f64,
    /// Extra contribution month by month.
    pub monthly_extra_contribution: Vec<f64>,
    /// Where each month's extra contribution comes from.
    pub monthly_sources: Vec<Sources>,
    /// Where the extra contribution over the horizon comes from.
    pub sources: Sources,
}

impl Comparison {
    /// Whether the strategy earns exactly what the reference does, month by month: two
    /// strategies set alike, as in a blank scenario. There is then nothing to break even on.
    ///
    /// ```
    /// use frontline::model::{project, Scenario};
    /// let blank = project(&Scenario::blank("USD")).unwrap();
    /// assert!(blank.revenue_center().makes_no_difference());
    /// let example = project(&Scenario::default()).unwrap();
    /// assert!(!example.revenue_center().makes_no_difference());
    /// ```
    pub fn makes_no_difference(&self) -> bool {
        self.monthly_extra_contribution
            .iter()
            .all(|extra| *extra == 0.0)
    }

    /// Compares `strategy`'s run of `scenario` with `reference`'s.
    ///
    /// # Formula
    ///
    /// ```text
    /// extra_m          = contribution_s(m) - contribution_ref(m)
    /// extra            = Σ extra_m;   NPV = Σ extra_m / (1 + i)^m,  i = (1 + r)^(1/12) - 1
    /// break-even       = first m from which Σ_{j<=k} extra_j >= 0 for all k >= m
    /// return on spend  = extra / (service cost_s - service cost_ref)
    /// customers kept   = C_s(horizon) - C_ref(horizon)
    /// ```
    pub fn new(scenario: &Scenario, reference: &StrategyRun, strategy: &StrategyRun) -> Self {
        let monthly_extra_contribution: Vec<f64> = strategy
            .months
            .iter()
            .zip(&reference.months)
            .map(|(s, r)| s.contribution - r.contribution)
            .collect();
        let monthly_sources: Vec<Sources> = reference
            .months
            .iter()
            .zip(&strategy.months)
            .map(|(r, s)| Sources::between(r, s))
            .collect();
        let (r, s) = (
            StrategySummary::new(reference),
            StrategySummary::new(strategy),
        );
        let extra_contribution = monthly_extra_contribution.iter().sum();
        let extra_service_cost = s.service_cost - r.service_cost;
        Self {
            extra_contribution,
            extra_contribution_npv: npv(
                monthly_rate(scenario.baseline.yearly_discount_rate),
                &monthly_extra_contribution,
            ),
            extra_service_cost,
            return_on_extra_service_spend: (extra_service_cost > 0.0)
                .then(|| extra_contribution / extra_service_cost),
            break_even_month: break_even_month(&monthly_extra_contribution)
                .and_then(|m| u32::try_from(m).ok()),
            customers_kept: s.customers_at_horizon - r.customers_at_horizon,
            reference: r,
            strategy: s,
            monthly_extra_contribution,
            sources: monthly_sources
                .iter()
                .fold(Sources::default(), |sum, month| sum.add(*month)),
            monthly_sources,
        }
    }

    /// The extra contribution summed from month 1, month by month.
    ///
    /// # Formula
    ///
    /// ```text
    /// cumulative(m) = Σ_{j ≤ m} extra_j
    /// ```
    pub fn cumulative_extra_contribution(&self) -> impl Iterator<Item = f64> + '_ {
        self.monthly_extra_contribution
            .iter()
            .scan(0.0, |sum, extra| {
                *sum += extra;
                Some(*sum)
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{project, Scenario};
    use approx::assert_abs_diff_eq;

    #[test]
    fn example_headline_is_consistent() {
        let p = project(&Scenario::default()).unwrap();
        let c = p.revenue_center();
        assert_abs_diff_eq!(
            c.extra_contribution,
            c.strategy.contribution - c.reference.contribution,
            epsilon = 1e-3
        );
        // Discounting shrinks a positive total, and never flips its sign here.
        assert!(c.extra_contribution > 0.0);
        assert!(c.extra_contribution_npv > 0.0 && c.extra_contribution_npv < c.extra_contribution);
        let month = c.break_even_month.expect("the example breaks even") as usize;
        // Before break-even the cumulative extra is negative in the month before.
        let cumulative: f64 = c.monthly_extra_contribution[..month - 1].iter().sum();
        assert!(cumulative < 0.0 || month == 1);
        assert!(c.customers_kept > 0.0);
        assert_abs_diff_eq!(
            c.reference.lifetime_value.unwrap(),
            40.0 * 0.6 / 0.02,
            epsilon = 1e-9
        );
        assert_eq!(c.reference.sales_per_service_dollar, Some(0.0));
        assert!(c.strategy.sales_per_service_dollar.unwrap() > 0.0);
    }

    #[test]
    fn sources_add_up_to_the_extra_contribution_every_month_and_in_total() {
        let p = project(&Scenario::default()).unwrap();
        let c = p.revenue_center();
        for (sources, extra) in c.monthly_sources.iter().zip(&c.monthly_extra_contribution) {
            assert_abs_diff_eq!(sources.total(), *extra, epsilon = 1e-6);
        }
        assert_abs_diff_eq!(c.sources.total(), c.extra_contribution, epsilon = 1e-3);
        // The example's revenue center keeps customers and sells, and spends more on service.
        assert!(c.sources.retention > 0.0 && c.sources.sales > 0.0);
        assert!(c.sources.service_cost < 0.0);
        assert_abs_diff_eq!(
            c.sources.service_cost,
            -c.extra_service_cost - c.sources.investment,
            epsilon = 1e-3
        );
    }

    #[test]
    fn no_return_figure_when_the_revenue_center_costs_no_more() {
        let mut s = Scenario::default();
        s.revenue_center = s.cost_center.clone();
        s.transition.one_off_investment = 0.0;
        let c = project(&s).unwrap().comparisons.remove(0);
        assert_eq!(c.extra_service_cost, 0.0);
        assert_eq!(c.return_on_extra_service_spend, None);
        assert_eq!(c.break_even_month, Some(1));
    }

    #[test]
    fn zero_churn_has_no_finite_lifetime_value() {
        let mut s = Scenario::default();
        s.revenue_center.monthly_churn = 0.0;
        let c = project(&s).unwrap().comparisons.remove(0);
        assert_eq!(c.strategy.lifetime_value, None);
    }
}
