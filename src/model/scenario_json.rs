//! A scenario as JSON: the form it takes in storage and in files, read back from any schema
//! version this build knows.
//!
//! Every number is read and written through the lever registry, by its path
//! (`baseline.gross_margin` is `{"baseline": {"gross_margin": …}}`), so a lever added to the
//! registry has its place in files with no other change. Reading is strict where it matters
//! and lenient where it helps: unknown members are ignored, so notes a tool adds do not stop a
//! file from loading; a missing member is an error that names it, never a silent default.
//!
//! Migration: version 4 added segments, which an earlier scenario reads as none, its base whole.
//! Version 3 changed links alone, so a version-2 file reads as it is. Version 2 added the
//! uncertainty (ranges and a seed), which a version-1 scenario reads as none.

use super::levers::{Kind, Setting, Side, CHANNEL_COSTS, SEGMENT_LEVERS};
use super::scenario::{LoadError, Scenario, Shape, Uncertain, Uncertainty, SCENARIO_VERSION};
use super::segments::{Segment, Segmentation};
use crate::json::Json;

impl Scenario {
    /// Reads a scenario from JSON, migrating older schema versions.
    ///
    /// The result is not yet validated: see
    /// [`Scenario::validate`](crate::model::Scenario::validate).
    ///
    /// # Errors
    ///
    /// [`LoadError`] says whether the text is not JSON, not a scenario, too new, or damaged,
    /// and for a damaged one which member is missing or of the wrong kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::Scenario;
    /// let json = Scenario::default().to_json();
    /// assert_eq!(Scenario::from_json(&json).unwrap(), Scenario::default());
    /// assert!(Scenario::from_json("{\"version\": 99}").is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Scenario, LoadError> {
        let json = Json::parse(text).map_err(|e| LoadError::NotJson(e.to_string()))?;
        // Versions are whole numbers from 1.
        let version = json
            .get("version")
            .and_then(Json::as_number)
            .filter(|&v| v >= 1.0 && v.fract() == 0.0)
            .ok_or(LoadError::NotAScenario)?;
        if version > f64::from(SCENARIO_VERSION) {
            return Err(LoadError::NewerVersion {
                found: version.min(u64::MAX as f64) as u64,
            });
        }
        // Every member is read into the example, so that one missing is told, not kept; the
        // name alone may be missing, and keeps the example's.
        let mut scenario = Scenario::default();
        if let Some(name) = json.get("name") {
            scenario.name = name
                .as_text()
                .ok_or_else(|| not_a("text", "name"))?
                .to_owned();
        }
        for setting in Setting::all() {
            let path = setting.path();
            let value = member(&json, &path)?;
            let number = value.as_number().ok_or_else(|| not_a("number", &path))?;
            if setting.kind() == Kind::Whole && value.as_whole().is_none() {
                return Err(not_a("whole number", &path));
            }
            setting.set(&mut scenario, number);
        }
        scenario.baseline.currency = member(&json, "baseline.currency")?
            .as_text()
            .ok_or_else(|| not_a("text", "baseline.currency"))?
            .to_owned();
        for side in Side::BOTH {
            for cost in CHANNEL_COSTS {
                let path = cost_path(side, cost.channel);
                *(cost.slot)(&mut side.of_mut(&mut scenario).cost_per_contact) =
                    match member(&json, &path)? {
                        Json::Null => None,
                        value => Some(value.as_number().ok_or_else(|| not_a("number", &path))?),
                    };
            }
        }
        scenario.segmentation = if version >= 4.0 {
            read_segmentation(member(&json, "segmentation")?)?
        } else {
            Segmentation::default()
        };
        scenario.uncertainty = if version >= 2.0 {
            read_uncertainty(member(&json, "uncertainty")?)?
        } else {
            Uncertainty::default()
        };
        Ok(scenario)
    }

    /// The scenario as compact JSON, the form kept in storage and files.
    pub fn to_json(&self) -> String {
        let mut json = Json::Null;
        json.set("version", f64::from(self.version).into());
        json.set("name", self.name.as_str().into());
        for setting in Setting::all() {
            json.set_path(&setting.path(), setting.get(self).into());
        }
        json.set_path("baseline.currency", self.baseline.currency.as_str().into());
        for side in Side::BOTH {
            for cost in CHANNEL_COSTS {
                let value = cost.get(&side.of(self).cost_per_contact);
                json.set_path(
                    &cost_path(side, cost.channel),
                    value.map_or(Json::Null, Json::Number),
                );
            }
        }
        json.set("segmentation", self.segmentation_json());
        let ranges = self.uncertainty.ranges.iter().map(|range| {
            let mut json = Json::Null;
            json.set("lever", range.setting.path().as_str().into());
            json.set("low", range.low.into());
            json.set("high", range.high.into());
            json.set("shape", range.shape.key().into());
            json
        });
        json.set_path("uncertainty.seed", f64::from(self.uncertainty.seed).into());
        json.set_path("uncertainty.ranges", Json::Array(ranges.collect()));
        json.to_text()
    }
}

impl Scenario {
    /// The segmentation as JSON: each segment's name, choice and numbers by their paths.
    fn segmentation_json(&self) -> Json {
        let segmentation = &self.segmentation;
        let segments = segmentation.segments.iter().map(|segment| {
            let mut json = Json::Null;
            json.set("name", segment.name.as_str().into());
            json.set("differentiated", Json::Bool(segment.differentiated));
            for lever in &SEGMENT_LEVERS {
                json.set_path(lever.path, (lever.get)(segment).into());
            }
            json
        });
        let mut json = Json::Null;
        json.set("others_name", segmentation.others_name.as_str().into());
        json.set(
            "others_differentiated",
            Json::Bool(segmentation.others_differentiated),
        );
        json.set("segments", Json::Array(segments.collect()));
        json
    }
}

fn read_segmentation(json: &Json) -> Result<Segmentation, LoadError> {
    let text = |json: &Json, path: &str| -> Result<String, LoadError> {
        Ok(member(json, path)?
            .as_text()
            .ok_or_else(|| not_a("text", &format!("segmentation.{path}")))?
            .to_owned())
    };
    let choice = |json: &Json, path: &str| match member(json, path)? {
        Json::Bool(chosen) => Ok(*chosen),
        _ => Err(not_a("true or false", &format!("segmentation.{path}"))),
    };
    let segments = member(json, "segments")?
        .as_array()
        .ok_or_else(|| not_a("list", "segmentation.segments"))?
        .iter()
        .map(|json| {
            let mut segment = Segment::key_accounts();
            segment.name = text(json, "name")?;
            segment.differentiated = choice(json, "differentiated")?;
            for lever in &SEGMENT_LEVERS {
                let path = format!("segmentation.segments.{}", lever.path);
                (lever.set)(
                    &mut segment,
                    number_at(json, lever.path).map_err(|_| not_a("number", &path))?,
                );
            }
            Ok(segment)
        })
        .collect::<Result<_, _>>()?;
    Ok(Segmentation {
        segments,
        others_name: text(json, "others_name")?,
        others_differentiated: choice(json, "others_differentiated")?,
    })
}

/// The path of a strategy's cost per contact on `channel`.
fn cost_path(side: Side, channel: &str) -> String {
    side.path(&format!("cost_per_contact.{channel}"))
}

/// The error for a member that is there but of the wrong kind.
fn not_a(kind: &str, path: &str) -> LoadError {
    LoadError::Malformed(format!("`{path}` is not a {kind}"))
}

/// The member at `path`, which must be there.
fn member<'a>(json: &'a Json, path: &str) -> Result<&'a Json, LoadError> {
    json.at_path(path)
        .ok_or_else(|| LoadError::Malformed(format!("missing field `{path}`")))
}

/// The number at `path`, which must be there.
fn number_at(json: &Json, path: &str) -> Result<f64, LoadError> {
    member(json, path)?
        .as_number()
        .ok_or_else(|| not_a("number", path))
}

fn read_uncertainty(json: &Json) -> Result<Uncertainty, LoadError> {
    let seed = member(json, "seed")?
        .as_whole()
        .ok_or_else(|| not_a("whole number", "uncertainty.seed"))?;
    let ranges = member(json, "ranges")?
        .as_array()
        .ok_or_else(|| not_a("list", "uncertainty.ranges"))?;
    let ranges = ranges
        .iter()
        .map(|range| {
            let path = member(range, "lever")?
                .as_text()
                .ok_or_else(|| not_a("text", "uncertainty.ranges.lever"))?;
            let setting = Setting::find(path)
                .ok_or_else(|| LoadError::Malformed(format!("no lever is called `{path}`")))?;
            let shape = member(range, "shape")?
                .as_text()
                .and_then(Shape::from_key)
                .ok_or_else(|| not_a("shape (pert or triangular)", "uncertainty.ranges.shape"))?;
            Ok(Uncertain {
                setting,
                low: number_at(range, "low")?,
                high: number_at(range, "high")?,
                shape,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Uncertainty { seed, ranges })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example as a JSON value, to be changed by a test.
    fn example() -> Json {
        Json::parse(&Scenario::default().to_json()).unwrap()
    }

    fn read(json: &Json) -> Result<Scenario, LoadError> {
        Scenario::from_json(&json.to_text())
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let mut s = Scenario::default();
        s.revenue_center.cost_per_contact.chat = Some(6.5);
        s.name = "Budget 2027 \"draft\"".into();
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn every_number_has_its_place_by_path() {
        let json = example();
        assert_eq!(
            json.at_path("baseline.channel_mix.phone")
                .and_then(Json::as_number),
            Some(Scenario::default().baseline.channel_mix.phone)
        );
        assert_eq!(
            json.at_path("revenue_center.handle_time_seconds.phone")
                .and_then(Json::as_number),
            Some(Scenario::default().revenue_center.handle_time_seconds.phone)
        );
        assert_eq!(
            json.at_path("cost_center.cost_per_contact.email"),
            Some(&Json::Null)
        );
        assert_eq!(
            json.at_path("baseline.horizon_months")
                .map(Json::to_text)
                .as_deref(),
            Some("36")
        );
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let mut json = example();
        json.set("comment", "from finance".into());
        json.set_path("baseline.unused", 3.0.into());
        assert_eq!(read(&json).unwrap(), Scenario::default());
    }

    #[test]
    fn a_missing_or_wrong_field_is_named_in_the_error() {
        let mut json = example();
        json.set_path("revenue_center.offer_rate", "lots".into());
        let mut missing = json.clone();
        if let Some(Json::Object(members)) = missing.remove("revenue_center") {
            let mut strategy = Json::Object(members);
            strategy.remove("monthly_churn");
            missing.set("revenue_center", strategy);
        }
        assert_eq!(
            read(&missing),
            Err(LoadError::Malformed(
                "missing field `revenue_center.monthly_churn`".into()
            ))
        );
        assert_eq!(
            read(&json),
            Err(LoadError::Malformed(
                "`revenue_center.offer_rate` is not a number".into()
            ))
        );
        let mut json = example();
        json.set_path("baseline.horizon_months", 24.5.into());
        assert_eq!(
            read(&json),
            Err(LoadError::Malformed(
                "`baseline.horizon_months` is not a whole number".into()
            ))
        );
    }

    #[test]
    fn ranges_round_trip_by_their_levers_path() {
        let mut s = Scenario::default();
        s.uncertainty.seed = 4_000_000_000;
        s.uncertainty.ranges.push(Uncertain {
            setting: Setting::find("revenue_center.offer_conversion").unwrap(),
            low: 0.05,
            high: 0.2,
            shape: Shape::Triangular,
        });
        let json = s.to_json();
        assert!(json.ends_with(
            r#""uncertainty":{"seed":4000000000,"ranges":[{"lever":"revenue_center.offer_conversion","low":0.05,"high":0.2,"shape":"triangular"}]}}"#
        ), "{json}");
        assert_eq!(Scenario::from_json(&json).unwrap(), s);
        let unknown = json.replace("center.offer_conversion", "center.offer_charm");
        assert_eq!(
            Scenario::from_json(&unknown),
            Err(LoadError::Malformed(
                "no lever is called `revenue_center.offer_charm`".into()
            ))
        );
        let odd = json.replace("triangular", "bell");
        assert!(
            matches!(Scenario::from_json(&odd), Err(LoadError::Malformed(m)) if m.contains("shape"))
        );
    }

    #[test]
    fn version_1_reads_with_no_ranges_and_version_2_must_have_them() {
        let mut json = example();
        json.remove("uncertainty");
        assert_eq!(
            read(&json),
            Err(LoadError::Malformed("missing field `uncertainty`".into()))
        );
        json.set("version", 1.0.into());
        let migrated = read(&json).unwrap();
        assert_eq!(migrated, Scenario::default());
        assert_eq!(migrated.version, SCENARIO_VERSION);
    }

    #[test]
    fn a_missing_name_takes_the_default() {
        let mut json = example();
        json.remove("name");
        assert_eq!(read(&json).unwrap().name, "Example scenario");
    }

    #[test]
    fn foreign_and_future_data_are_refused_clearly() {
        assert!(matches!(
            Scenario::from_json("not json"),
            Err(LoadError::NotJson(_))
        ));
        assert_eq!(Scenario::from_json("[1,2]"), Err(LoadError::NotAScenario));
        for version in ["-1", "0", "1.5", "\"2\""] {
            assert_eq!(
                Scenario::from_json(&format!("{{\"version\": {version}}}")),
                Err(LoadError::NotAScenario),
                "{version}"
            );
        }
        assert_eq!(
            Scenario::from_json("{\"version\": 7}"),
            Err(LoadError::NewerVersion { found: 7 })
        );
        assert!(matches!(
            Scenario::from_json("{\"version\": 1, \"baseline\": 3}"),
            Err(LoadError::Malformed(_))
        ));
    }
}
