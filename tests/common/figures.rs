//! Every figure a month reports, as numbers: what tests compare and fingerprint.

use frontline::model::Month;

/// Every number a month reports.
pub fn month_numbers(m: &Month) -> Vec<f64> {
    let c = &m.contacts;
    let mut all = vec![
        m.ramp_weight,
        m.customers.start,
        m.customers.churned,
        m.customers.won,
        m.customers.referred,
        m.customers.end,
        c.first,
        c.self_service,
        c.self_service_failures,
        m.full_time_agents,
        m.paid_hours,
        m.cost.labour,
        m.cost.training,
        m.cost.per_contact,
        m.cost.self_service,
        m.cost.fixed,
        m.cost.investment,
        m.cost.total,
        m.cost_per_contact,
        m.revenue.recurring,
        m.revenue.recurring_margin,
        m.revenue.offers,
        m.revenue.orders,
        m.revenue.sales,
        m.revenue.sales_margin,
        m.revenue.premium_subscribers,
        m.revenue.premium,
        m.revenue.premium_margin,
        m.contribution,
        m.cumulative_contribution,
    ];
    for k in [&c.live_first, &c.repeats, &c.live] {
        all.extend([k.phone, k.chat, k.email]);
    }
    for ch in [&m.channels.phone, &m.channels.chat, &m.channels.email] {
        all.extend([
            ch.contacts,
            ch.paid_hours,
            ch.full_time_agents,
            ch.labour_cost,
            ch.training_cost,
            ch.per_contact_cost,
        ]);
        if let Some(q) = ch.queue {
            all.extend([
                f64::from(q.agents_on_queue),
                q.traffic_erlangs,
                q.service_level,
                q.asa_seconds,
                q.occupancy,
            ]);
        }
    }
    all
}
