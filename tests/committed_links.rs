#![cfg(not(target_arch = "wasm32"))]
//! Links and files written by earlier versions open to the same scenario, forever.

use frontline::model::Scenario;
use frontline::share::decode;

/// What each committed link holds, by the name its line gives.
fn expected(name: &str) -> Scenario {
    match name {
        "example" => Scenario::default(),
        "scenario-v1.json" => {
            Scenario::from_json(include_str!("fixtures/scenario-v1.json")).unwrap()
        }
        other => panic!("no expectation for committed link {other}"),
    }
}

#[test]
fn every_committed_link_opens_its_scenario() {
    let lines: Vec<(&str, &str)> = include_str!("fixtures/links-v1.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split_once('\t').expect("name, tab, fragment"))
        .collect();
    assert_eq!(lines.len(), 2);
    for (name, fragment) in lines {
        assert_eq!(decode(fragment).unwrap(), expected(name), "{name}");
    }
}

#[test]
fn the_first_versions_saved_scenario_still_reads() {
    let scenario = Scenario::from_json(include_str!("fixtures/scenario-v1.json")).unwrap();
    assert_eq!(scenario.name, "Budget 2027 <b>draft</b>");
    assert_eq!(scenario.baseline.customers_at_start, 250_000.0);
    assert_eq!(scenario.baseline.currency, "EUR");
    assert!((scenario.revenue_center.monthly_churn - 0.017).abs() < 1e-15);
    scenario.validate().unwrap();
}
