//! Prints a month of the example scenario per strategy, as the Markdown table in docs/model.md.
//!
//! `cargo run --example print_figures [MONTH]` (default: 36, the example's horizon).

use frontline::model::{project, Month, Scenario};

fn main() {
    let scenario = Scenario::default();
    let projection = project(&scenario).expect("the example scenario is valid");
    let month: usize = std::env::args()
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(scenario.baseline.horizon_months as usize);
    let (Some(cc), Some(rc)) = (
        projection.cost_center.months.get(month - 1),
        projection.revenue_center.months.get(month - 1),
    ) else {
        eprintln!("month {month} is outside the horizon");
        std::process::exit(2);
    };
    let queue =
        |m: &Month, pick: fn(&Month) -> Option<frontline::model::staffing::QueueFigures>| {
            pick(m).map_or("—".to_owned(), |q| {
                format!(
                    "{} agents, SL {:.1}%, ASA {:.1} s, occupancy {:.1}%",
                    q.agents_on_queue,
                    q.service_level * 100.0,
                    q.asa_seconds,
                    q.occupancy * 100.0
                )
            })
        };
    let rows: Vec<(&str, String, String)> = vec![
        (
            "Customers at start",
            format!("{:.0}", cc.customers.start),
            format!("{:.0}", rc.customers.start),
        ),
        (
            "Churned / won / referred",
            format!(
                "{:.0} / {:.0} / {:.0}",
                cc.customers.churned, cc.customers.won, cc.customers.referred
            ),
            format!(
                "{:.0} / {:.0} / {:.0}",
                rc.customers.churned, rc.customers.won, rc.customers.referred
            ),
        ),
        (
            "First contacts",
            format!("{:.0}", cc.contacts.first),
            format!("{:.0}", rc.contacts.first),
        ),
        (
            "Self-service contacts",
            format!("{:.0}", cc.contacts.self_service),
            format!("{:.0}", rc.contacts.self_service),
        ),
        (
            "Live phone / chat / email (with repeats)",
            format!(
                "{:.0} / {:.0} / {:.0}",
                cc.contacts.live.phone, cc.contacts.live.chat, cc.contacts.live.email
            ),
            format!(
                "{:.0} / {:.0} / {:.0}",
                rc.contacts.live.phone, rc.contacts.live.chat, rc.contacts.live.email
            ),
        ),
        (
            "Phone queue",
            queue(cc, |m| m.channels.phone.queue),
            queue(rc, |m| m.channels.phone.queue),
        ),
        (
            "Chat queue",
            queue(cc, |m| m.channels.chat.queue),
            queue(rc, |m| m.channels.chat.queue),
        ),
        (
            "Full-time agents",
            format!("{:.1}", cc.full_time_agents),
            format!("{:.1}", rc.full_time_agents),
        ),
        (
            "Service cost",
            format!("{:.0}", cc.cost.total),
            format!("{:.0}", rc.cost.total),
        ),
        (
            "Cost per contact",
            format!("{:.2}", cc.cost_per_contact),
            format!("{:.2}", rc.cost_per_contact),
        ),
        (
            "Recurring margin",
            format!("{:.0}", cc.revenue.recurring_margin),
            format!("{:.0}", rc.revenue.recurring_margin),
        ),
        (
            "Sales revenue / margin",
            format!("{:.0} / {:.0}", cc.revenue.sales, cc.revenue.sales_margin),
            format!("{:.0} / {:.0}", rc.revenue.sales, rc.revenue.sales_margin),
        ),
        (
            "Premium revenue / margin",
            format!(
                "{:.0} / {:.0}",
                cc.revenue.premium, cc.revenue.premium_margin
            ),
            format!(
                "{:.0} / {:.0}",
                rc.revenue.premium, rc.revenue.premium_margin
            ),
        ),
        (
            "Contribution",
            format!("{:.0}", cc.contribution),
            format!("{:.0}", rc.contribution),
        ),
        (
            "Cumulative contribution",
            format!("{:.0}", cc.cumulative_contribution),
            format!("{:.0}", rc.cumulative_contribution),
        ),
    ];
    println!("| Month {month} | Cost center | Revenue center |\n|---|---|---|");
    for (label, a, b) in rows {
        println!("| {label} | {a} | {b} |");
    }
    let c = &projection.comparison;
    let opt = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("—".to_owned(), f);
    println!("\n| Over the horizon | Value |\n|---|---|");
    println!("| Extra contribution | {:.0} |", c.extra_contribution);
    println!(
        "| Its NPV at {:.0}% a year | {:.0} |",
        scenario.baseline.yearly_discount_rate * 100.0,
        c.extra_contribution_npv
    );
    println!(
        "| Break-even month | {} |",
        c.break_even_month
            .map_or("not within the horizon".to_owned(), |m| m.to_string())
    );
    println!("| Extra service cost | {:.0} |", c.extra_service_cost);
    println!(
        "| Return on extra service spend | {} |",
        opt(c.return_on_extra_service_spend, &|v| format!("{:.2}", v))
    );
    println!(
        "| Sales per $ of service cost, cost / revenue center | {} / {} |",
        opt(c.cost_center.sales_per_service_dollar, &|v| format!(
            "{:.3}",
            v
        )),
        opt(c.revenue_center.sales_per_service_dollar, &|v| format!(
            "{:.3}",
            v
        ))
    );
    println!(
        "| Lifetime value, cost / revenue center | {} / {} |",
        opt(c.cost_center.lifetime_value, &|v| format!("{:.0}", v)),
        opt(c.revenue_center.lifetime_value, &|v| format!("{:.0}", v))
    );
    println!(
        "| Customers kept at the horizon | {:.0} |",
        c.customers_kept
    );
}
