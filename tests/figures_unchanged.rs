#![cfg(not(target_arch = "wasm32"))]
//! Every figure of committed scenarios stays the same to the last bit as the model grows: the
//! example, the committed files, and random valid scenarios, each kept as a link with a
//! fingerprint of every number its projection reports.
//!
//! `cargo test --test figures_unchanged -- --ignored` writes the file anew; do so only when a
//! change of figures is meant, and say why in the commit.

mod common;
#[path = "common/figures.rs"]
mod figures;

use frontline::model::{project, Projection, Scenario};
use frontline::share::{decode, encode};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const FIXTURE: &str = "tests/fixtures/figures-v2.txt";

/// How many random scenarios the file keeps.
const RANDOM: usize = 60;

/// Every number of `projection`: each strategy's months, then the comparison.
fn projection_numbers(projection: &Projection) -> Vec<f64> {
    let mut all: Vec<f64> = projection
        .runs
        .iter()
        .flat_map(|run| run.months.iter().flat_map(figures::month_numbers))
        .collect();
    let c = projection.revenue_center();
    all.extend([
        c.extra_contribution,
        c.extra_contribution_npv,
        c.extra_service_cost,
        c.return_on_extra_service_spend.unwrap_or(f64::NAN),
        c.break_even_month.map_or(-1.0, f64::from),
        c.customers_kept,
    ]);
    all.extend(&c.monthly_extra_contribution);
    for sources in c.monthly_sources.iter().chain([&c.sources]) {
        all.extend(sources.parts().map(|(_, value)| value));
    }
    all
}

/// A 64-bit FNV-1a hash of the bits of `numbers`: equal only when every number is the same to
/// the last bit.
fn fingerprint(numbers: &[f64]) -> u64 {
    numbers
        .iter()
        .flat_map(|n| n.to_bits().to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

fn fingerprint_of(scenario: &Scenario) -> Option<u64> {
    let projection = project(scenario).ok()?;
    Some(fingerprint(&projection_numbers(&projection)))
}

#[test]
fn committed_scenarios_project_to_the_same_figures() {
    let text = std::fs::read_to_string(FIXTURE).expect("the committed figures");
    let mut checked = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut fields = line.split('\t');
        let (name, link, expected) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap(),
        );
        let scenario = decode(link).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = fingerprint_of(&scenario).expect("committed scenarios project");
        assert_eq!(format!("{found:016x}"), expected, "{name}");
        checked += 1;
    }
    assert!(checked > RANDOM, "{checked} scenarios checked");
}

/// Writes the file of committed figures.
#[test]
#[ignore = "writes the committed figures; run by hand when a change of figures is meant"]
fn write_committed_figures() {
    let mut named: Vec<(String, Scenario)> = vec![
        ("example".into(), Scenario::default()),
        (
            "scenario-v1.json".into(),
            Scenario::from_json(include_str!("fixtures/scenario-v1.json")).unwrap(),
        ),
        (
            "scenario-v2.json".into(),
            Scenario::from_json(include_str!("fixtures/scenario-v2.json")).unwrap(),
        ),
    ];
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    while named.len() < 3 + RANDOM {
        let scenario = common::scenario()
            .new_tree(&mut runner)
            .expect("a scenario")
            .current();
        if project(&scenario).is_ok() {
            named.push((format!("random-{}", named.len() - 2), scenario));
        }
    }
    let mut out = String::from(
        "# name\tlink (schema 2)\tFNV-1a of every figure's bits: see tests/figures_unchanged.rs\n",
    );
    for (name, scenario) in &named {
        let fingerprint = fingerprint_of(scenario).unwrap();
        out += &format!("{name}\t{}\t{fingerprint:016x}\n", encode(scenario));
    }
    std::fs::write(FIXTURE, out).unwrap();
}
