#![cfg(not(target_arch = "wasm32"))]
//! Properties of the planning core over random valid scenarios.

mod common;
#[path = "common/figures.rs"]
mod figures;

use common::scenario;
use frontline::model::erlang::{agents_for_service_level, service_level};
use frontline::model::goal_seek::{margin, seek, Goal};
use frontline::model::levers::Setting;
use frontline::model::project;
use proptest::prelude::*;

/// Relative tolerance for sums of floats that went through a few dozen operations.
const RELATIVE: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= RELATIVE * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_output_is_finite(s in scenario()) {
        let p = project(&s).unwrap();
        for run in &p.runs {
            prop_assert_eq!(run.months.len(), s.baseline.horizon_months as usize);
            for m in &run.months {
                for value in figures::month_numbers(m) {
                    prop_assert!(value.is_finite(), "month {} has {}", m.month, value);
                }
            }
        }
        let c = p.revenue_center();
        for value in [c.extra_contribution, c.extra_contribution_npv, c.extra_service_cost, c.customers_kept] {
            prop_assert!(value.is_finite());
        }
        for value in [c.return_on_extra_service_spend, c.reference.sales_per_service_dollar, c.strategy.lifetime_value].into_iter().flatten() {
            prop_assert!(value.is_finite());
        }
    }

    #[test]
    fn customer_recurrence_holds_month_by_month(s in scenario()) {
        let p = project(&s).unwrap();
        for run in &p.runs {
            prop_assert!(close(run.months[0].customers.start, s.baseline.customers_at_start));
            for pair in run.months.windows(2) {
                prop_assert!(close(pair[1].customers.start, pair[0].customers.end));
            }
            for m in &run.months {
                let f = &m.customers;
                prop_assert!(close(f.end, f.start - f.churned + f.won + f.referred));
                prop_assert!(f.end >= 0.0);
            }
        }
    }

    #[test]
    fn contacts_balance(s in scenario()) {
        let p = project(&s).unwrap();
        for m in p.runs.iter().flat_map(|run| &run.months) {
            let c = &m.contacts;
            // Every first contact starts in self-service or live; failures are counted twice.
            prop_assert!(close(c.first, c.self_service + c.live_first.total() - c.self_service_failures));
            prop_assert!(close(c.live.total(), c.live_first.total() + c.repeats.total()));
            prop_assert!(close(c.live.phone, m.channels.phone.contacts));
        }
    }

    #[test]
    fn costs_are_never_negative(s in scenario()) {
        let p = project(&s).unwrap();
        for m in p.runs.iter().flat_map(|run| &run.months) {
            let k = &m.cost;
            for part in [k.labour, k.training, k.per_contact, k.self_service, k.fixed, k.investment, k.total, m.cost_per_contact] {
                prop_assert!(part >= 0.0);
            }
        }
    }

    #[test]
    fn more_churn_never_leaves_more_customers(s in scenario(), extra in 0.0..0.05f64) {
        let mut worse = s.clone();
        worse.cost_center.monthly_churn += extra;
        worse.revenue_center.monthly_churn += extra;
        let before = project(&s).unwrap().comparisons.remove(0);
        let after = project(&worse).unwrap().comparisons.remove(0);
        prop_assert!(after.reference.customers_at_horizon <= before.reference.customers_at_horizon * (1.0 + RELATIVE));
        prop_assert!(after.strategy.customers_at_horizon <= before.strategy.customers_at_horizon * (1.0 + RELATIVE));
    }

    #[test]
    fn a_stricter_service_level_never_needs_fewer_agents(
        traffic in 0.0..3_000.0f64,
        aht in 30.0..900.0f64,
        seconds in 0.0..120.0f64,
        goal in 0.3..0.98f64,
        stricter in 0.0..0.99f64,
        fewer_seconds in 0.0..1.0f64,
        occupancy in 0.5..1.0f64,
    ) {
        let base = agents_for_service_level(traffic, aht, seconds, goal, occupancy).unwrap();
        let higher_goal = goal + (0.99 - goal) * stricter;
        prop_assert!(agents_for_service_level(traffic, aht, seconds, higher_goal, occupancy).unwrap() >= base);
        let shorter_target = seconds * fewer_seconds;
        prop_assert!(agents_for_service_level(traffic, aht, shorter_target, goal, occupancy).unwrap() >= base);
    }

    #[test]
    fn service_level_rises_with_agents(traffic in 0.1..2_000.0f64, aht in 30.0..900.0f64, seconds in 0.0..120.0f64, above in 1u32..200) {
        let first = traffic.floor() as u32 + 1;
        let n = first + above;
        let lower = service_level(n - 1, traffic, aht, seconds);
        let upper = service_level(n, traffic, aht, seconds).unwrap();
        if let Some(lower) = lower {
            prop_assert!(upper >= lower - 1e-12);
        }
    }
}

proptest! {
    // Each case projects the scenario about a hundred times.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_pay_back_goal_is_met_exactly_when_the_break_even_month_is_that_month_or_earlier(
        s in scenario(),
        month in 1..=40u32,
    ) {
        let met = margin(&s, Goal::BreakEvenBy(month)).unwrap() >= 0.0;
        let break_even = frontline::model::project(&s).unwrap().revenue_center().break_even_month;
        prop_assert_eq!(met, break_even.is_some_and(|b| b <= month), "{:?}", break_even);
    }

    #[test]
    fn applying_a_value_goal_seek_found_meets_the_goal(s in scenario(), months in 1..=36u32) {
        let conversion = Setting::find("revenue_center.offer_conversion").unwrap();
        for goal in [Goal::Npv(0.0), Goal::BreakEvenBy(months)] {
            if let Ok(found) = seek(&s, conversion, goal) {
                let applied = conversion.applied(&s, found.value);
                prop_assert!((0.0..=1.0).contains(&found.value));
                prop_assert!(margin(&applied, goal).unwrap() >= 0.0, "{:?}: {:?}", goal, found);
            }
        }
    }
}
