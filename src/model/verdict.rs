//! The verdict a director reads first: which strategy comes out ahead over the horizon, by how
//! much, when the best of the others pays back against the cost center, and the main reason.
//! Structured data; the page words it.

use super::comparison::Source;
use super::projection::{Projection, StrategyKind};
use super::side_by_side::{Better, Standing};

/// The verdict on a projection, over any number of strategies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The strategy that earns the most contribution over the horizon.
    pub leader: StrategyKind,
    /// The strategy that earns the next most.
    pub runner_up: StrategyKind,
    /// Whether the two earn the same, within a relative tolerance of
    /// [`SAME_WITHIN`](super::side_by_side::SAME_WITHIN): their [`Standing`] is the same.
    pub even: bool,
    /// How much more contribution the leader earns than the runner-up (not negative).
    pub by: f64,
    /// How much more contribution the leader earns than the reference, the cost center (0 when
    /// it is the reference).
    pub over_reference: f64,
    /// The net present value of the best challenger's extra contribution over the reference
    /// (negative when it loses money in today's terms).
    pub npv: f64,
    /// The month from which the best challenger stays ahead of the reference, if within the
    /// horizon.
    pub break_even_month: Option<u32>,
    /// The source that moves the result most in the leader's favour: for a challenger ahead
    /// (or even) its largest gain over the reference, for the reference ahead the best
    /// challenger's largest loss.
    pub reason: Source,
}

impl Verdict {
    /// The verdict on `projection`.
    ///
    /// # Formula
    ///
    /// ```text
    /// leader, runner-up = the two strategies with the most contribution, the reference first
    ///                     of equals
    /// by     = contribution_leader - contribution_runner-up
    /// even   = by <= SAME_WITHIN × max(1, |contribution_leader|, |contribution_runner-up|)
    /// best   = the challenger with the most extra contribution over the reference
    /// reason = best's source with the largest value (a challenger ahead or even)
    ///          or the smallest, most negative value (the reference ahead)
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::comparison::Source;
    /// use frontline::model::projection::StrategyKind;
    /// use frontline::model::verdict::Verdict;
    /// use frontline::model::{project, Scenario};
    /// let p = project(&Scenario::default()).unwrap();
    /// let verdict = Verdict::of(&p);
    /// assert_eq!(verdict.leader, StrategyKind::RevenueCenter);
    /// assert_eq!(verdict.runner_up, StrategyKind::CostCenter);
    /// assert_eq!(verdict.by, p.revenue_center().extra_contribution);
    /// assert_eq!(verdict.reason, Source::Retention);
    /// ```
    pub fn of(projection: &Projection) -> Self {
        let reference = projection.reference().plan.kind;
        let (_, best) = projection.best_challenger();
        // Each strategy's standing is its extra over the reference (the reference's is 0), so
        // that the lead over the reference is the comparison's own figure, bit for bit. The
        // first of equals stays ahead: the reference, then the challengers in order.
        let (mut first, mut second) = ((reference, 0.0), None::<(StrategyKind, f64)>);
        for (run, c) in projection.challengers() {
            let standing = (run.plan.kind, c.extra_contribution);
            if standing.1 > first.1 {
                second = Some(first);
                first = standing;
            } else if second.is_none_or(|s| standing.1 > s.1) {
                second = Some(standing);
            }
        }
        let ((leader, lead), (runner_up, next)) = (first, second.unwrap_or(first));
        let contribution = |extra: f64| Some(best.reference.contribution + extra);
        let by = lead - next;
        let even =
            Standing::of(contribution(next), contribution(lead), Better::Higher) == Standing::Same;
        let parts = best.sources.parts();
        let pick = |better: fn(f64, f64) -> bool| {
            parts
                .iter()
                .copied()
                .reduce(|kept, next| if better(next.1, kept.1) { next } else { kept })
                .map_or(Source::Retention, |(source, _)| source)
        };
        let reason = if leader == reference && !even {
            pick(|a, b| a < b)
        } else {
            pick(|a, b| a > b)
        };
        Self {
            leader,
            runner_up,
            even,
            by,
            over_reference: lead,
            npv: best.extra_contribution_npv,
            break_even_month: best.break_even_month,
            reason,
        }
    }

    /// Whether a strategy other than the reference comes out ahead of every other.
    pub fn challenger_leads(&self) -> bool {
        !self.even && self.leader != StrategyKind::CostCenter
    }

    /// Whether the reference comes out ahead of every other strategy.
    pub fn reference_leads(&self) -> bool {
        !self.even && self.leader == StrategyKind::CostCenter
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::segments::Segment;
    use crate::model::{project, Scenario};

    #[test]
    fn an_expensive_revenue_center_loses_on_its_service_cost() {
        let mut s = Scenario::default();
        s.revenue_center.agent_cost_per_hour = 90.0;
        let p = project(&s).unwrap();
        let c = p.revenue_center();
        let verdict = Verdict::of(&p);
        assert!(verdict.reference_leads());
        assert_eq!(verdict.runner_up, StrategyKind::RevenueCenter);
        assert_eq!(verdict.by, -c.extra_contribution);
        assert_eq!(verdict.over_reference, 0.0);
        assert!(verdict.by > 0.0 && verdict.npv < 0.0);
        assert_eq!(verdict.break_even_month, None);
        assert_eq!(verdict.reason, Source::ServiceCost);
    }

    #[test]
    fn the_same_strategy_twice_is_even() {
        let mut s = Scenario::default();
        s.revenue_center = s.cost_center.clone();
        s.transition.one_off_investment = 0.0;
        let verdict = Verdict::of(&project(&s).unwrap());
        assert!(verdict.even);
        assert!(!verdict.challenger_leads() && !verdict.reference_leads());
        assert_eq!(verdict.by, 0.0);
    }

    #[test]
    fn a_revenue_center_that_sells_a_lot_wins_on_sales() {
        let mut s = Scenario::default();
        s.revenue_center.monthly_churn = s.cost_center.monthly_churn;
        s.revenue_center.referral_rate = s.cost_center.referral_rate;
        s.revenue_center.offer_conversion = 0.6;
        s.revenue_center.order_value = 400.0;
        let verdict = Verdict::of(&project(&s).unwrap());
        assert!(verdict.challenger_leads());
        assert_eq!(verdict.leader, StrategyKind::RevenueCenter);
        assert_eq!(verdict.reason, Source::Sales);
    }

    /// The example with its key accounts moved alone, and the revenue center made dear, so
    /// that moving only the customers worth it wins.
    fn key_accounts_pay_the_rest_do_not() -> Scenario {
        let mut s = Scenario::default();
        s.revenue_center.agent_cost_per_hour = 60.0;
        let mut key_accounts = Segment::key_accounts();
        key_accounts.differentiated = true;
        s.segmentation.segments.push(key_accounts);
        s
    }

    #[test]
    fn of_three_strategies_the_one_that_earns_most_leads_by_its_lead_on_the_next() {
        let p = project(&key_accounts_pay_the_rest_do_not()).unwrap();
        let contribution = |kind| p.summary(p.index_of(kind).unwrap()).unwrap().contribution;
        let verdict = Verdict::of(&p);
        assert_eq!(verdict.leader, StrategyKind::Differentiated);
        assert!(verdict.challenger_leads());
        let next = contribution(verdict.runner_up);
        for kind in StrategyKind::ALL {
            assert!(contribution(kind) <= contribution(verdict.leader));
            if kind != verdict.leader {
                assert!(contribution(kind) <= next);
            }
        }
        let tolerance = 1e-9 * next.abs();
        assert!((verdict.by - (contribution(verdict.leader) - next)).abs() <= tolerance);
        let (best, c) = p.best_challenger();
        assert_eq!(best.plan.kind, StrategyKind::Differentiated);
        assert_eq!(verdict.over_reference, c.extra_contribution);
        assert_eq!(verdict.npv, c.extra_contribution_npv);
    }
}
