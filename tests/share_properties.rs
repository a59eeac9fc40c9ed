#![cfg(not(target_arch = "wasm32"))]
//! Links and files over random scenarios and random text: every valid scenario comes back bit
//! for bit from a short link and from its JSON, and no text makes either reader panic.

mod common;

use common::scenario;
use frontline::model::levers::Setting;
use frontline::model::Scenario;
use frontline::share::{decode, encode};
use proptest::prelude::*;

/// The bits of every number, so -0.0 and 0.0 or two NaNs are told apart.
fn bits(s: &Scenario) -> String {
    let levers: Vec<u64> = Setting::all().map(|l| l.get(s).to_bits()).collect();
    let costs: Vec<Option<u64>> = [&s.cost_center, &s.revenue_center]
        .iter()
        .flat_map(|strategy| {
            let c = strategy.cost_per_contact;
            [c.phone, c.chat, c.email].map(|v| v.map(f64::to_bits))
        })
        .collect();
    let ranges: Vec<[u64; 2]> = s
        .uncertainty
        .ranges
        .iter()
        .map(|r| [r.low.to_bits(), r.high.to_bits()])
        .collect();
    format!("{levers:?} {costs:?} {ranges:?} {}", s.name)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_valid_scenario_comes_back_bit_for_bit_from_a_short_link(
        mut s in scenario(),
        name in "\\PC{0,80}",
    ) {
        s.name = name;
        let fragment = encode(&s);
        prop_assert!(fragment.len() < 2_000, "{} characters", fragment.len());
        let back = decode(&fragment).unwrap();
        prop_assert_eq!(bits(&back), bits(&s));
        prop_assert_eq!(back, s);
    }

    #[test]
    fn every_valid_scenario_comes_back_bit_for_bit_from_its_json(
        mut s in scenario(),
        name in "\\PC{0,80}",
    ) {
        s.name = name;
        let back = Scenario::from_json(&s.to_json()).unwrap();
        prop_assert_eq!(bits(&back), bits(&s));
        prop_assert_eq!(back, s);
    }

    #[test]
    fn no_text_makes_the_file_reader_panic(text in "\\PC{0,400}", cut in any::<prop::sample::Index>()) {
        let _ = Scenario::from_json(&text);
        // A file cut anywhere.
        let json = Scenario::default().to_json();
        let _ = Scenario::from_json(&json[..cut.index(json.len())]);
    }

    #[test]
    fn no_text_makes_the_decoder_panic(text in "\\PC{0,400}") {
        let _ = decode(&text);
        let _ = decode(&format!("s=1.{text}"));
    }

    #[test]
    fn no_bytes_make_the_decoder_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode(&text);
    }

    #[test]
    fn changing_any_one_character_of_a_link_is_noticed(
        s in scenario(),
        at in any::<prop::sample::Index>(),
        with in "[A-Za-z0-9_-]".prop_map(String::from),
    ) {
        let fragment = encode(&s);
        // Past the "s=3." prefix, within the data.
        let position = 4 + at.index(fragment.len() - 4);
        let mut changed = fragment.clone();
        changed.replace_range(position..=position, &with);
        prop_assume!(changed != fragment);
        prop_assert!(decode(&changed).is_err());
    }
}
