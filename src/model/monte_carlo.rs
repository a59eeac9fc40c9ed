//! How sure the plan is: a Monte Carlo run that draws every uncertain lever from its range at
//! once, projects the plan for each draw, and summarises what the best challenger (the revenue
//! center, or a differentiated strategy that earns more) earns beyond the cost center.
//!
//! Runs are reproducible on any machine: the random numbers come from xoshiro256**, seeded
//! through SplitMix64 (Blackman and Vigna), written out here so that no crate update can change
//! them, and the same seed gives the same figures. A run is advanced a slice of trials at a
//! time ([`MonteCarlo::advance`]), so that a page or a worker can show progress and stop it.

use super::levers::{Setting, Side};
use super::projection::{compare_with, project, project_valid, Projection, StrategyRun};
use super::scenario::Scenario;
pub use super::scenario::{Shape, Uncertain};

/// The trials of a run unless the manager asks for another number.
pub const DEFAULT_TRIALS: u32 = 10_000;

/// The bars of the NPV histogram.
pub const HISTOGRAM_BARS: usize = 20;

/// SplitMix64: seeds the generator's state from one number.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The xoshiro256** generator (Blackman and Vigna, 2018).
#[derive(Debug, Clone)]
pub struct Xoshiro256StarStar([u64; 4]);

impl Xoshiro256StarStar {
    /// The generator for `seed`: its state is four SplitMix64 outputs from it.
    pub fn new(seed: u64) -> Self {
        let mut seeder = SplitMix64(seed);
        Xoshiro256StarStar([seeder.next(), seeder.next(), seeder.next(), seeder.next()])
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A number in [0, 1) from the top 53 bits, every such double equally likely.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A number in (0, 1]: safe to take the logarithm of.
    fn uniform_above_zero(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// A standard normal number (Marsaglia's polar method: Box-Muller without a cosine, whose
    /// code would outweigh the rest of the generator).
    ///
    /// # Formula
    ///
    /// ```text
    /// u, v uniform in [−1, 1) until 0 < s = u² + v² < 1;   z = u √(−2 ln s / s)
    /// ```
    fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// A gamma number of `shape` ≥ 1 and scale 1 (Marsaglia and Tsang, 2000).
    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform_above_zero();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
}

impl Shape {
    /// A value between `low` and `high` with `likely` most likely.
    ///
    /// # Formula
    ///
    /// ```text
    /// PERT:        low + (high − low) × B,  B ~ Beta(1 + 4 (likely − low) / (high − low),
    ///                                                1 + 4 (high − likely) / (high − low))
    /// Triangular:  with m = (likely − low) / (high − low) and u uniform in [0, 1):
    ///              low + (high − low) × √(u m)              for u < m
    ///              high − (high − low) × √((1 − u)(1 − m))  otherwise
    /// ```
    ///
    /// A range of no width gives `likely` itself.
    pub fn sample(self, low: f64, likely: f64, high: f64, random: &mut Xoshiro256StarStar) -> f64 {
        let width = high - low;
        if width <= 0.0 {
            return likely;
        }
        let mode = ((likely - low) / width).clamp(0.0, 1.0);
        let share = match self {
            Shape::Pert => {
                let a = random.gamma(1.0 + 4.0 * mode);
                let b = random.gamma(1.0 + 4.0 * (1.0 - mode));
                a / (a + b)
            }
            Shape::Triangular => {
                let u = random.uniform();
                if u < mode {
                    (u * mode).sqrt()
                } else {
                    1.0 - ((1.0 - u) * (1.0 - mode)).sqrt()
                }
            }
        };
        // Not `clamp`: its check that low ≤ high would bring float formatting into the
        // analyses' module for a panic message that cannot happen here.
        (low + width * share).max(low).min(high)
    }
}

/// The 10th, 50th and 90th percentiles of some figure over the trials.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    /// One trial in ten falls below it.
    pub p10: f64,
    /// The median.
    pub p50: f64,
    /// Nine trials in ten fall below it.
    pub p90: f64,
}

impl Percentiles {
    /// The percentiles of `values`, by linear interpolation between the nearest trials.
    ///
    /// Each is found by selection, without sorting: a run has a figure per month of the
    /// horizon, each over every trial, and sorting them all would hold the page up.
    ///
    /// # Formula
    ///
    /// ```text
    /// P_q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋),   h = q (n − 1), x sorted ascending
    /// ```
    fn of(values: &[f64]) -> Self {
        let mut values = values.to_vec();
        let last = values.len().saturating_sub(1);
        let mut at = |q: f64| {
            let h = q * last as f64;
            let below = h.floor() as usize;
            let (_, &mut low, rest) = values.select_nth_unstable_by(below, f64::total_cmp);
            // The next value up is the least of those above.
            let high = rest.iter().copied().reduce(f64::min).unwrap_or(low);
            low + (h - below as f64) * (high - low)
        };
        Percentiles {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        }
    }
}

/// A lever's part in the spread: how closely the NPV follows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Driver {
    /// The lever.
    pub setting: Setting,
    /// Spearman's rank correlation between its drawn values and the NPV, from −1 to 1.
    pub correlation: f64,
}

/// What a run found.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Trials whose plan projected: the figures below are theirs.
    pub trials: usize,
    /// Trials whose values together made a plan that does not project (a queue beyond what can
    /// be staffed), left out of the figures.
    pub unprojected: usize,
    /// Share of trials in which the best challenger's contribution over the horizon (see
    /// [`Projection::best_challenger`]) beats the cost center's.
    pub chance_cost_center_beaten: f64,
    /// Share of trials whose extra contribution's NPV is below zero.
    pub chance_npv_below_zero: f64,
    /// The extra contribution over the horizon.
    pub extra_contribution: Percentiles,
    /// Its net present value.
    pub extra_contribution_npv: Percentiles,
    /// The cumulative extra contribution, month by month.
    pub cumulative_extra: Vec<Percentiles>,
    /// The plan's own cumulative extra contribution, month by month, every lever at its likely
    /// value: what the trials spread around.
    pub planned_cumulative_extra: Vec<f64>,
    /// The NPV's histogram: [`HISTOGRAM_BARS`] bars of equal width from the lowest NPV to the
    /// highest, each with how many trials fall in it.
    pub histogram: Histogram,
    /// The uncertain levers, the one the NPV follows most closely first.
    pub drivers: Vec<Driver>,
}

/// Trials counted in bars of equal width.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// The lowest value: the first bar's left edge.
    pub low: f64,
    /// The highest value: the last bar's right edge.
    pub high: f64,
    /// Trials in each bar.
    pub counts: Vec<u32>,
}

/// Why a run cannot start.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    /// The plan does not project as it is.
    Plan,
    /// A lever's range does not hold the plan's value, leaves its valid range, or reaches a
    /// value the plan cannot take with the other levers as they are (a channel's share, which
    /// must add up with the others'); or the lever is the horizon, which is not an assumption.
    Range(Setting),
    /// No trials asked for.
    NoTrials,
}

/// A Monte Carlo run under way.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    /// The plan as last drawn: each trial draws every uncertain lever again, the rest stay as
    /// planned.
    trial: Scenario,
    uncertain: Vec<Uncertain>,
    /// Each uncertain lever's likely value: the plan's.
    likely: Vec<f64>,
    /// The cost center's run, when no uncertain lever moves it: projected once, not per trial.
    cost_center: Option<StrategyRun>,
    /// The plan's own cumulative extra contribution, month by month.
    planned_cumulative_extra: Vec<f64>,
    trials: usize,
    random: Xoshiro256StarStar,
    /// Trials drawn so far, those that did not project among them.
    drawn_trials: usize,
    /// Each lever's drawn values, trial by trial, for the trials that projected.
    drawn: Vec<Vec<f64>>,
    extra: Vec<f64>,
    npv: Vec<f64>,
    /// The cumulative extra contribution of every trial, month by month.
    cumulative: Vec<Vec<f64>>,
}

impl MonteCarlo {
    /// A run of `trials` trials on `scenario`, drawing each of `uncertain` from its range, with
    /// random numbers from `seed`.
    ///
    /// # Errors
    ///
    /// [`RunError`] when the plan does not project, a range does not hold the plan's value or
    /// leaves the lever's valid range, or no trials are asked for.
    pub fn new(
        scenario: &Scenario,
        uncertain: &[Uncertain],
        trials: u32,
        seed: u64,
    ) -> Result<Self, RunError> {
        if trials == 0 {
            return Err(RunError::NoTrials);
        }
        for lever in uncertain {
            let likely = lever.setting.get(scenario);
            let range = lever.setting.range();
            let holds = lever.low <= likely && likely <= lever.high;
            let projects = |value| project(&lever.setting.applied(scenario, value)).is_ok();
            // The horizon is what the figures are measured over, not an assumption to draw.
            let assumption = Setting::assumptions().any(|a| a == lever.setting);
            let valid = assumption
                && holds
                && range.allows(lever.low)
                && range.allows(lever.high)
                && projects(lever.low)
                && projects(lever.high);
            if !valid {
                return Err(RunError::Range(lever.setting));
            }
        }
        let mut planned = project(scenario).map_err(|_| RunError::Plan)?;
        let planned_cumulative_extra: Vec<f64> = planned
            .best_challenger()
            .1
            .cumulative_extra_contribution()
            .collect();
        let months = planned_cumulative_extra.len();
        let trials = trials as usize;
        let cost_center_fixed = uncertain
            .iter()
            .all(|lever| leaves_cost_center(lever.setting));
        Ok(MonteCarlo {
            trial: scenario.clone(),
            uncertain: uncertain.to_vec(),
            likely: uncertain
                .iter()
                .map(|lever| lever.setting.get(scenario))
                .collect(),
            cost_center: cost_center_fixed.then(|| planned.runs.swap_remove(0)),
            planned_cumulative_extra,
            trials,
            random: Xoshiro256StarStar::new(seed),
            drawn_trials: 0,
            drawn: vec![Vec::with_capacity(trials); uncertain.len()],
            extra: Vec::with_capacity(trials),
            npv: Vec::with_capacity(trials),
            cumulative: vec![Vec::with_capacity(trials); months],
        })
    }

    /// Trials done so far.
    pub fn done(&self) -> usize {
        self.drawn_trials
    }

    /// Trials the run has in all.
    pub fn trials(&self) -> usize {
        self.trials
    }

    /// Runs up to `count` more trials; returns how many are done.
    ///
    /// A trial whose values together make a plan that does not project (a queue beyond what can
    /// be staffed) is counted apart and left out of the figures.
    pub fn advance(&mut self, count: usize) -> usize {
        let mut values = vec![0.0; self.uncertain.len()];
        let end = (self.done() + count).min(self.trials);
        while self.done() < end {
            for ((lever, &likely), value) in
                self.uncertain.iter().zip(&self.likely).zip(&mut values)
            {
                *value = lever
                    .shape
                    .sample(lever.low, likely, lever.high, &mut self.random);
                lever.setting.set(&mut self.trial, *value);
            }
            self.drawn_trials += 1;
            // Each value is within its lever's valid range and each lever alone projects at its
            // low and high (see `new`), so the trial is valid and needs no checking.
            let comparison = match &self.cost_center {
                Some(cost_center) => compare_with(&self.trial, cost_center),
                None => project_valid(&self.trial).map(Projection::into_best_comparison),
            };
            let Ok(comparison) = comparison else {
                continue;
            };
            for (drawn, &value) in self.drawn.iter_mut().zip(&values) {
                drawn.push(value);
            }
            self.extra.push(comparison.extra_contribution);
            self.npv.push(comparison.extra_contribution_npv);
            for (month, sum) in self
                .cumulative
                .iter_mut()
                .zip(comparison.cumulative_extra_contribution())
            {
                month.push(sum);
            }
        }
        self.done()
    }

    /// What the trials done so far show; `None` before the first that projects.
    pub fn summary(&self) -> Option<Summary> {
        let n = self.extra.len();
        if n == 0 {
            return None;
        }
        let npv = &self.npv;
        let npv_ranks = ranks(&self.npv);
        let correlations: Vec<f64> = self
            .drawn
            .iter()
            .map(|drawn| pearson(&ranks(drawn), &npv_ranks))
            .collect();
        // The closest follower first: by the correlation's size, largest first.
        let drivers = by_value(correlations.iter().map(|r| -r.abs()))
            .iter()
            .map(|&(_, i)| Driver {
                setting: self.uncertain[i as usize].setting,
                correlation: correlations[i as usize],
            })
            .collect();
        Some(Summary {
            trials: n,
            unprojected: self.done() - n,
            chance_cost_center_beaten: self.extra.iter().filter(|&&e| e > 0.0).count() as f64
                / n as f64,
            chance_npv_below_zero: npv.iter().filter(|&&v| v < 0.0).count() as f64 / n as f64,
            extra_contribution: Percentiles::of(&self.extra),
            extra_contribution_npv: Percentiles::of(npv),
            cumulative_extra: self
                .cumulative
                .iter()
                .map(|month| Percentiles::of(month))
                .collect(),
            planned_cumulative_extra: self.planned_cumulative_extra.clone(),
            histogram: histogram(npv),
            drivers,
        })
    }
}

/// Whether moving `setting` leaves the cost center's run as it is: a lever of the revenue
/// center, or of the transition to it.
fn leaves_cost_center(setting: Setting) -> bool {
    match setting {
        Setting::Strategy(side, _) => side == Side::Revenue,
        Setting::Scenario(lever) => lever.path.starts_with("transition."),
    }
}

/// `values` counted into [`HISTOGRAM_BARS`] bars of equal width, from the least to the greatest.
fn histogram(values: &[f64]) -> Histogram {
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &v| {
            (low.min(v), high.max(v))
        });
    let mut counts = vec![0; HISTOGRAM_BARS];
    let width = (high - low) / HISTOGRAM_BARS as f64;
    for &value in values {
        let bar = if width > 0.0 {
            (((value - low) / width) as usize).min(HISTOGRAM_BARS - 1)
        } else {
            0
        };
        counts[bar] += 1;
    }
    Histogram { low, high, counts }
}

/// `values` with their places, sorted by value, equal values in their first order. Every sort
/// of the analyses goes through this one, so their module carries one sorting routine rather
/// than one per kind of thing sorted.
pub(crate) fn by_value(values: impl Iterator<Item = f64>) -> Vec<(f64, u32)> {
    let mut pairs: Vec<(f64, u32)> = values.zip(0..).collect();
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    pairs
}

/// Each value's rank, from 1; tied values share the mean of their ranks.
fn ranks(values: &[f64]) -> Vec<f64> {
    let order: Vec<usize> = by_value(values.iter().copied())
        .iter()
        .map(|&(_, i)| i as usize)
        .collect();
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let shared = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = shared;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation of `x` and `y`; 0 when either does not vary.
///
/// # Formula
///
/// ```text
/// r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² × Σ (y − ȳ)²)
/// ```
fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mean_x, mean_y) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut xy, mut xx, mut yy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mean_x, b - mean_y);
        xy += dx * dy;
        xx += dx * dx;
        yy += dy * dy;
    }
    if xx > 0.0 && yy > 0.0 {
        (xy / (xx * yy).sqrt()).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::projection::StrategyKind;
    use approx::assert_abs_diff_eq;

    fn lever(path: &str, low: f64, high: f64) -> Uncertain {
        Uncertain {
            setting: Setting::find(path).unwrap(),
            low,
            high,
            shape: Shape::Pert,
        }
    }

    fn run(uncertain: &[Uncertain], trials: u32, seed: u64) -> Summary {
        let mut run = MonteCarlo::new(&Scenario::default(), uncertain, trials, seed).unwrap();
        while run.advance(1_000) < run.trials() {}
        run.summary().unwrap()
    }

    #[test]
    fn the_generator_is_xoshiro256_star_star_seeded_by_splitmix64() {
        // The reference C code (prng.di.unimi.it), state from SplitMix64 seeded with 42.
        let mut random = Xoshiro256StarStar::new(42);
        let first: Vec<u64> = (0..5).map(|_| random.next_u64()).collect();
        assert_eq!(
            first,
            [
                1_546_998_764_402_558_742,
                6_990_951_692_964_543_102,
                12_544_586_762_248_559_009,
                17_057_574_109_182_124_193,
                18_295_552_978_065_317_476,
            ]
        );
        assert_eq!(SplitMix64(0).next(), 16_294_208_416_658_607_535);
    }

    #[test]
    fn samples_stay_in_range_and_centre_where_the_formulas_say() {
        let mut random = Xoshiro256StarStar::new(7);
        for shape in [Shape::Pert, Shape::Triangular] {
            let draws: Vec<f64> = (0..20_000)
                .map(|_| shape.sample(1.0, 2.0, 5.0, &mut random))
                .collect();
            assert!(draws.iter().all(|d| (1.0..=5.0).contains(d)));
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            // PERT's mean is (low + 4 likely + high) / 6; the triangle's (low + likely + high) / 3.
            let expected = match shape {
                Shape::Pert => (1.0 + 8.0 + 5.0) / 6.0,
                Shape::Triangular => 8.0 / 3.0,
            };
            assert_abs_diff_eq!(mean, expected, epsilon = 0.02);
        }
        assert_eq!(Shape::Pert.sample(3.0, 3.0, 3.0, &mut random), 3.0);
    }

    #[test]
    fn a_cost_center_projected_once_gives_the_figures_of_one_projected_each_trial() {
        let revenue_only = [
            lever("revenue_center.monthly_churn", 0.01, 0.025),
            lever("revenue_center.offer_conversion", 0.05, 0.2),
            lever("transition.one_off_investment", 0.0, 900_000.0),
        ];
        // A range of no width on a cost-center lever draws no random number, but makes each
        // trial project the cost center again.
        let churn = Scenario::default().cost_center.monthly_churn;
        let mut both = revenue_only.to_vec();
        both.push(lever("cost_center.monthly_churn", churn, churn));
        let once = MonteCarlo::new(&Scenario::default(), &revenue_only, 2_000, 5).unwrap();
        assert!(once.cost_center.is_some());
        let every = MonteCarlo::new(&Scenario::default(), &both, 2_000, 5).unwrap();
        assert!(every.cost_center.is_none());
        let (a, b) = (run(&revenue_only, 2_000, 5), run(&both, 2_000, 5));
        assert_eq!(a.extra_contribution, b.extra_contribution);
        assert_eq!(a.extra_contribution_npv, b.extra_contribution_npv);
        assert_eq!(a.cumulative_extra, b.cumulative_extra);
        assert_eq!(a.histogram, b.histogram);
        assert_eq!(a.chance_cost_center_beaten, b.chance_cost_center_beaten);
    }

    #[test]
    fn ranges_of_no_width_give_the_plan_itself() {
        let scenario = Scenario::default();
        let churn = scenario.revenue_center.monthly_churn;
        let summary = run(
            &[lever("revenue_center.monthly_churn", churn, churn)],
            50,
            1,
        );
        let plan = project(&scenario).unwrap().comparisons.remove(0);
        for p in [
            summary.extra_contribution_npv.p10,
            summary.extra_contribution_npv.p50,
            summary.extra_contribution_npv.p90,
        ] {
            assert_eq!(p, plan.extra_contribution_npv);
        }
        assert_eq!(summary.extra_contribution.p50, plan.extra_contribution);
        let wins = if plan.extra_contribution > 0.0 {
            1.0
        } else {
            0.0
        };
        assert_eq!(summary.chance_cost_center_beaten, wins);
        assert_eq!((summary.trials, summary.unprojected), (50, 0));
        assert_eq!(summary.histogram.counts[0], 50);
        assert_eq!(summary.drivers[0].correlation, 0.0);
    }

    #[test]
    fn with_segments_the_trials_measure_the_strategy_that_earns_most() {
        // Dear agents and key accounts moved alone: the differentiated strategy earns most.
        let mut scenario = Scenario::default();
        scenario.revenue_center.agent_cost_per_hour = 60.0;
        let mut key_accounts = crate::model::segments::Segment::key_accounts();
        key_accounts.differentiated = true;
        scenario.segmentation.segments.push(key_accounts);
        let plan = project(&scenario).unwrap();
        let (best, expected) = plan.best_challenger();
        assert_eq!(best.plan.kind, StrategyKind::Differentiated);
        // A revenue-center lever: the cost center's run is kept and only the others rerun; a
        // cost-center lever: every strategy reruns. Both measure the same strategy.
        for path in ["revenue_center.monthly_churn", "cost_center.monthly_churn"] {
            let value = Setting::find(path).unwrap().get(&scenario);
            let mut run = MonteCarlo::new(&scenario, &[lever(path, value, value)], 20, 3).unwrap();
            while run.advance(100) < run.trials() {}
            let summary = run.summary().unwrap();
            assert_eq!(
                summary.extra_contribution.p50, expected.extra_contribution,
                "{path}"
            );
            assert_eq!(summary.chance_cost_center_beaten, 1.0);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_figures_and_another_seed_others() {
        let uncertain = [
            lever("revenue_center.monthly_churn", 0.008, 0.03),
            lever("revenue_center.offer_conversion", 0.05, 0.2),
        ];
        let a = run(&uncertain, 500, 2026);
        assert_eq!(a, run(&uncertain, 500, 2026));
        assert_ne!(a, run(&uncertain, 500, 2027));
        // Slices of any size give the same run.
        let mut sliced = MonteCarlo::new(&Scenario::default(), &uncertain, 500, 2026).unwrap();
        while sliced.advance(7) < 500 {}
        assert_eq!(sliced.summary().unwrap(), a);
    }

    #[test]
    fn figures_are_ordered_and_the_lever_that_moves_the_npv_leads() {
        let uncertain = [
            lever("transition.one_off_investment", 50_000.0, 70_000.0),
            lever("revenue_center.monthly_churn", 0.008, 0.03),
        ];
        let s = run(&uncertain, 2_000, 9);
        assert!((0.0..=1.0).contains(&s.chance_cost_center_beaten));
        for p in [s.extra_contribution, s.extra_contribution_npv]
            .iter()
            .chain(&s.cumulative_extra)
        {
            assert!(p.p10 <= p.p50 && p.p50 <= p.p90, "{p:?}");
        }
        assert_eq!(s.cumulative_extra.len(), 36);
        assert_abs_diff_eq!(
            s.cumulative_extra[35].p50,
            s.extra_contribution.p50,
            epsilon = 1e-6 * s.extra_contribution.p50.abs()
        );
        assert_eq!(s.histogram.counts.iter().sum::<u32>(), 2_000);
        // More churn, less NPV, closely; the investment barely matters.
        assert_eq!(s.drivers[0].setting.path(), "revenue_center.monthly_churn");
        assert!(s.drivers[0].correlation < -0.9, "{:?}", s.drivers);
        assert!(s.drivers[1].correlation.abs() < 0.1, "{:?}", s.drivers);
    }

    #[test]
    fn a_range_must_hold_the_plans_value_and_stay_valid() {
        let scenario = Scenario::default();
        let new = |low, high| {
            MonteCarlo::new(
                &scenario,
                &[lever("revenue_center.monthly_churn", low, high)],
                10,
                1,
            )
            .err()
        };
        let churn = Setting::find("revenue_center.monthly_churn").unwrap();
        assert_eq!(new(0.02, 0.03), Some(RunError::Range(churn)));
        assert_eq!(new(-0.1, 0.03), Some(RunError::Range(churn)));
        assert_eq!(new(0.01, 0.03), None);
        // A channel's share cannot move alone: the shares must still add up to 100%.
        let phone = Setting::find("baseline.channel_mix.phone").unwrap();
        let share = phone.get(&scenario);
        assert_eq!(
            MonteCarlo::new(
                &scenario,
                &[Uncertain {
                    setting: phone,
                    low: share - 0.1,
                    high: share + 0.1,
                    shape: Shape::Triangular
                }],
                10,
                1
            )
            .err(),
            Some(RunError::Range(phone))
        );
        let horizon = Setting::find("baseline.horizon_months").unwrap();
        assert_eq!(
            MonteCarlo::new(
                &scenario,
                &[Uncertain {
                    setting: horizon,
                    low: 24.0,
                    high: 48.0,
                    shape: Shape::Pert
                }],
                10,
                1
            )
            .err(),
            Some(RunError::Range(horizon))
        );
        assert_eq!(
            MonteCarlo::new(&scenario, &[], 0, 1).err(),
            Some(RunError::NoTrials)
        );
    }

    #[test]
    fn ranks_share_ties_and_correlation_reads_them() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), [3.5, 1.0, 3.5, 2.0]);
        assert_abs_diff_eq!(
            pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]),
            -1.0,
            epsilon = 1e-12
        );
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn percentiles_by_selection_match_those_of_the_sorted_values() {
        let mut random = Xoshiro256StarStar::new(3);
        for n in [1, 2, 3, 10, 11, 1000] {
            // Ties too: values rounded to a few levels.
            let values: Vec<f64> = (0..n).map(|_| (random.uniform() * 7.0).floor()).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let at = |q: f64| {
                let h = q * (n - 1) as f64;
                let below = h.floor() as usize;
                let above = (below + 1).min(n - 1);
                sorted[below] + (h - below as f64) * (sorted[above] - sorted[below])
            };
            let p = Percentiles::of(&values);
            assert_eq!((p.p10, p.p50, p.p90), (at(0.1), at(0.5), at(0.9)), "{n}");
        }
    }
}
