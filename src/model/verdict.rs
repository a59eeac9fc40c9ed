//! The verdict a director reads first: which strategy comes out ahead over the horizon, by how
//! much, when the revenue center pays back, and the main reason. Structured data; the page
//! words it.

use super::comparison::{Comparison, Source};
use super::side_by_side::SAME_WITHIN;

/// Which strategy comes out ahead over the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leader {
    /// The revenue center earns more contribution.
    RevenueCenter,
    /// The cost center earns more: the revenue center does not pay.
    CostCenter,
    /// The same contribution, within a relative tolerance of [`SAME_WITHIN`].
    Even,
}

/// The verdict on a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// Who comes out ahead.
    pub leader: Leader,
    /// How much more contribution the leader earns over the horizon (not negative).
    pub by: f64,
    /// The net present value of the revenue center's extra contribution (negative when it
    /// loses money in today's terms).
    pub npv: f64,
    /// The month from which the revenue center stays ahead, if within the horizon.
    pub break_even_month: Option<u32>,
    /// The source that moves the result most in the leader's favour: for the revenue center the
    /// largest gain, for the cost center the revenue center's largest loss.
    pub reason: Source,
}

impl Verdict {
    /// The verdict on `comparison`.
    ///
    /// # Formula
    ///
    /// ```text
    /// leader = revenue center when extra > tol, cost center when extra < -tol, else even
    ///          tol = SAME_WITHIN × max(1, |contribution_rc|, |contribution_cc|)
    /// by     = |extra|
    /// reason = the source with the largest value (revenue center ahead or even)
    ///          or the smallest, most negative value (cost center ahead)
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::comparison::Source;
    /// use frontline::model::verdict::{Leader, Verdict};
    /// use frontline::model::{project, Scenario};
    /// let p = project(&Scenario::default()).unwrap();
    /// let verdict = Verdict::of(p.revenue_center());
    /// assert_eq!(verdict.leader, Leader::RevenueCenter);
    /// assert_eq!(verdict.by, p.revenue_center().extra_contribution);
    /// assert_eq!(verdict.reason, Source::Retention);
    /// ```
    pub fn of(comparison: &Comparison) -> Self {
        let extra = comparison.extra_contribution;
        let scale = 1f64
            .max(comparison.strategy.contribution.abs())
            .max(comparison.reference.contribution.abs());
        let leader = if extra.abs() <= SAME_WITHIN * scale {
            Leader::Even
        } else if extra > 0.0 {
            Leader::RevenueCenter
        } else {
            Leader::CostCenter
        };
        let parts = comparison.sources.parts();
        let pick = |best: fn(f64, f64) -> bool| {
            parts
                .iter()
                .copied()
                .reduce(|kept, next| if best(next.1, kept.1) { next } else { kept })
                .map_or(Source::Retention, |(source, _)| source)
        };
        let reason = if leader == Leader::CostCenter {
            pick(|a, b| a < b)
        } else {
            pick(|a, b| a > b)
        };
        Self {
            leader,
            by: extra.abs(),
            npv: comparison.extra_contribution_npv,
            break_even_month: comparison.break_even_month,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{project, Scenario};

    #[test]
    fn an_expensive_revenue_center_loses_on_its_service_cost() {
        let mut s = Scenario::default();
        s.revenue_center.agent_cost_per_hour = 90.0;
        let c = project(&s).unwrap().comparisons.remove(0);
        let verdict = Verdict::of(&c);
        assert_eq!(verdict.leader, Leader::CostCenter);
        assert_eq!(verdict.by, -c.extra_contribution);
        assert!(verdict.by > 0.0 && verdict.npv < 0.0);
        assert_eq!(verdict.break_even_month, None);
        assert_eq!(verdict.reason, Source::ServiceCost);
    }

    #[test]
    fn the_same_strategy_twice_is_even() {
        let mut s = Scenario::default();
        s.revenue_center = s.cost_center.clone();
        s.transition.one_off_investment = 0.0;
        let verdict = Verdict::of(&project(&s).unwrap().comparisons.remove(0));
        assert_eq!(verdict.leader, Leader::Even);
        assert_eq!(verdict.by, 0.0);
    }

    #[test]
    fn a_revenue_center_that_sells_a_lot_wins_on_sales() {
        let mut s = Scenario::default();
        s.revenue_center.monthly_churn = s.cost_center.monthly_churn;
        s.revenue_center.referral_rate = s.cost_center.referral_rate;
        s.revenue_center.offer_conversion = 0.6;
        s.revenue_center.order_value = 400.0;
        let verdict = Verdict::of(&project(&s).unwrap().comparisons.remove(0));
        assert_eq!(verdict.leader, Leader::RevenueCenter);
        assert_eq!(verdict.reason, Source::Sales);
    }
}
