//! Random valid scenarios for property tests.

use frontline::model::levers::Setting;
use frontline::model::scenario::{
    Baseline, ChannelMix, LiveChannels, Shape, Strategy as Levers, Transition, Uncertain,
    Uncertainty,
};
use frontline::model::Scenario;
use proptest::prelude::*;

fn channel_mix() -> impl Strategy<Value = ChannelMix> {
    (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, 0.01..1.0f64).prop_map(|(p, c, e, s)| {
        let total = p + c + e + s;
        ChannelMix {
            phone: p / total,
            chat: c / total,
            email: e / total,
            self_service: 1.0 - (p + c + e) / total,
        }
    })
}

fn baseline() -> impl Strategy<Value = Baseline> {
    (
        (
            20_000.0..2_000_000.0f64,
            0.0..20_000.0f64,
            1.0..200.0f64,
            0.05..0.95f64,
        ),
        (
            0.0..50_000.0f64,
            channel_mix(),
            100.0..744.0f64,
            100.0..200.0f64,
        ),
        (1..=120u32, 0.0..0.3f64),
    )
        .prop_map(
            |((c0, g, arpu, margin), (f0, mix, open, paid), (horizon, rate))| Baseline {
                customers_at_start: c0,
                new_customers_per_month: g,
                revenue_per_customer_per_month: arpu,
                gross_margin: margin,
                first_contacts_per_month: f0,
                channel_mix: mix,
                open_hours_per_month: open,
                paid_hours_per_agent_per_month: paid,
                horizon_months: horizon,
                yearly_discount_rate: rate,
                currency: "EUR".into(),
            },
        )
}

fn per_contact() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![4 => Just(None), 1 => (0.5..15.0f64).prop_map(Some)]
}

pub fn strategy() -> impl Strategy<Value = Levers> {
    (
        (
            10.0..60.0f64,
            0.0..400.0f64,
            0.0..50_000.0f64,
            60.0..900.0f64,
            60.0..900.0f64,
            60.0..900.0f64,
        ),
        (
            1.0..4.0f64,
            0.5..0.95f64,
            5.0..120.0f64,
            0.6..1.0f64,
            0.0..0.5f64,
            0.3..0.95f64,
        ),
        (
            0.0..0.6f64,
            0.0..0.9f64,
            0.0..1.0f64,
            0.001..0.05f64,
            0.0..0.6f64,
            0.0..120.0f64,
        ),
        (
            0.0..0.3f64,
            0.0..500.0f64,
            0.05..0.6f64,
            0.0..0.005f64,
            0.0..0.1f64,
            0.0..40.0f64,
        ),
        (per_contact(), per_contact(), per_contact()),
    )
        .prop_map(
            |(
                (cost, training, fixed, phone, chat, email),
                (concurrency, goal, seconds, occupancy, shrinkage, fcr),
                (deflection, ss_resolution, ss_cost, churn, offer_rate, talk),
                (conversion, order_value, order_margin, referral, uptake, price),
                (cpc_phone, cpc_chat, cpc_email),
            )| Levers {
                agent_cost_per_hour: cost,
                training_per_agent_per_month: training,
                fixed_cost_per_month: fixed,
                handle_time_seconds: LiveChannels { phone, chat, email },
                chat_concurrency: concurrency,
                service_level_goal: goal,
                service_level_seconds: seconds,
                max_occupancy: occupancy,
                shrinkage,
                first_contact_resolution: fcr,
                deflection,
                self_service_resolution: ss_resolution,
                self_service_cost_per_contact: ss_cost,
                monthly_churn: churn,
                offer_rate,
                offer_talk_seconds: talk,
                offer_conversion: conversion,
                order_value,
                order_margin,
                referral_rate: referral,
                premium_uptake: uptake,
                premium_price_per_month: price,
                premium_margin: 0.7,
                cost_per_contact: LiveChannels {
                    phone: cpc_phone,
                    chat: cpc_chat,
                    email: cpc_email,
                },
            },
        )
}

pub fn scenario() -> impl Strategy<Value = Scenario> {
    (
        baseline(),
        strategy(),
        strategy(),
        0.0..500_000.0f64,
        0..=24u32,
        ranges(),
    )
        .prop_map(
            |(baseline, cost_center, revenue_center, investment, ramp, ranges)| {
                let horizon = baseline.horizon_months;
                let mut scenario = Scenario {
                    baseline,
                    cost_center,
                    revenue_center,
                    transition: Transition {
                        one_off_investment: investment,
                        ramp_months: ramp.min(horizon),
                    },
                    ..Scenario::default()
                };
                scenario.uncertainty = uncertainty(&scenario, ranges);
                scenario
            },
        )
}

/// Which levers get a range and how far it reaches each way, with a seed: see [`uncertainty`].
type RangePicks = (Vec<(prop::sample::Index, f64, f64, bool)>, u32);

fn ranges() -> impl Strategy<Value = RangePicks> {
    (
        proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                0.0..1.0f64,
                0.0..1.0f64,
                any::<bool>(),
            ),
            0..4,
        ),
        any::<u32>(),
    )
}

/// Up to four ranges, each around its lever's value in `scenario` and within its valid range.
fn uncertainty(scenario: &Scenario, (picks, seed): RangePicks) -> Uncertainty {
    let assumptions: Vec<Setting> = Setting::assumptions().collect();
    let mut ranges: Vec<Uncertain> = Vec::new();
    for (index, below, above, triangular) in picks {
        let setting = *index.get(&assumptions);
        if ranges.iter().any(|r| r.setting == setting) {
            continue;
        }
        let likely = setting.get(scenario);
        let (min, max) = setting.range().ends();
        ranges.push(Uncertain {
            setting,
            low: likely - below * (likely - min),
            high: likely + above * (max.min(likely * 2.0 + 1.0) - likely),
            shape: if triangular {
                Shape::Triangular
            } else {
                Shape::Pert
            },
        });
    }
    Uncertainty { seed, ranges }
}
