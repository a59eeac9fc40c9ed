//! The monthly projection as CSV, for a spreadsheet: one row per month, every strategy side by
//! side, headers with units, plain numbers with a dot decimal and no grouping.

use crate::model::{Month, Projection};
use crate::number_text::fixed;

/// One column of a strategy: its heading (with `¤` for the currency) and its value in a month.
type Column = (&'static str, fn(&Month) -> f64, u8);

/// Each strategy's columns, with the decimals each is written with.
const COLUMNS: [Column; 10] = [
    ("customers at start", |m| m.customers.start, 1),
    ("customers lost", |m| m.customers.churned, 1),
    ("contacts handled", |m| m.contacts.total(), 1),
    ("full-time agents", |m| m.full_time_agents, 2),
    ("service cost (¤)", |m| m.cost.total, 2),
    ("recurring revenue (¤)", |m| m.revenue.recurring, 2),
    ("sales revenue (¤)", |m| m.revenue.sales, 2),
    ("premium support revenue (¤)", |m| m.revenue.premium, 2),
    ("contribution (¤)", |m| m.contribution, 2),
    (
        "cumulative contribution (¤)",
        |m| m.cumulative_contribution,
        2,
    ),
];

/// The projection as CSV text, amounts in `currency`.
///
/// The last columns are each strategy's extra contribution over the reference, the cost center,
/// in the month; each one's sum is that strategy's extra contribution over the horizon.
///
/// # Formula
///
/// ```text
/// extra(m) = contribution_s(m) − contribution_cc(m)
/// ```
///
/// # Examples
///
/// ```
/// use frontline::export::monthly_csv;
/// use frontline::model::{project, Scenario};
/// let scenario = Scenario::default();
/// let csv = monthly_csv(&project(&scenario).unwrap(), &scenario.baseline.currency);
/// assert_eq!(csv.lines().count(), 1 + 36);
/// assert!(csv.starts_with("Month,Cost center: customers at start,"));
/// ```
pub fn monthly_csv(projection: &Projection, currency: &str) -> String {
    let mut text = String::from("Month");
    for run in &projection.runs {
        for (heading, _, _) in &COLUMNS {
            let heading = heading.replace('¤', currency);
            text.push_str(&format!(",{}: {heading}", run.plan.kind.name()));
        }
    }
    for (run, _) in projection.challengers() {
        let name = run.plan.kind.in_sentence();
        text.push_str(&format!(",Extra contribution of the {name} ({currency})"));
    }
    text.push_str("\r\n");
    for (i, reference) in projection.reference().months.iter().enumerate() {
        text.push_str(&(i + 1).to_string());
        for run in &projection.runs {
            for (_, value, decimals) in &COLUMNS {
                text.push(',');
                text.push_str(&fixed(value(&run.months[i]), *decimals));
            }
        }
        for (run, _) in projection.challengers() {
            let extra = run.months[i].contribution - reference.contribution;
            text.push(',');
            text.push_str(&fixed(extra, 2));
        }
        text.push_str("\r\n");
    }
    text
}

/// A file name from the scenario's name and a date: characters that file systems refuse
/// become spaces, and an empty name becomes "Frontline".
///
/// ```
/// use frontline::export::file_name;
/// assert_eq!(file_name("Budget 2027: draft/2", "2026-11-27", "csv"), "Budget 2027 draft 2 2026-11-27.csv");
/// assert_eq!(file_name("  ", "2026-11-27", "json"), "Frontline 2026-11-27.json");
/// ```
pub fn file_name(name: &str, date: &str, extension: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || r#"\/:*?"<>|"#.contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let stem = if words.is_empty() {
        "Frontline".to_owned()
    } else {
        words.join(" ")
    };
    format!("{stem} {date}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{project, Scenario};

    /// Sums of amounts each rounded to the cent: off by at most half a cent a month.
    const CENTS: f64 = 0.005;

    #[test]
    fn the_csv_parses_and_its_totals_match_the_headline() {
        let scenario = Scenario::default();
        let projection = project(&scenario).unwrap();
        let csv = monthly_csv(&projection, "USD");
        let rows: Vec<Vec<&str>> = csv
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').collect())
            .collect();
        let header = &rows[0];
        assert_eq!(header.len(), 1 + 2 * COLUMNS.len() + 1);
        assert!(rows.iter().all(|r| r.len() == header.len()));
        assert_eq!(rows.len(), 1 + 36);
        let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let numbers = |i: usize| -> Vec<f64> {
            rows[1..]
                .iter()
                .map(|r| r[i].parse::<f64>().unwrap())
                .collect()
        };

        let extra: f64 = numbers(column("Extra contribution of the revenue center (USD)"))
            .iter()
            .sum();
        let expected = projection.revenue_center().extra_contribution;
        assert!(
            (extra - expected).abs() <= CENTS * 36.0,
            "{extra} vs {expected}"
        );

        let last_cumulative = |strategy: &str| {
            *numbers(column(&format!(
                "{strategy}: cumulative contribution (USD)"
            )))
            .last()
            .unwrap()
        };
        let difference = last_cumulative("Revenue center") - last_cumulative("Cost center");
        assert!((difference - expected).abs() <= 2.0 * CENTS, "{difference}");
        assert_eq!(numbers(0), (1..=36).map(f64::from).collect::<Vec<_>>());
    }

    #[test]
    fn numbers_are_plain_with_a_dot_decimal() {
        let projection = project(&Scenario::default()).unwrap();
        let csv = monthly_csv(&projection, "EUR");
        let first_row = csv.lines().nth(1).unwrap();
        assert!(first_row.starts_with("1,100000.0,"), "{first_row}");
        assert!(!first_row.contains('e') && !first_row.contains(' '));
        assert!(csv.lines().next().unwrap().contains("service cost (EUR)"));
    }
}
