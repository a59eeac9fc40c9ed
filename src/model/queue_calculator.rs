//! A staffing calculator for one queue in one interval, as contact-center planners know it: the
//! agents needed to answer an interval's calls at a service level, what they achieve, and the
//! same figures for agent counts around the answer.
//!
//! Callers who never hang up make an Erlang C queue; with their average patience given, they
//! hang up after an exponentially distributed wait and the queue is Erlang A (M/M/N+M), stable
//! at any number of agents.

use super::erlang::{self, StaffingError, MAX_TRAFFIC_ERLANGS};
use super::erlang_a;
use super::levers::{field_lever, Kind, Lever, Range, Side};
use super::projection::project;
use super::scenario::{Scenario, Strategy};
use super::staffing::INTERVAL_SECONDS;
use super::validation::{FieldIssue, Problem};

/// A channel with a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueChannel {
    /// Phone calls.
    Phone,
    /// Chats.
    Chat,
}

/// One queue in one interval: what the calculator is asked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueInputs {
    /// Calls offered in the interval.
    pub calls: f64,
    /// Length of the interval, in minutes.
    pub interval_minutes: f64,
    /// Average handle time, in seconds.
    pub aht_seconds: f64,
    /// The answer time the service level counts, in seconds.
    pub target_seconds: f64,
    /// Share of calls to answer within the target time.
    pub service_level_goal: f64,
    /// The most of their time agents may spend on calls.
    pub max_occupancy: f64,
    /// Share of paid time not spent on calls.
    pub shrinkage: f64,
    /// Callers' average patience, in seconds; `None` when they never hang up.
    pub patience_seconds: Option<f64>,
}

impl Default for QueueInputs {
    /// Call Centre Helper's worked example: 100 calls in half an hour, 3 minutes each, 80%
    /// answered in 20 seconds.
    fn default() -> Self {
        QueueInputs {
            calls: 100.0,
            interval_minutes: 30.0,
            aht_seconds: 180.0,
            target_seconds: 20.0,
            service_level_goal: 0.8,
            max_occupancy: 0.85,
            shrinkage: 0.3,
            patience_seconds: None,
        }
    }
}

/// A number of [`QueueInputs`].
pub type QueueInput = Lever<QueueInputs>;

macro_rules! queue_input {
    ($path:ident, $name:literal, $help:literal, $unit:literal, $kind:expr, $step:expr, $range:expr) => {
        // The calculator's numbers are not part of a scenario, so no link carries them: tag 0.
        field_lever!(QueueInput, 0, $name, $help, $unit, $kind, $step, None, $range, $path)
    };
}

/// Every number of [`QueueInputs`] but the callers' patience, which may be left out.
pub const INPUTS: [QueueInput; 7] = [
    queue_input!(
        calls,
        "Calls",
        "Calls offered in one interval.",
        "per interval",
        Kind::Number,
        10.0,
        Range::closed(0.0, 1e8)
    ),
    queue_input!(
        interval_minutes,
        "Interval",
        "The length of the interval the calls arrive in; half an hour is usual.",
        "minutes",
        Kind::Number,
        15.0,
        Range::above(0.0, 1_440.0)
    ),
    queue_input!(
        aht_seconds,
        "Handle time",
        "Average time an agent spends on one call, talk, hold and wrap-up.",
        "seconds",
        Kind::Number,
        10.0,
        Range::above(0.0, 14_400.0)
    ),
    queue_input!(
        target_seconds,
        "Target answer time",
        "The answer time the service level counts.",
        "seconds",
        Kind::Number,
        5.0,
        Range::closed(0.0, 3_600.0)
    ),
    queue_input!(
        service_level_goal,
        "Service level goal",
        "Share of calls to answer within the target time.",
        "% answered in target",
        Kind::Percent,
        1.0,
        Range::open(0.0, 1.0)
    ),
    queue_input!(
        max_occupancy,
        "Maximum occupancy",
        "The most of their time on duty agents may spend on calls; about 85% is the usual cap.",
        "%",
        Kind::Percent,
        1.0,
        Range::above(0.0, 1.0)
    ),
    queue_input!(
        shrinkage,
        "Shrinkage",
        "Paid time not spent on calls: breaks, meetings, training, absence.",
        "% of paid time",
        Kind::Percent,
        1.0,
        Range::closed(0.0, 0.95)
    ),
];

/// The path, name and valid range of the callers' average patience: up to an hour, which keeps
/// Erlang A's queue, and its cost, bounded.
pub const PATIENCE: (&str, &str, Range) = (
    "patience_seconds",
    "Callers' patience",
    Range::above(0.0, 3_600.0),
);

/// What a queue achieves with a number of agents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Achieved {
    /// Agents on the queue.
    pub agents: u32,
    /// Share of all calls answered within the target time.
    pub service_level: f64,
    /// Mean wait of the calls answered, in seconds.
    pub asa_seconds: f64,
    /// Share of the agents' time on calls.
    pub occupancy: f64,
    /// Probability that a call waits.
    pub prob_wait: f64,
    /// Share of callers who hang up; `None` when they never do.
    pub prob_abandon: Option<f64>,
}

/// A row of the table around the answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Row {
    /// What these agents achieve.
    Steady(Achieved),
    /// Callers who never hang up and no more agents than Erlangs of traffic: the queue grows
    /// without end.
    Overloaded {
        /// Agents on the queue.
        agents: u32,
    },
}

impl Row {
    /// Agents on the queue.
    pub fn agents(&self) -> u32 {
        match *self {
            Row::Steady(achieved) => achieved.agents,
            Row::Overloaded { agents } => agents,
        }
    }
}

/// The calculator's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Staffed {
    /// Offered traffic, in Erlangs.
    pub traffic: f64,
    /// What the fewest agents meeting the goal within the occupancy cap achieve.
    pub needed: Achieved,
    /// Agents to schedule so that, after shrinkage, enough are on the queue.
    pub scheduled: u32,
    /// Agent counts around the answer, fewest first; [`Staffed::needed`] is among them.
    pub around: Vec<Row>,
}

/// Why the calculator has no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CalculatorError {
    /// Inputs out of their ranges.
    Invalid(Vec<FieldIssue>),
    /// More traffic than any center's single queue carries.
    TooMuchTraffic {
        /// The traffic, in Erlangs.
        traffic: f64,
    },
    /// More traffic than the calculator staffs for callers who hang up
    /// ([`MAX_PATIENT_TRAFFIC_ERLANGS`]); without patience it can.
    TooMuchForPatience {
        /// The traffic, in Erlangs.
        traffic: f64,
    },
}

/// The most traffic, in Erlangs, the calculator staffs for callers who hang up: Erlang A's
/// service level takes time that grows with the square of the queue.
pub const MAX_PATIENT_TRAFFIC_ERLANGS: f64 = 2_000.0;

/// Agent counts shown on each side of the answer.
const AROUND: u32 = 3;

impl QueueInputs {
    /// The queue of `channel` in `month` of the plan under `side`, as the plan staffs it: its
    /// contacts over the month's half-hour intervals, the handle time an agent spends on each,
    /// and the strategy's service level, occupancy and shrinkage that month (part way along the
    /// ramp for the revenue center). Callers never hang up, as in the plan. `None` when the
    /// plan cannot be projected or has no such month.
    ///
    /// # Formula
    ///
    /// ```text
    /// calls per interval = live contacts of the month / (open hours × 2)
    /// ```
    pub fn from_plan(
        scenario: &Scenario,
        side: Side,
        month: u32,
        channel: QueueChannel,
    ) -> Option<QueueInputs> {
        let projection = project(scenario).ok()?;
        let run = match side {
            Side::Cost => &projection.runs[0],
            Side::Revenue => &projection.runs[1],
        };
        let figures = run
            .months
            .get(usize::try_from(month).ok()?.checked_sub(1)?)?;
        let levers = Strategy::blend(
            &scenario.cost_center,
            side.of(scenario),
            figures.ramp_weight,
        );
        let (phone_aht, chat_aht) = levers.queue_handle_times();
        let (contacts, aht_seconds) = match channel {
            QueueChannel::Phone => (figures.contacts.live.phone, phone_aht),
            QueueChannel::Chat => (figures.contacts.live.chat, chat_aht),
        };
        let intervals = scenario.baseline.open_hours_per_month * 3600.0 / INTERVAL_SECONDS;
        Some(QueueInputs {
            calls: contacts / intervals,
            interval_minutes: INTERVAL_SECONDS / 60.0,
            aht_seconds,
            target_seconds: levers.service_level_seconds,
            service_level_goal: levers.service_level_goal,
            max_occupancy: levers.max_occupancy,
            shrinkage: levers.shrinkage,
            patience_seconds: None,
        })
    }

    /// The problems of every input out of its range, none when all are valid.
    pub fn validate(&self) -> Vec<FieldIssue> {
        let issue = |path: &str, name: &str, kind: Kind, range: Range, value: f64| {
            Problem::out_of_range(|| name.to_owned(), kind, range, value).map(|problem| {
                FieldIssue {
                    path: path.to_owned(),
                    problem,
                }
            })
        };
        let (path, name, range) = PATIENCE;
        INPUTS
            .iter()
            .filter_map(|input| {
                issue(
                    input.path,
                    input.name,
                    input.kind,
                    input.range,
                    (input.get)(self),
                )
            })
            .chain(
                self.patience_seconds
                    .and_then(|patience| issue(path, name, Kind::Number, range, patience)),
            )
            .collect()
    }

    /// Offered traffic in Erlangs.
    ///
    /// # Formula
    ///
    /// ```text
    /// A = calls × AHT / (interval minutes × 60)
    /// ```
    pub fn traffic(&self) -> f64 {
        erlang::traffic(self.calls, self.interval_minutes * 60.0, self.aht_seconds)
    }

    /// What `agents` achieve on this queue.
    ///
    /// # Formula
    ///
    /// With patience, Erlang A: occupancy is the traffic answered, A × (1 − P(abandon)), over N.
    /// Without, Erlang C: occupancy A / N, and no steady state for N ≤ A.
    pub fn row(&self, agents: u32) -> Row {
        let traffic = self.traffic();
        let aht = self.aht_seconds;
        match self.patience_seconds {
            Some(patience) => {
                let a = erlang_a::figures(agents, traffic, aht, patience, self.target_seconds);
                Row::Steady(Achieved {
                    agents,
                    service_level: a.service_level,
                    asa_seconds: a.asa_seconds,
                    occupancy: traffic * (1.0 - a.prob_abandon) / f64::from(agents),
                    prob_wait: a.prob_wait,
                    prob_abandon: Some(a.prob_abandon),
                })
            }
            None => {
                let steady = || {
                    Some(Achieved {
                        agents,
                        service_level: erlang::service_level(
                            agents,
                            traffic,
                            aht,
                            self.target_seconds,
                        )?,
                        asa_seconds: erlang::asa_seconds(agents, traffic, aht)?,
                        occupancy: traffic / f64::from(agents),
                        prob_wait: erlang::prob_wait(agents, traffic)?,
                        prob_abandon: None,
                    })
                };
                steady().map_or(Row::Overloaded { agents }, Row::Steady)
            }
        }
    }

    /// Whether `row` meets the service level goal within the occupancy cap.
    fn meets(&self, row: &Row) -> bool {
        match row {
            Row::Steady(a) => {
                a.service_level >= self.service_level_goal
                    && a.occupancy <= self.max_occupancy + 1e-12
            }
            Row::Overloaded { .. } => false,
        }
    }

    /// The fewest agents meeting the goal within the occupancy cap.
    ///
    /// # Formula
    ///
    /// ```text
    /// N = min { n ≥ 1 : SL(n) ≥ goal and occupancy(n) ≤ cap }
    /// ```
    ///
    /// Without patience this is Erlang C's search. With it, both conditions only get easier as
    /// agents are added, so the answer is bisected: at least goal × A / cap agents are needed,
    /// since those answered (at least goal × A Erlangs) keep N × cap agents busy at most.
    fn needed(&self, traffic: f64) -> Result<u32, StaffingError> {
        if self.patience_seconds.is_none() {
            return erlang::agents_for_service_level(
                traffic,
                self.aht_seconds,
                self.target_seconds,
                self.service_level_goal,
                self.max_occupancy,
            );
        }
        // Too few below `low`, enough at `high`.
        let floor = (self.service_level_goal * traffic / self.max_occupancy).floor();
        let mut low = (floor as u32).saturating_sub(1);
        let mut high = low.max(1);
        // Four agents an Erlang answer all but a vanishing share at once; the bound keeps the
        // search finite whatever the figures.
        let ample = (traffic * 4.0 + 100.0) as u32;
        while high < ample && !self.meets(&self.row(high)) {
            low = high;
            high = high.saturating_mul(2).min(ample);
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if self.meets(&self.row(middle)) {
                high = middle;
            } else {
                low = middle;
            }
        }
        Ok(high)
    }

    /// Staffs the queue: the agents needed, those to schedule, and the figures around them.
    ///
    /// # Formula
    ///
    /// ```text
    /// scheduled = ⌈N / (1 − shrinkage)⌉
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalculatorError::Invalid`] for inputs out of range,
    /// [`CalculatorError::TooMuchTraffic`] past [`MAX_TRAFFIC_ERLANGS`], and
    /// [`CalculatorError::TooMuchForPatience`] past [`MAX_PATIENT_TRAFFIC_ERLANGS`] with patience.
    ///
    /// # Examples
    ///
    /// ```
    /// use approx::assert_abs_diff_eq;
    /// use frontline::model::queue_calculator::QueueInputs;
    /// let staffed = QueueInputs::default().staff().unwrap();
    /// assert_abs_diff_eq!(staffed.traffic, 10.0, epsilon = 1e-12);
    /// assert_eq!(staffed.needed.agents, 14);
    /// assert_eq!(staffed.scheduled, 20); // 14 / 0.7
    /// ```
    pub fn staff(&self) -> Result<Staffed, CalculatorError> {
        let issues = self.validate();
        if !issues.is_empty() {
            return Err(CalculatorError::Invalid(issues));
        }
        let traffic = self.traffic();
        if traffic > MAX_TRAFFIC_ERLANGS {
            return Err(CalculatorError::TooMuchTraffic { traffic });
        }
        if self.patience_seconds.is_some() && traffic > MAX_PATIENT_TRAFFIC_ERLANGS {
            return Err(CalculatorError::TooMuchForPatience { traffic });
        }
        let agents = self
            .needed(traffic)
            .map_err(|_| CalculatorError::TooMuchTraffic { traffic })?;
        let around: Vec<Row> = (agents.saturating_sub(AROUND).max(1)..=agents + AROUND)
            .map(|n| self.row(n))
            .collect();
        let needed = around
            .iter()
            .find_map(|row| match row {
                Row::Steady(a) if a.agents == agents => Some(*a),
                _ => None,
            })
            .expect("the answer meets the goal, so it is steady");
        // The tolerance keeps 14 / 0.7 = 20.000000000000004 from asking for a 21st agent.
        let scheduled = (f64::from(agents) / (1.0 - self.shrinkage) - 1e-9).ceil() as u32;
        Ok(Staffed {
            traffic,
            needed,
            scheduled,
            around,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn patient(patience: f64) -> QueueInputs {
        QueueInputs {
            patience_seconds: Some(patience),
            max_occupancy: 1.0,
            ..QueueInputs::default()
        }
    }

    #[test]
    fn without_patience_matches_call_centre_helpers_example() {
        let staffed = QueueInputs::default().staff().unwrap();
        let n = staffed.needed;
        assert_eq!(n.agents, 14);
        assert_abs_diff_eq!(n.prob_wait, 0.1741, epsilon = 5e-5);
        assert_abs_diff_eq!(n.service_level, 0.8884, epsilon = 5e-5);
        assert_abs_diff_eq!(n.asa_seconds, 7.84, epsilon = 5e-3);
        assert_abs_diff_eq!(n.occupancy, 10.0 / 14.0, epsilon = 1e-12);
        assert_eq!(n.prob_abandon, None);
        let agents: Vec<u32> = staffed.around.iter().map(Row::agents).collect();
        assert_eq!(agents, (11..=17).collect::<Vec<_>>());
    }

    #[test]
    fn too_few_agents_for_callers_who_never_hang_up_are_overloaded_not_a_number() {
        let queue = QueueInputs::default();
        assert_eq!(queue.row(10), Row::Overloaded { agents: 10 });
        assert_eq!(queue.row(3), Row::Overloaded { agents: 3 });
        assert!(matches!(queue.row(11), Row::Steady(_)));
    }

    #[test]
    fn with_patience_matches_the_erlang_a_reference() {
        // 100 calls per 30 minutes, 180 s, patience 300 s, 80% in 20 s: 12 agents reach 77.2%,
        // 13 reach 85.8%.
        let staffed = patient(300.0).staff().unwrap();
        let n = staffed.needed;
        assert_eq!(n.agents, 13);
        assert_abs_diff_eq!(n.prob_wait, 0.2258, epsilon = 5e-5);
        assert_abs_diff_eq!(n.prob_abandon.unwrap(), 0.0250, epsilon = 5e-5);
        assert_abs_diff_eq!(n.service_level, 0.8582, epsilon = 5e-5);
        assert_abs_diff_eq!(n.asa_seconds, 6.91, epsilon = 5e-3);
        // Those answered keep the agents busy: 10 × (1 − 0.025) / 13.
        assert_abs_diff_eq!(n.occupancy, 10.0 * (1.0 - 0.0250) / 13.0, epsilon = 1e-4);
        // Even far too few agents are a number: callers hang up.
        for row in &patient(300.0).staff().unwrap().around {
            assert!(matches!(row, Row::Steady(a) if a.service_level.is_finite()));
        }
        assert!(matches!(patient(300.0).row(2), Row::Steady(a) if a.prob_abandon.unwrap() > 0.5));
    }

    #[test]
    fn the_answer_is_the_first_row_to_meet_the_goal() {
        for queue in [
            QueueInputs::default(),
            patient(60.0),
            patient(300.0),
            QueueInputs {
                calls: 2_400.0,
                max_occupancy: 0.8,
                ..patient(120.0)
            },
        ] {
            let staffed = queue.staff().unwrap();
            let n = staffed.needed.agents;
            assert!(queue.meets(&queue.row(n)));
            assert!(n == 1 || !queue.meets(&queue.row(n - 1)), "{queue:?}: {n}");
        }
    }

    #[test]
    fn the_more_patient_the_callers_the_nearer_erlang_c() {
        let Row::Steady(c) = QueueInputs::default().row(14) else {
            panic!("14 agents carry 10 Erlangs");
        };
        let gaps: Vec<f64> = [300.0, 1_200.0, 3_600.0]
            .map(|patience| match patient(patience).row(14) {
                Row::Steady(a) => (a.service_level - c.service_level).abs(),
                Row::Overloaded { .. } => f64::INFINITY,
            })
            .to_vec();
        assert!(gaps.windows(2).all(|w| w[1] < w[0]), "{gaps:?}");
        assert!(gaps[2] < 0.01, "{gaps:?}");
    }

    #[test]
    fn out_of_range_inputs_are_named() {
        let queue = QueueInputs {
            aht_seconds: 0.0,
            service_level_goal: 1.0,
            patience_seconds: Some(-5.0),
            ..QueueInputs::default()
        };
        let Err(CalculatorError::Invalid(issues)) = queue.staff() else {
            panic!("invalid inputs staffed");
        };
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            ["aht_seconds", "service_level_goal", "patience_seconds"]
        );
        let nan = QueueInputs {
            calls: f64::NAN,
            ..QueueInputs::default()
        };
        assert!(matches!(nan.staff(), Err(CalculatorError::Invalid(_))));
    }

    #[test]
    fn a_queue_of_the_plan_needs_the_agents_the_plan_staffs_it_with() {
        let scenario = Scenario::default();
        let projection = project(&scenario).unwrap();
        for (side, run) in [
            (Side::Cost, &projection.runs[0]),
            (Side::Revenue, &projection.runs[1]),
        ] {
            for month in [1, 3, 12, scenario.baseline.horizon_months] {
                let figures = &run.months[month as usize - 1];
                for (channel, staffed) in [
                    (QueueChannel::Phone, figures.channels.phone),
                    (QueueChannel::Chat, figures.channels.chat),
                ] {
                    let queue = QueueInputs::from_plan(&scenario, side, month, channel).unwrap();
                    let plan = staffed.queue.unwrap();
                    let calculated = queue.staff().unwrap();
                    assert_abs_diff_eq!(calculated.traffic, plan.traffic_erlangs, epsilon = 1e-9);
                    assert_eq!(calculated.needed.agents, plan.agents_on_queue);
                    assert_abs_diff_eq!(
                        calculated.needed.service_level,
                        plan.service_level,
                        epsilon = 1e-12
                    );
                }
            }
        }
        assert_eq!(
            QueueInputs::from_plan(&scenario, Side::Cost, 0, QueueChannel::Phone),
            None
        );
        assert_eq!(
            QueueInputs::from_plan(&scenario, Side::Cost, 999, QueueChannel::Phone),
            None
        );
    }

    #[test]
    fn traffic_beyond_any_center_is_said_not_searched() {
        let queue = QueueInputs {
            calls: 1e8,
            interval_minutes: 1.0,
            ..QueueInputs::default()
        };
        assert!(matches!(
            queue.staff(),
            Err(CalculatorError::TooMuchTraffic { .. })
        ));
        let patient = QueueInputs {
            calls: 30_000.0,
            ..patient(300.0)
        };
        assert!(matches!(
            patient.staff(),
            Err(CalculatorError::TooMuchForPatience { traffic }) if traffic == 3_000.0
        ));
        assert!(QueueInputs {
            patience_seconds: None,
            ..patient
        }
        .staff()
        .is_ok());
    }
}
