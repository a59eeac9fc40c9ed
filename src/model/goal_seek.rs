//! Goal seek: the value of one lever at which the best challenger (the revenue center, or a
//! differentiated strategy that earns more) reaches a goal, as a spreadsheet's Goal Seek finds
//! it, but bracketed within the lever's valid range and said plainly when no value in it will
//! do.

use super::levers::Setting;
use super::projection::project;
use super::scenario::Scenario;

/// What the revenue center should reach.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The net present value of the extra contribution reaches this amount.
    Npv(f64),
    /// The revenue center has paid back by this month: its extra contribution, summed from
    /// month 1, is at least zero there and in every month after it within the horizon, as its
    /// break-even month counts. Break-even months move in whole months, so the goal is solved
    /// on the lowest of those sums, not on the month number.
    BreakEvenBy(u32),
}

/// The value found, and where it puts the goal's measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sought {
    /// The lever's value.
    pub value: f64,
    /// The goal's measure there, minus the goal: at least zero, and zero within the tolerance
    /// where the measure moves smoothly.
    pub margin: f64,
}

/// Why no value was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SeekError {
    /// The scenario cannot be projected as it stands.
    Invalid,
    /// Every value in the lever's range reaches the goal: it does not decide it.
    MetThroughout,
    /// No value in the lever's range reaches the goal; the best one found, and how short it
    /// falls (a negative margin).
    Unreachable {
        /// The lever's value that comes closest.
        value: f64,
        /// The goal's measure there, minus the goal.
        margin: f64,
    },
}

/// How many values across the range are tried to find where the goal is crossed. Measures that
/// rise and fall across a range (agents come whole) are bracketed at the first crossing found.
const SAMPLES: usize = 48;

/// The bracket is narrowed to this share of the lever's range.
pub const TOLERANCE: f64 = 1e-9;

/// The goal's measure for `scenario`, minus the goal: zero or more when it is reached.
///
/// # Formula
///
/// ```text
/// Npv(x):          NPV of the extra contribution - x
/// BreakEvenBy(m):  min over n from m to H of Σ_{j ≤ n} extra_j   (m capped at the horizon H)
/// ```
pub fn margin(scenario: &Scenario, goal: Goal) -> Option<f64> {
    // The projection's own NPV, computed once, at the scenario's discount rate.
    let projection = project(scenario).ok()?;
    let (_, comparison) = projection.best_challenger();
    Some(match goal {
        Goal::Npv(target) => comparison.extra_contribution_npv - target,
        Goal::BreakEvenBy(month) => {
            let months = comparison.monthly_extra_contribution.len();
            let from = (month.max(1) as usize).min(months);
            comparison
                .cumulative_extra_contribution()
                .skip(from.saturating_sub(1))
                .fold(f64::INFINITY, f64::min)
        }
    })
}

/// The value of `setting`, within its valid range, at which `scenario` just reaches `goal` (where the
/// goal's measure crosses it): bracketed by trying values across the range, then narrowed by
/// bisection to [`TOLERANCE`] of the range. The value returned is on the side of the crossing
/// that meets the goal, so applying it meets the goal.
///
/// # Errors
///
/// [`SeekError::Invalid`] when the scenario projects at no value tried;
/// [`SeekError::Unreachable`] with the best value when no value in range reaches the goal;
/// [`SeekError::MetThroughout`] when every value does.
///
/// # Examples
///
/// ```
/// use frontline::model::goal_seek::{seek, Goal};
/// use frontline::model::levers::Setting;
/// use frontline::model::Scenario;
/// // The investment the example could carry and still have a net present value of zero.
/// let investment = Setting::find("transition.one_off_investment").unwrap();
/// let found = seek(&Scenario::default(), investment, Goal::Npv(0.0)).unwrap();
/// assert!(found.value > 4e6 && found.margin >= 0.0);
/// ```
pub fn seek(scenario: &Scenario, setting: Setting, goal: Goal) -> Result<Sought, SeekError> {
    let at = |value: f64| margin(&setting.applied(scenario, value), goal);
    let (low, high) = setting.range().ends();
    let step = (high - low) / SAMPLES as f64;
    let mut best: Option<(f64, f64)> = None;
    let mut previous: Option<(f64, f64)> = None;
    for i in 0..=SAMPLES {
        let value = if i == SAMPLES {
            high
        } else {
            low + step * i as f64
        };
        let Some(m) = at(value) else { continue };
        if best.is_none_or(|(_, b)| m > b) {
            best = Some((value, m));
        }
        if let Some((before, m_before)) = previous {
            if (m_before >= 0.0) != (m >= 0.0) {
                return Ok(narrow(
                    &at,
                    (before, m_before),
                    (value, m),
                    (high - low) * TOLERANCE,
                ));
            }
        }
        previous = Some((value, m));
    }
    match best {
        Some((_, margin)) if margin >= 0.0 => Err(SeekError::MetThroughout),
        Some((value, margin)) => Err(SeekError::Unreachable { value, margin }),
        None => Err(SeekError::Invalid),
    }
}

/// The value [`seek`] finds, made round: the nearer of the two values with three significant
/// figures around it that still meets the goal, so that the answer and the value applied read
/// as a manager writes them ("0.967%", not "0.9670%"). The exact value when neither does.
///
/// # Formula
///
/// ```text
/// place     = 10^(floor(log10 |v|) - 2)
/// rounded   = the nearer to v of floor(v / place) × place and ceil(v / place) × place
///             that lies in the lever's range and meets the goal; else v
/// ```
///
/// # Errors
///
/// As [`seek`].
///
/// # Examples
///
/// ```
/// use frontline::model::goal_seek::{seek, seek_round, Goal};
/// use frontline::model::levers::Setting;
/// use frontline::model::Scenario;
/// let churn = Setting::find("revenue_center.monthly_churn").unwrap();
/// let goal = Goal::Npv(2e6);
/// let exact = seek(&Scenario::default(), churn, goal).unwrap();
/// let round = seek_round(&Scenario::default(), churn, goal).unwrap();
/// // Three significant figures, within 1% of the exact value, and the goal met.
/// let in_thousandths = round.value / 10f64.powi(round.value.log10().floor() as i32 - 2);
/// assert!((in_thousandths - in_thousandths.round()).abs() < 1e-6);
/// assert!((round.value - exact.value).abs() <= exact.value * 1e-2);
/// assert!(round.margin >= 0.0);
/// ```
pub fn seek_round(scenario: &Scenario, setting: Setting, goal: Goal) -> Result<Sought, SeekError> {
    let exact = seek(scenario, setting, goal)?;
    let value = exact.value;
    if value == 0.0 {
        return Ok(exact);
    }
    let place = 10f64.powi(value.abs().log10().floor() as i32 - 2);
    let (low, high) = setting.range().ends();
    let mut candidates = [
        (value / place).floor() * place,
        (value / place).ceil() * place,
    ];
    candidates.sort_by(|a, b| (a - value).abs().total_cmp(&(b - value).abs()));
    // Only a value in range is projected.
    let meets = |candidate: f64| {
        if !(low..=high).contains(&candidate) {
            return None;
        }
        let margin = margin(&setting.applied(scenario, candidate), goal)?;
        (margin >= 0.0).then_some(Sought {
            value: candidate,
            margin,
        })
    };
    Ok(candidates.into_iter().find_map(meets).unwrap_or(exact))
}

/// Bisection between a value that meets the goal and one that does not.
fn narrow(at: &dyn Fn(f64) -> Option<f64>, a: (f64, f64), b: (f64, f64), width: f64) -> Sought {
    let (mut meets, mut misses) = if a.1 >= 0.0 { (a, b) } else { (b, a) };
    while (meets.0 - misses.0).abs() > width {
        let middle = (meets.0 + misses.0) / 2.0;
        match at(middle) {
            Some(m) if m >= 0.0 => meets = (middle, m),
            Some(m) => misses = (middle, m),
            // A value between two that project always projects; stop rather than loop.
            None => break,
        }
    }
    Sought {
        value: meets.0,
        margin: meets.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn investment() -> Setting {
        Setting::find("transition.one_off_investment").unwrap()
    }

    fn churn() -> Setting {
        Setting::find("revenue_center.monthly_churn").unwrap()
    }

    #[test]
    fn the_investment_for_a_zero_npv_has_a_closed_form() {
        // The investment is paid in month 1, discounted by one month: NPV falls by exactly
        // investment / (1 + i) per unit.
        let s = Scenario::default();
        let npv0 = margin(&s, Goal::Npv(0.0)).unwrap();
        let i = crate::model::finance::monthly_rate(s.baseline.yearly_discount_rate);
        let expected = s.transition.one_off_investment + npv0 * (1.0 + i);
        let found = seek(&s, investment(), Goal::Npv(0.0)).unwrap();
        assert_abs_diff_eq!(found.value, expected, epsilon = 1e10 * TOLERANCE * 2.0);
        assert!(found.margin >= 0.0);
    }

    #[test]
    fn applying_the_value_found_meets_the_goal() {
        let s = Scenario::default();
        for goal in [
            Goal::Npv(0.0),
            Goal::Npv(2e6),
            Goal::BreakEvenBy(12),
            Goal::BreakEvenBy(24),
        ] {
            let found = seek(&s, churn(), goal).unwrap();
            let reached = margin(&churn().applied(&s, found.value), goal).unwrap();
            assert!(reached >= 0.0, "{goal:?}: {reached}");
            assert_eq!(reached, found.margin);
            // A hair more churn misses it: the value found is where the goal is crossed.
            let past = churn().applied(&s, found.value + 1e-6);
            assert!(margin(&past, goal).unwrap() < 0.0, "{goal:?}");
        }
    }

    #[test]
    fn a_goal_out_of_reach_says_how_close_the_range_comes() {
        let s = Scenario::default();
        // Even with no churn at all the revenue center does not pay back in month 2.
        match seek(&s, churn(), Goal::BreakEvenBy(2)) {
            Err(SeekError::Unreachable { value, margin }) => {
                assert_eq!(value, 0.0, "no churn comes closest");
                assert!(margin < 0.0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_goal_every_value_meets_is_said_to_be_met_throughout() {
        let s = Scenario::default();
        // Churn cannot cost a trillion: the goal holds across its whole range.
        assert_eq!(
            seek(&s, churn(), Goal::Npv(-1e12)),
            Err(SeekError::MetThroughout)
        );
    }
}
