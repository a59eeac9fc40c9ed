//! Prints a month of the example scenario per strategy, as the Markdown table in docs/model.md.
//!
//! `cargo run --example print_figures [MONTH]` (default: 36, the example's horizon).

use frontline::model::staffing::QueueFigures;
use frontline::model::{project, Month, Scenario};

/// A queue's month: agents, service level, ASA and occupancy; a dash when not staffed.
fn queue(figures: Option<QueueFigures>) -> String {
    figures.map_or("—".to_owned(), |q| {
        format!(
            "{} agents, SL {:.1}%, ASA {:.1} s, occupancy {:.1}%",
            q.agents_on_queue,
            q.service_level * 100.0,
            q.asa_seconds,
            q.occupancy * 100.0
        )
    })
}

fn main() {
    let scenario = Scenario::default();
    let projection = project(&scenario).expect("the example scenario is valid");
    let month: usize = std::env::args()
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(scenario.baseline.horizon_months as usize);
    let (Some(cc), Some(rc)) = (
        projection.runs[0].months.get(month - 1),
        projection.runs[1].months.get(month - 1),
    ) else {
        eprintln!("month {month} is outside the horizon");
        std::process::exit(2);
    };
    type Cell = fn(&Month) -> String;
    let rows: [(&str, Cell); 15] = [
        ("Customers at start", |m| {
            format!("{:.0}", m.customers.start)
        }),
        ("Churned / won / referred", |m| {
            let c = &m.customers;
            format!("{:.0} / {:.0} / {:.0}", c.churned, c.won, c.referred)
        }),
        ("First contacts", |m| format!("{:.0}", m.contacts.first)),
        ("Self-service contacts", |m| {
            format!("{:.0}", m.contacts.self_service)
        }),
        ("Live phone / chat / email (with repeats)", |m| {
            let live = &m.contacts.live;
            format!("{:.0} / {:.0} / {:.0}", live.phone, live.chat, live.email)
        }),
        ("Phone queue", |m| queue(m.channels.phone.queue)),
        ("Chat queue", |m| queue(m.channels.chat.queue)),
        ("Full-time agents", |m| format!("{:.1}", m.full_time_agents)),
        ("Service cost", |m| format!("{:.0}", m.cost.total)),
        ("Cost per contact", |m| format!("{:.2}", m.cost_per_contact)),
        ("Recurring margin", |m| {
            format!("{:.0}", m.revenue.recurring_margin)
        }),
        ("Sales revenue / margin", |m| {
            format!("{:.0} / {:.0}", m.revenue.sales, m.revenue.sales_margin)
        }),
        ("Premium revenue / margin", |m| {
            format!("{:.0} / {:.0}", m.revenue.premium, m.revenue.premium_margin)
        }),
        ("Contribution", |m| format!("{:.0}", m.contribution)),
        ("Cumulative contribution", |m| {
            format!("{:.0}", m.cumulative_contribution)
        }),
    ];
    println!("| Month {month} | Cost center | Revenue center |\n|---|---|---|");
    for (label, cell) in rows {
        println!("| {label} | {} | {} |", cell(cc), cell(rc));
    }
    let c = projection.revenue_center();
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
        opt(c.reference.sales_per_service_dollar, &|v| format!(
            "{:.3}",
            v
        )),
        opt(c.strategy.sales_per_service_dollar, &|v| format!(
            "{:.3}",
            v
        ))
    );
    println!(
        "| Lifetime value, cost / revenue center | {} / {} |",
        opt(c.reference.lifetime_value, &|v| format!("{:.0}", v)),
        opt(c.strategy.lifetime_value, &|v| format!("{:.0}", v))
    );
    println!(
        "| Customers kept at the horizon | {:.0} |",
        c.customers_kept
    );
}
