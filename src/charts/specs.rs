//! The four charts of a projection, as data.

use plotters::style::RGBColor;

use super::{LineChart, Marker, Scale, Series};
use crate::model::{Month, Projection, StrategyRun};

/// The cost center's colour (amber); its lines are dashed.
pub const COST_CENTER: RGBColor = RGBColor(217, 119, 6);
/// The revenue center's colour (teal); its lines are solid.
pub const REVENUE_CENTER: RGBColor = RGBColor(13, 148, 136);

/// The cumulative difference between the strategies (slate).
const DIFFERENCE: RGBColor = RGBColor(100, 116, 139);
const RECURRING: RGBColor = RGBColor(79, 70, 229);
const SALES: RGBColor = RGBColor(13, 148, 136);
const PREMIUM: RGBColor = RGBColor(168, 85, 247);
const SERVICE_COST: RGBColor = RGBColor(220, 38, 38);

/// Reads one value of a month.
type MonthValue = fn(&Month) -> f64;

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Cumulative contribution of both strategies, break-even marked.
    CumulativeContribution,
    /// Monthly recurring, sales and premium revenue against service cost.
    RevenueAndCost,
    /// Customers at the start of each month.
    Customers,
    /// Full-time agents needed.
    Agents,
}

impl ChartKind {
    /// Every chart, in page order.
    pub const ALL: [ChartKind; 4] = [
        ChartKind::CumulativeContribution,
        ChartKind::RevenueAndCost,
        ChartKind::Customers,
        ChartKind::Agents,
    ];

    /// Title above the chart.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::CumulativeContribution => "Cumulative contribution",
            ChartKind::RevenueAndCost => "Monthly revenue and service cost",
            ChartKind::Customers => "Customers",
            ChartKind::Agents => "Full-time agents needed",
        }
    }

    /// Unit of the value axis, shown under the title.
    pub fn unit(self) -> &'static str {
        match self {
            ChartKind::CumulativeContribution => "money summed from month 1, by month",
            ChartKind::RevenueAndCost => "money per month (log scale), by month",
            ChartKind::Customers => "customers at the start of each month",
            ChartKind::Agents => "full-time agents on all channels, by month",
        }
    }

    /// Whether values are money (formatted in the scenario's currency).
    pub fn is_money(self) -> bool {
        matches!(
            self,
            ChartKind::CumulativeContribution | ChartKind::RevenueAndCost
        )
    }

    /// A short id for test hooks and element ids.
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::CumulativeContribution => "cumulative",
            ChartKind::RevenueAndCost => "revenue",
            ChartKind::Customers => "customers",
            ChartKind::Agents => "agents",
        }
    }

    /// The chart's data for `projection`.
    pub fn build(self, projection: &Projection) -> LineChart {
        let cc = &projection.cost_center;
        let rc = &projection.revenue_center;
        match self {
            ChartKind::CumulativeContribution => LineChart {
                series: {
                    let mut series = pair(cc, rc, "", |m| m.cumulative_contribution);
                    // The gap between the two is what the decision turns on; it crosses zero
                    // at the break-even month.
                    series.push(Series {
                        label: "Difference (revenue − cost center)".into(),
                        color: DIFFERENCE,
                        dashed: false,
                        values: cumulative_extra(projection),
                    });
                    series
                },
                scale: Scale::Linear,
                marker: projection.comparison.break_even_month.map(|month| Marker {
                    month,
                    label: format!("Break-even: month {month}"),
                }),
            },
            ChartKind::RevenueAndCost => {
                let lines: [(&str, RGBColor, MonthValue); 4] = [
                    ("recurring revenue", RECURRING, |m| m.revenue.recurring),
                    ("service cost", SERVICE_COST, |m| m.cost.total),
                    ("sales revenue", SALES, |m| m.revenue.sales),
                    ("premium revenue", PREMIUM, |m| m.revenue.premium),
                ];
                let mut series = Vec::new();
                for (name, color, value) in lines {
                    for (run, strategy, dashed) in
                        [(rc, "Revenue center", false), (cc, "Cost center", true)]
                    {
                        let values: Vec<f64> = run.months.iter().map(value).collect();
                        // A line that is zero throughout (no sales in the cost center) says
                        // nothing on a log scale; the hover box still lists it.
                        if values.iter().any(|v| *v > 0.0) {
                            series.push(Series {
                                label: format!("{strategy}: {name}"),
                                color,
                                dashed,
                                values,
                            });
                        }
                    }
                }
                LineChart {
                    series,
                    scale: Scale::Log,
                    marker: None,
                }
            }
            ChartKind::Customers => LineChart {
                series: pair(cc, rc, "", |m| m.customers.start),
                scale: Scale::Linear,
                marker: None,
            },
            ChartKind::Agents => LineChart {
                series: pair(cc, rc, "", |m| m.full_time_agents),
                scale: Scale::Linear,
                marker: None,
            },
        }
    }
}

/// The revenue center's extra contribution summed from month 1, month by month.
fn cumulative_extra(projection: &Projection) -> Vec<f64> {
    projection
        .comparison
        .monthly_extra_contribution
        .iter()
        .scan(0.0, |sum, extra| {
            *sum += extra;
            Some(*sum)
        })
        .collect()
}

/// A colour for each compared scenario, in the order they are listed; every second line is
/// dashed too, so lines are told apart by more than colour.
const SCENARIO_COLORS: [RGBColor; 3] = [REVENUE_CENTER, RECURRING, RGBColor(190, 24, 93)];

/// Title of the chart comparing scenarios.
pub const BY_SCENARIO_TITLE: &str = "Extra contribution of the revenue center, by scenario";
/// Unit line of the chart comparing scenarios.
pub const BY_SCENARIO_UNIT: &str = "revenue minus cost center, summed from month 1, by month";

/// Several scenarios' cumulative extra contribution on one chart, one line each, named.
pub fn extra_contribution_by_scenario<'a>(
    scenarios: impl IntoIterator<Item = (&'a str, &'a Projection)>,
) -> LineChart {
    LineChart {
        series: scenarios
            .into_iter()
            .enumerate()
            .map(|(i, (name, projection))| Series {
                label: name.to_owned(),
                color: SCENARIO_COLORS[i % SCENARIO_COLORS.len()],
                dashed: i % 2 == 1,
                values: cumulative_extra(projection),
            })
            .collect(),
        scale: Scale::Linear,
        marker: None,
    }
}

fn pair(cc: &StrategyRun, rc: &StrategyRun, suffix: &str, value: MonthValue) -> Vec<Series> {
    vec![
        Series {
            label: format!("Revenue center{suffix}"),
            color: REVENUE_CENTER,
            dashed: false,
            values: rc.months.iter().map(value).collect(),
        },
        Series {
            label: format!("Cost center{suffix}"),
            color: COST_CENTER,
            dashed: true,
            values: cc.months.iter().map(value).collect(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw_line_chart, ChartStyle};
    use crate::model::{project, Scenario};
    use plotters::prelude::*;

    fn example() -> Projection {
        project(&Scenario::default()).unwrap()
    }

    fn svg(
        chart: &LineChart,
        width: u32,
        height: u32,
        scale: f64,
    ) -> (String, crate::charts::PlotGeometry) {
        let mut out = String::new();
        let geometry = {
            let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
            draw_line_chart(&root, chart, &ChartStyle::light(scale), &|v| {
                format!("{v:.0}")
            })
            .unwrap()
        };
        (out, geometry)
    }

    #[test]
    fn cumulative_chart_marks_break_even() {
        let p = example();
        let chart = ChartKind::CumulativeContribution.build(&p);
        assert_eq!(chart.series.len(), 3);
        assert_eq!(chart.months(), 36);
        // The difference line is below zero before break-even and at or above it from then on.
        let difference = &chart.series[2].values;
        let month = p.comparison.break_even_month.unwrap() as usize;
        assert!(difference[month - 2] < 0.0 && difference[month - 1..].iter().all(|v| *v >= 0.0));
        let month = p.comparison.break_even_month.unwrap();
        assert_eq!(
            chart.marker.as_ref().unwrap().label,
            format!("Break-even: month {month}")
        );
        let (svg, _) = svg(&chart, 640, 320, 1.0);
        assert!(svg.contains(&format!("Break-even: month {month}")));
        // Two solid or dashed series plus grid: several polylines or line segments.
        assert!(
            svg.matches("<polyline").count() + svg.matches("<line").count() >= 3,
            "{svg}"
        );
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
        assert!(!chart.series[0].dashed && chart.series[1].dashed);
        // The first line is the difference line of the example's own cumulative chart.
        let own = ChartKind::CumulativeContribution.build(&example);
        assert_eq!(chart.series[0].values, own.series[2].values);
        // Cheaper agents: more extra contribution by the end.
        let end = |i: usize| *chart.series[i].values.last().unwrap();
        assert!(end(1) > end(0), "{} {}", end(0), end(1));
    }

    #[test]
    fn revenue_chart_leaves_out_lines_that_are_zero_throughout() {
        let chart = ChartKind::RevenueAndCost.build(&example());
        let labels: Vec<&str> = chart.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Revenue center: recurring revenue",
                "Cost center: recurring revenue",
                "Revenue center: service cost",
                "Cost center: service cost",
                "Revenue center: sales revenue",
                "Revenue center: premium revenue",
            ]
        );
        assert_eq!(chart.scale, Scale::Log);
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
        let chart = ChartKind::Agents.build(&project(&s).unwrap());
        let (_, g) = svg(&chart, 300, 200, 1.0);
        assert_eq!(g.months, 1);
        assert_eq!(g.month_at((g.left + g.right) / 2.0), Some(1));
    }
}
