//! Sensitivity, one lever at a time: how far the NPV of the best challenger's extra contribution
//! (or its break-even month) moves when each lever goes to its low and its high while the rest
//! stay at their likely values. Sorted by swing, it is the data of a tornado chart. Two levers at a
//! time, over a grid of their values, it is a two-variable data table.

use super::levers::{Kind, Setting};
use super::monte_carlo::by_value;
use super::projection::project;
use super::scenario::Scenario;

/// What each bar measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The net present value of the extra contribution.
    Npv,
    /// The break-even month; a plan that does not pay back within the horizon counts as the
    /// month after it.
    BreakEven,
}

/// One setting in the analysis, with the manager's own low and high if given.
#[derive(Debug, Clone, Copy)]
pub struct Varied {
    /// The setting moved.
    pub setting: Setting,
    /// The manager's own low and high, if given.
    pub range: Option<(f64, f64)>,
}

/// One bar of the tornado.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// The setting moved.
    pub setting: Setting,
    /// The lever's low and high values tried.
    pub values: (f64, f64),
    /// The measure at the low and at the high value.
    pub measured: (f64, f64),
    /// How far apart those are: |at high - at low|.
    pub swing: f64,
}

/// The measure for `scenario`, or `None` when it does not project.
///
/// # Formula
///
/// ```text
/// Npv:       NPV of the extra contribution
/// BreakEven: break-even month, or horizon + 1 when not within the horizon
/// ```
pub fn measure(scenario: &Scenario, measure: Measure) -> Option<f64> {
    let projection = project(scenario).ok()?;
    let (_, comparison) = projection.best_challenger();
    Some(match measure {
        Measure::Npv => comparison.extra_contribution_npv,
        Measure::BreakEven => f64::from(
            comparison
                .break_even_month
                .unwrap_or(scenario.baseline.horizon_months + 1),
        ),
    })
}

/// The low and high of `lever` around its value in `scenario`: the manager's own range, else
/// ± `spread` of the value; either way within the lever's valid range, and whole for a
/// whole-number lever.
///
/// # Formula
///
/// ```text
/// low, high = own range, or value × (1 - spread), value × (1 + spread); clamped to [min, max]
/// ```
///
/// # Examples
///
/// ```
/// use frontline::model::levers::Setting;
/// use frontline::model::sensitivity::{low_and_high, Varied};
/// use frontline::model::Scenario;
/// let setting = Setting::find("revenue_center.monthly_churn").unwrap();
/// let churn = Varied { setting, range: None };
/// let (low, high) = low_and_high(&Scenario::default(), &churn, 0.2);
/// assert!((low - 0.0128).abs() < 1e-12 && (high - 0.0192).abs() < 1e-12);
/// ```
pub fn low_and_high(scenario: &Scenario, varied: &Varied, spread: f64) -> (f64, f64) {
    let value = varied.setting.get(scenario);
    let (low, high) = varied
        .range
        .unwrap_or((value * (1.0 - spread), value * (1.0 + spread)));
    let (min, max) = varied.setting.range().ends();
    // A whole-number lever (a ramp in months) is tried at whole values.
    let whole = varied.setting.kind() == Kind::Whole;
    let clamp = |v: f64| {
        // Not `clamp`, whose check of its bounds brings float formatting into the analyses'
        // module; the value is a number.
        let v = v.max(min).min(max);
        if whole {
            v.round()
        } else {
            v
        }
    };
    (clamp(low.min(high)), clamp(high.max(low)))
}

/// The tornado: every lever moved to its low and its high alone, sorted by swing, largest
/// first. A lever whose low or high does not project is left out.
pub fn tornado(scenario: &Scenario, varied: &[Varied], spread: f64, what: Measure) -> Vec<Bar> {
    let at = |setting: Setting, value: f64| measure(&setting.applied(scenario, value), what);
    let bars: Vec<Bar> = varied
        .iter()
        .filter_map(|one| {
            let values = low_and_high(scenario, one, spread);
            let measured = (at(one.setting, values.0)?, at(one.setting, values.1)?);
            Some(Bar {
                setting: one.setting,
                values,
                measured,
                swing: (measured.1 - measured.0).abs(),
            })
        })
        .collect();
    // Largest swing first; equal swings keep the page's order.
    by_value(bars.iter().map(|bar| -bar.swing))
        .iter()
        .map(|&(_, i)| bars[i as usize])
        .collect()
}

/// The NPV of the extra contribution over a grid of two levers' values, the rest as planned: a
/// two-variable data table.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The values of the lever down the rows, lowest first.
    pub rows: Vec<f64>,
    /// The values of the lever across the columns, lowest first.
    pub columns: Vec<f64>,
    /// The NPV at each row and column, row after row; `None` where the plan does not project.
    pub npv: Vec<Option<f64>>,
}

impl Grid {
    /// The NPV at `row` and `column`; `None` outside the grid.
    pub fn at(&self, row: usize, column: usize) -> Option<f64> {
        if column >= self.columns.len() {
            return None;
        }
        self.npv
            .get(row * self.columns.len() + column)
            .copied()
            .flatten()
    }
}

/// `steps` values from the low to the high of `varied` (see [`low_and_high`]), evenly spaced;
/// a whole-number lever's are whole, each once.
///
/// # Formula
///
/// ```text
/// value_i = low + (high − low) × i / (steps − 1),   i = 0 … steps − 1
/// ```
///
/// # Examples
///
/// ```
/// use frontline::model::levers::Setting;
/// use frontline::model::sensitivity::{steps_between, Varied};
/// use frontline::model::Scenario;
/// let churn = Varied { setting: Setting::find("revenue_center.monthly_churn").unwrap(), range: Some((0.01, 0.02)) };
/// let values = steps_between(&Scenario::default(), &churn, 0.2, 3);
/// assert_eq!(values, [0.01, 0.015, 0.02]);
/// ```
pub fn steps_between(scenario: &Scenario, varied: &Varied, spread: f64, steps: usize) -> Vec<f64> {
    let (low, high) = low_and_high(scenario, varied, spread);
    let whole = varied.setting.kind() == Kind::Whole;
    let steps = steps.max(2);
    let mut values: Vec<f64> = (0..steps)
        .map(|i| {
            let value = low + (high - low) * i as f64 / (steps - 1) as f64;
            if whole {
                value.round()
            } else {
                value
            }
        })
        .collect();
    values.dedup();
    values
}

/// The NPV of the extra contribution with `rows` and `columns` each at `steps` values from their
/// low to their high, every pair of them.
///
/// # Examples
///
/// ```
/// use frontline::model::levers::Setting;
/// use frontline::model::sensitivity::{grid, Varied};
/// use frontline::model::Scenario;
/// let varied = |path| Varied { setting: Setting::find(path).unwrap(), range: None };
/// let table = grid(&Scenario::default(), varied("revenue_center.monthly_churn"), varied("revenue_center.offer_conversion"), 0.2, 11);
/// assert_eq!((table.rows.len(), table.columns.len(), table.npv.len()), (11, 11, 121));
/// // Less churn and more conversion: a better NPV.
/// assert!(table.at(0, 10) > table.at(10, 0));
/// ```
pub fn grid(scenario: &Scenario, rows: Varied, columns: Varied, spread: f64, steps: usize) -> Grid {
    let row_values = steps_between(scenario, &rows, spread, steps);
    let column_values = steps_between(scenario, &columns, spread, steps);
    let npv = row_values
        .iter()
        .flat_map(|&row| {
            let with_row = rows.setting.applied(scenario, row);
            column_values.iter().map(move |&column| {
                measure(&columns.setting.applied(&with_row, column), Measure::Npv)
            })
        })
        .collect();
    Grid {
        rows: row_values,
        columns: column_values,
        npv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVESTMENT: &str = "transition.one_off_investment";
    const CHURN: &str = "revenue_center.monthly_churn";
    const PREMIUM_PRICE: &str = "revenue_center.premium_price_per_month";

    fn varied() -> [Varied; 3] {
        [INVESTMENT, CHURN, PREMIUM_PRICE].map(|path| Varied {
            setting: Setting::find(path).unwrap(),
            range: None,
        })
    }

    #[test]
    fn signs_and_order_follow_what_each_lever_does() {
        let s = Scenario::default();
        let bars = tornado(&s, &varied(), 0.2, Measure::Npv);
        let bar = |path: &str| bars.iter().find(|b| b.setting.path() == path).unwrap();
        // More churn, less NPV; a higher premium price, more; more investment, less.
        let churn = bar(CHURN);
        assert!(churn.measured.0 > churn.measured.1);
        let premium = bar(PREMIUM_PRICE);
        assert!(premium.measured.0 < premium.measured.1);
        let investment = bar(INVESTMENT);
        assert!(investment.measured.0 > investment.measured.1);
        // Churn decides this plan; ±20% of a $60K investment barely moves it.
        assert_eq!(bars[0].setting.path(), CHURN);
        assert_eq!(bars.last().unwrap().setting.path(), INVESTMENT);
        assert!(bars.windows(2).all(|w| w[0].swing >= w[1].swing));
        // The investment's swing has a closed form: 2 × 20% × $60K, discounted one month.
        let i = crate::model::finance::monthly_rate(s.baseline.yearly_discount_rate);
        approx::assert_abs_diff_eq!(investment.swing, 0.4 * 60_000.0 / (1.0 + i), epsilon = 1e-3);
    }

    #[test]
    fn the_managers_range_wins_and_the_valid_range_bounds_it() {
        let s = Scenario::default();
        let mut churn = varied()[1];
        churn.range = Some((0.012, 0.020));
        assert_eq!(low_and_high(&s, &churn, 0.2), (0.012, 0.020));
        churn.range = Some((-0.5, 3.0));
        assert_eq!(low_and_high(&s, &churn, 0.2), (0.0, 1.0));
    }

    #[test]
    fn the_grid_crosses_two_levers_and_its_middle_is_the_plan() {
        let s = Scenario::default();
        let [investment, churn, _] = varied();
        let table = grid(&s, churn, investment, 0.2, 11);
        assert_eq!((table.rows.len(), table.columns.len()), (11, 11));
        let plan = measure(&s, Measure::Npv).unwrap();
        approx::assert_abs_diff_eq!(table.at(5, 5).unwrap(), plan, epsilon = 1e-6 * plan.abs());
        // Each row: more investment, less NPV by its closed form, whatever the churn.
        let i = crate::model::finance::monthly_rate(s.baseline.yearly_discount_rate);
        let per_step = (table.columns[1] - table.columns[0]) / (1.0 + i);
        for row in 0..11 {
            for column in 1..11 {
                let step = table.at(row, column - 1).unwrap() - table.at(row, column).unwrap();
                approx::assert_abs_diff_eq!(step, per_step, epsilon = 1e-6 * per_step);
            }
        }
        // Each column: more churn, less NPV.
        for column in 0..11 {
            assert!((1..11).all(|row| table.at(row, column) < table.at(row - 1, column)));
        }
        // Outside the grid there is nothing, not the next row's first cell.
        assert_eq!(table.at(0, 11), None);
        assert_eq!(table.at(11, 0), None);
    }

    #[test]
    fn a_whole_number_lever_takes_each_whole_value_once() {
        let s = Scenario::default();
        let ramp = Varied {
            setting: Setting::find("transition.ramp_months").unwrap(),
            range: Some((2.0, 5.0)),
        };
        assert_eq!(steps_between(&s, &ramp, 0.2, 11), [2.0, 3.0, 4.0, 5.0]);
    }

    #[test]
    fn break_even_moves_in_whole_months() {
        let bars = tornado(&Scenario::default(), &varied(), 0.2, Measure::BreakEven);
        for bar in bars {
            assert_eq!(bar.measured.0.fract(), 0.0);
            assert_eq!(bar.measured.1.fract(), 0.0);
        }
    }
}
