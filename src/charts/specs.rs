//! The charts of a projection, as data.

use plotters::style::RGBColor;

use super::{Chart, Marker, Series, Shape};
use crate::model::{Month, Projection, Source, StrategyRun};

/// The cost center's colour (amber); its lines are dashed.
pub const COST_CENTER: RGBColor = RGBColor(217, 119, 6);
/// The revenue center's colour (teal); its lines are solid.
pub const REVENUE_CENTER: RGBColor = RGBColor(13, 148, 136);

/// The net of the sources (slate).
const NET: RGBColor = RGBColor(100, 116, 139);
const RETENTION: RGBColor = RGBColor(79, 70, 229);
const SALES: RGBColor = RGBColor(13, 148, 136);
const PREMIUM: RGBColor = RGBColor(168, 85, 247);
const SERVICE_COST: RGBColor = RGBColor(220, 38, 38);
const INVESTMENT: RGBColor = RGBColor(217, 119, 6);

/// Reads one value of a month.
type MonthValue = fn(&Month) -> f64;

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Each strategy's extra contribution over the cost center summed from month 1: the
    /// investment's dip, the ramp and the best one's break-even crossing.
    ExtraContribution,
    /// Each month's extra contribution of the best strategy over the cost center, split into
    /// where it comes from.
    Sources,
    /// Cumulative contribution of each strategy.
    CumulativeContribution,
    /// Customers at the start of each month.
    Customers,
    /// Full-time agents needed.
    Agents,
}

impl ChartKind {
    /// Every chart, in page order.
    pub const ALL: [ChartKind; 5] = [
        ChartKind::ExtraContribution,
        ChartKind::Sources,
        ChartKind::CumulativeContribution,
        ChartKind::Customers,
        ChartKind::Agents,
    ];

    /// Title above the chart.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::ExtraContribution => "Extra contribution over the cost center",
            ChartKind::Sources => "Where the difference comes from",
            ChartKind::CumulativeContribution => "Cumulative contribution of each strategy",
            ChartKind::Customers => "Customers",
            ChartKind::Agents => "Full-time agents needed",
        }
    }

    /// Unit of the value axis, shown under the title.
    pub fn unit(self) -> &'static str {
        match self {
            ChartKind::ExtraContribution => BY_SCENARIO_UNIT,
            ChartKind::Sources => "strategy minus cost center, money per month",
            ChartKind::CumulativeContribution => "money summed from month 1, by month",
            ChartKind::Customers => "customers at the start of each month",
            ChartKind::Agents => "full-time agents on all channels, by month",
        }
    }

    /// Whether values are money (formatted in the scenario's currency).
    pub fn is_money(self) -> bool {
        !matches!(self, ChartKind::Customers | ChartKind::Agents)
    }

    /// A short id for test hooks and element ids.
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::ExtraContribution => "extra",
            ChartKind::Sources => "sources",
            ChartKind::CumulativeContribution => "cumulative",
            ChartKind::Customers => "customers",
            ChartKind::Agents => "agents",
        }
    }

    /// The chart's data for `projection`.
    pub fn build(self, projection: &Projection) -> Chart {
        match self {
            ChartKind::ExtraContribution => {
                let reference = projection.reference().plan.kind.in_sentence();
                let best = projection.best_challenger().0.plan.kind;
                Chart {
                    series: projection
                        .challengers()
                        .enumerate()
                        .map(|(i, (run, comparison))| Series {
                            label: format!("{} minus {reference}", run.plan.kind.name()),
                            color: strategy_color(i + 1),
                            // The best filled, with its low point and break-even marked;
                            // a third strategy's line dotted, as everywhere.
                            shape: match (run.plan.kind == best, i == 0) {
                                (true, true) => Shape::Area,
                                (true, false) => Shape::DottedArea,
                                (false, true) => Shape::Line,
                                (false, false) => Shape::Dotted,
                            },
                            values: comparison.cumulative_extra_contribution().collect(),
                        })
                        .collect(),
                    // Strategies set alike have nothing to break even on.
                    marker: Some(projection.best_challenger().1)
                        .filter(|best| !best.makes_no_difference())
                        .and_then(|best| best.break_even_month)
                        .map(|month| Marker {
                            month,
                            label: format!("Break-even: month {month}"),
                        }),
                    bands: Vec::new(),
                }
            }
            ChartKind::Sources => {
                let (best, comparison) = projection.best_challenger();
                let monthly = &comparison.monthly_sources;
                let mut series: Vec<Series> = [
                    Source::Retention,
                    Source::Sales,
                    Source::Premium,
                    Source::ServiceCost,
                    Source::Investment,
                ]
                .into_iter()
                .enumerate()
                .map(|(i, source)| Series {
                    label: source_label(source).into(),
                    color: source_color(source),
                    shape: Shape::Bar,
                    values: monthly.iter().map(|m| m.parts()[i].1).collect(),
                })
                // A source that is zero throughout (no premium support offered) only crowds
                // the legend.
                .filter(|s| s.values.iter().any(|v| *v != 0.0))
                .collect();
                series.push(Series {
                    label: format!("Net: {} minus cost center", best.plan.kind.name()),
                    color: NET,
                    shape: Shape::Line,
                    values: comparison.monthly_extra_contribution.clone(),
                });
                Chart {
                    series,
                    marker: None,
                    bands: Vec::new(),
                }
            }
            ChartKind::CumulativeContribution => Chart {
                series: each_strategy(projection, |m| m.cumulative_contribution),
                marker: None,
                bands: Vec::new(),
            },
            ChartKind::Customers => Chart {
                series: each_strategy(projection, |m| m.customers.start),
                marker: None,
                bands: Vec::new(),
            },
            ChartKind::Agents => Chart {
                series: each_strategy(projection, |m| m.full_time_agents),
                marker: None,
                bands: Vec::new(),
            },
        }
    }
}

/// The tint of a Monte Carlo run's band, and its median line.
const TRIALS: RGBColor = RGBColor(79, 70, 229);

impl Chart {
    /// The chart with a Monte Carlo run's P10 to P90 band and its P50 line: for the cumulative
    /// extra contribution, which the run draws trials of, month by month.
    pub fn with_trials(mut self, p10: &[f64], p50: &[f64], p90: &[f64]) -> Self {
        let series = |label: &str, shape, values: &[f64]| Series {
            label: label.into(),
            color: TRIALS,
            shape,
            values: values.to_vec(),
        };
        self.series.extend([
            series("Trials, P90", Shape::Band, p90),
            series("Trials, median (P50)", Shape::Dashed, p50),
            series("Trials, P10", Shape::Band, p10),
        ]);
        self.bands.push("Trials, P10 to P90".into());
        self
    }
}

/// What a source is called in a legend.
pub fn source_label(source: Source) -> &'static str {
    match source {
        Source::Retention => "Customers kept: recurring margin",
        Source::Sales => "Sales margin",
        Source::Premium => "Premium support margin",
        Source::ServiceCost => "Service cost saved (− extra spent)",
        Source::Investment => "One-off investment",
    }
}

fn source_color(source: Source) -> RGBColor {
    match source {
        Source::Retention => RETENTION,
        Source::Sales => SALES,
        Source::Premium => PREMIUM,
        Source::ServiceCost => SERVICE_COST,
        Source::Investment => INVESTMENT,
    }
}

/// A colour for each compared scenario, in the order they are listed; every second line is
/// dashed too, so lines are told apart by more than colour.
const SCENARIO_COLORS: [RGBColor; 3] = [REVENUE_CENTER, RETENTION, RGBColor(190, 24, 93)];

/// Title of the chart comparing scenarios.
pub const BY_SCENARIO_TITLE: &str = "Extra contribution over the cost center, by scenario";
/// Unit line of the chart comparing scenarios.
pub const BY_SCENARIO_UNIT: &str = "strategy minus cost center, summed from month 1, by month";

/// Several scenarios' cumulative extra contribution on one chart, one line each, named: each
/// one's best strategy over its cost center.
pub fn extra_contribution_by_scenario<'a>(
    scenarios: impl IntoIterator<Item = (&'a str, &'a Projection)>,
) -> Chart {
    Chart {
        series: scenarios
            .into_iter()
            .enumerate()
            .map(|(i, (name, projection))| Series {
                label: name.to_owned(),
                color: SCENARIO_COLORS[i % SCENARIO_COLORS.len()],
                shape: if i % 2 == 1 {
                    Shape::Dashed
                } else {
                    Shape::Line
                },
                values: projection
                    .best_challenger()
                    .1
                    .cumulative_extra_contribution()
                    .collect(),
            })
            .collect(),
        marker: None,
        bands: Vec::new(),
    }
}

/// The colour of the strategy at `index` in a projection's runs: the reference's first.
pub fn strategy_color(index: usize) -> RGBColor {
    const COLORS: [RGBColor; 3] = [COST_CENTER, REVENUE_CENTER, RETENTION];
    COLORS[index % COLORS.len()]
}

/// One line per strategy, the reference's last and dashed, so that it is told apart by more
/// than colour and the others are drawn over it; the third dotted.
fn each_strategy(projection: &Projection, value: MonthValue) -> Vec<Series> {
    let line = |index: usize, run: &StrategyRun| Series {
        label: run.plan.kind.name().into(),
        color: strategy_color(index),
        shape: match index {
            0 => Shape::Dashed,
            1 => Shape::Line,
            _ => Shape::Dotted,
        },
        values: run.months.iter().map(value).collect(),
    };
    let runs = projection.runs.iter().enumerate();
    runs.clone()
        .skip(1)
        .chain(runs.take(1))
        .map(|(index, run)| line(index, run))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw_chart, ChartStyle};
    use crate::model::{project, Scenario};
    use plotters::prelude::*;

    fn example() -> Projection {
        project(&Scenario::default()).unwrap()
    }

    fn svg(
        chart: &Chart,
        width: u32,
        height: u32,
        scale: f64,
    ) -> (String, crate::charts::PlotGeometry) {
        let mut out = String::new();
        let geometry = {
            let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
            draw_chart(&root, chart, &ChartStyle::light(scale), &|v| {
                format!("{v:.0}")
            })
            .unwrap()
        };
        (out, geometry)
    }

    #[test]
    fn strategies_set_alike_mark_no_break_even() {
        let blank = crate::model::project(&crate::model::Scenario::blank("USD")).unwrap();
        let chart = ChartKind::ExtraContribution.build(&blank);
        assert!(chart.series[0].values.iter().all(|v| *v == 0.0));
        assert_eq!(chart.marker, None);
    }

    #[test]
    fn the_extra_contribution_chart_dips_then_crosses_zero_at_break_even() {
        let p = example();
        let chart = ChartKind::ExtraContribution.build(&p);
        assert_eq!(chart.series.len(), 1);
        assert_eq!(chart.months(), 36);
        let extra = &chart.series[0].values;
        let month = p.revenue_center().break_even_month.unwrap() as usize;
        assert!(extra[0] < 0.0, "the investment's dip");
        assert!(extra[month - 2] < 0.0 && extra[month - 1..].iter().all(|v| *v >= 0.0));
        assert_eq!(
            chart.marker.as_ref().unwrap().label,
            format!("Break-even: month {month}")
        );
        let (svg, _) = svg(&chart, 640, 320, 1.0);
        assert!(svg.contains(&format!("Break-even: month {month}")));
        // The dip's low point is written out, however shallow it is on the axis.
        let (low_month, low) = extra
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .unwrap();
        assert!(
            svg.contains(&format!("Low point: {low:.0} in month {}", low_month + 1)),
            "{svg}"
        );
        // Shaded below zero before break-even and above it after: two filled outlines.
        assert!(svg.matches("<polygon").count() >= 2, "{svg}");
    }

    #[test]
    fn sources_stack_to_the_net_extra_contribution() {
        let p = example();
        let chart = ChartKind::Sources.build(&p);
        let labels: Vec<&str> = chart.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Customers kept: recurring margin",
                "Sales margin",
                "Premium support margin",
                "Service cost saved (− extra spent)",
                "One-off investment",
                "Net: Revenue center minus cost center",
            ]
        );
        let (bars, net) = chart.series.split_at(5);
        for month in 0..chart.months() {
            let stacked: f64 = bars.iter().map(|s| s.values[month]).sum();
            approx::assert_abs_diff_eq!(stacked, net[0].values[month], epsilon = 1e-6);
        }
        // The investment is paid in month 1 only.
        assert!(bars[4].values[0] < 0.0 && bars[4].values[1..].iter().all(|v| *v == 0.0));
        let (svg, _) = svg(&chart, 640, 320, 1.0);
        assert!(svg.matches("<rect").count() >= 36 * 4, "bars drawn");
    }

    #[test]
    fn scenarios_compared_get_one_named_line_each() {
        let example = example();
        let mut cheaper = Scenario::default();
        cheaper.revenue_center.agent_cost_per_hour = 26.0;
        let cheaper = project(&cheaper).unwrap();
        let chart = extra_contribution_by_scenario([("Example", &example), ("Cheaper", &cheaper)]);
        let labels: Vec<&str> = chart.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Example", "Cheaper"]);
        assert_eq!(chart.series[0].shape, Shape::Line);
        assert_eq!(chart.series[1].shape, Shape::Dashed);
        // The first line is the example's own extra contribution chart.
        let own = ChartKind::ExtraContribution.build(&example);
        assert_eq!(chart.series[0].values, own.series[0].values);
        // Cheaper agents: more extra contribution by the end.
        let end = |i: usize| *chart.series[i].values.last().unwrap();
        assert!(end(1) > end(0), "{} {}", end(0), end(1));
    }

    #[test]
    fn a_trials_band_is_one_legend_entry_and_its_edges_keep_their_names() {
        let example = example();
        let chart = ChartKind::ExtraContribution.build(&example);
        let lines = chart.series.len();
        let [p10, p50, p90] = [0.8, 1.0, 1.2].map(|f| {
            let values = &chart.series[0].values;
            values.iter().map(|v| v * f).collect::<Vec<_>>()
        });
        let chart = chart.with_trials(&p10, &p50, &p90);
        let legend: Vec<(&str, Shape)> = chart
            .legend()
            .iter()
            .map(|e| (e.label, e.shape))
            .skip(lines)
            .collect();
        assert_eq!(
            legend,
            [
                ("Trials, P10 to P90", Shape::Band),
                ("Trials, median (P50)", Shape::Dashed)
            ]
        );
        // The hover box reads the series, each edge by its own name.
        let edges: Vec<&str> = chart.series[lines..]
            .iter()
            .map(|s| s.label.as_str())
            .collect();
        assert_eq!(
            edges,
            ["Trials, P90", "Trials, median (P50)", "Trials, P10"]
        );
    }

    #[test]
    fn geometry_scales_with_device_pixel_ratio() {
        let chart = ChartKind::Customers.build(&example());
        let (_, one) = svg(&chart, 600, 300, 1.0);
        let (_, two) = svg(&chart, 1200, 600, 2.0);
        assert!((two.left - 2.0 * one.left).abs() <= 2.0, "{one:?} {two:?}");
        assert!(
            (two.right - 2.0 * one.right).abs() <= 2.0,
            "{one:?} {two:?}"
        );
        assert_eq!(one.month_at(one.left), Some(1));
        assert_eq!(one.month_at(one.right), Some(36));
        assert_eq!(two.month_at(two.x_of(17)), Some(17));
    }

    #[test]
    fn a_single_month_chart_still_draws() {
        let mut s = Scenario::default();
        s.baseline.horizon_months = 1;
        s.transition.ramp_months = 1;
        let chart = ChartKind::Agents.build(&project(&s).unwrap());
        let (_, g) = svg(&chart, 300, 200, 1.0);
        assert_eq!(g.months, 1);
        assert_eq!(g.month_at((g.left + g.right) / 2.0), Some(1));
    }
}
