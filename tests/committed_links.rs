#![cfg(not(target_arch = "wasm32"))]
//! Links and files written by earlier versions open to the same scenario, forever.

use frontline::model::scenario::{Shape, SCENARIO_VERSION};
use frontline::model::Scenario;
use frontline::share::decode;

/// What each committed link holds, by the name its line gives.
fn expected(name: &str) -> Scenario {
    match name {
        "example" => Scenario::default(),
        "scenario-v1.json" => {
            Scenario::from_json(include_str!("fixtures/scenario-v1.json")).unwrap()
        }
        "scenario-v2.json" => {
            Scenario::from_json(include_str!("fixtures/scenario-v2.json")).unwrap()
        }
        "scenario-v3.json" => {
            Scenario::from_json(include_str!("fixtures/scenario-v3.json")).unwrap()
        }
        "scenario-v4.json" => {
            Scenario::from_json(include_str!("fixtures/scenario-v4.json")).unwrap()
        }
        other => panic!("no expectation for committed link {other}"),
    }
}

/// Each committed file of links, with the schema version its links were made for.
const LINKS: [(u32, &str); 4] = [
    (1, include_str!("fixtures/links-v1.txt")),
    (2, include_str!("fixtures/links-v2.txt")),
    (3, include_str!("fixtures/links-v3.txt")),
    (4, include_str!("fixtures/links-v4.txt")),
];

#[test]
fn every_committed_link_opens_its_scenario() {
    for (version, links) in LINKS {
        let lines: Vec<(&str, &str)> = links
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| line.split_once('\t').expect("name, tab, fragment"))
            .collect();
        assert_eq!(lines.len(), 2);
        for (name, fragment) in lines {
            assert!(fragment.starts_with(&format!("s={version}.")), "{name}");
            assert_eq!(decode(fragment).unwrap(), expected(name), "{name}");
        }
    }
}

#[test]
fn the_first_versions_saved_scenario_still_reads() {
    let scenario = Scenario::from_json(include_str!("fixtures/scenario-v1.json")).unwrap();
    assert_eq!(scenario.name, "Budget 2027 <b>draft</b>");
    assert_eq!(scenario.baseline.customers_at_start, 250_000.0);
    assert_eq!(scenario.baseline.currency, "EUR");
    assert!((scenario.revenue_center.monthly_churn - 0.017).abs() < 1e-15);
    assert_eq!(scenario.version, SCENARIO_VERSION);
    assert!(scenario.uncertainty.ranges.is_empty());
    scenario.validate().unwrap();
}

#[test]
fn the_second_versions_ranges_still_read() {
    let scenario = Scenario::from_json(include_str!("fixtures/scenario-v2.json")).unwrap();
    let first = Scenario::from_json(include_str!("fixtures/scenario-v1.json")).unwrap();
    // The same plan as the first version's file, with ranges.
    assert_eq!(scenario.baseline, first.baseline);
    assert_eq!(scenario.revenue_center, first.revenue_center);
    assert_eq!(scenario.uncertainty.seed, 2027);
    let ranges: Vec<(String, f64, f64, Shape)> = scenario
        .uncertainty
        .ranges
        .iter()
        .map(|r| (r.setting.path(), r.low, r.high, r.shape))
        .collect();
    assert_eq!(
        ranges,
        [
            (
                "revenue_center.monthly_churn".into(),
                0.012,
                0.024,
                Shape::Pert
            ),
            (
                "revenue_center.offer_conversion".into(),
                0.05,
                0.2,
                Shape::Triangular
            ),
            (
                "baseline.revenue_per_customer_per_month".into(),
                36.0,
                45.5,
                Shape::Pert
            ),
        ]
    );
    scenario.validate().unwrap();
}

#[test]
fn the_third_versions_file_is_the_seconds_plan() {
    let third = Scenario::from_json(include_str!("fixtures/scenario-v3.json")).unwrap();
    let second = Scenario::from_json(include_str!("fixtures/scenario-v2.json")).unwrap();
    assert_eq!(third, second);
    assert_eq!(third.uncertainty.ranges.len(), 3);
}

#[test]
fn the_fourth_versions_file_splits_the_thirds_plan_into_segments() {
    let fourth = Scenario::from_json(include_str!("fixtures/scenario-v4.json")).unwrap();
    let third = Scenario::from_json(include_str!("fixtures/scenario-v3.json")).unwrap();
    // A file before segments reads as the whole base in one.
    assert!(third.segmentation.segments.is_empty());
    assert_eq!(
        (&fourth.baseline, &fourth.uncertainty),
        (&third.baseline, &third.uncertainty)
    );
    let segmentation = &fourth.segmentation;
    let names: Vec<&str> = segmentation
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Key accounts", "Low value"]);
    assert_eq!(segmentation.others_name, "Standard");
    assert!(segmentation.segments[0].differentiated && !segmentation.others_differentiated);
    assert!((segmentation.segments[1].monthly_churn.revenue_center - 0.028).abs() < 1e-15);
    fourth.validate().unwrap();
}
