//! Prints how long `project()` takes on the example scenario and on a large center, how long
//! one staffing solve takes at any size, and how long the what-if analyses take on the example.
//!
//! Run with `cargo bench --bench projection`. Goals: the example under 50 µs, the large center
//! (1,000,000 customers, 120 months, thousands of agents) under 5 ms, a staffing solve under 1 ms
//! up to 100,000 Erlangs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use frontline::model::erlang::staff_queue;
use frontline::model::goal_seek::{seek, Goal};
use frontline::model::levers::Setting;
use frontline::model::monte_carlo::{MonteCarlo, Shape, Uncertain, DEFAULT_TRIALS};
use frontline::model::queue_calculator::{QueueInputs, MAX_PATIENT_TRAFFIC_ERLANGS};
use frontline::model::sensitivity::{tornado, Measure, Varied};
use frontline::model::{project, Scenario};

/// Median time of one call over `batches` batches of `per_batch` calls.
fn median_time(scenario: &Scenario, batches: usize, per_batch: u32) -> Duration {
    let mut times: Vec<Duration> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                black_box(project(black_box(scenario)).expect("benchmark scenarios are valid"));
            }
            start.elapsed() / per_batch
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn large_center() -> Scenario {
    let mut scenario = Scenario {
        name: "Large center".into(),
        ..Scenario::default()
    };
    scenario.baseline.customers_at_start = 1_000_000.0;
    scenario.baseline.new_customers_per_month = 30_000.0;
    scenario.baseline.first_contacts_per_month = 3_000_000.0;
    scenario.baseline.horizon_months = 120;
    scenario
}

fn report(name: &str, scenario: &Scenario, goal: Duration, batches: usize, per_batch: u32) {
    let projection = project(scenario).expect("benchmark scenarios are valid");
    let agents = projection
        .runs
        .iter()
        .map(|run| run.last().full_time_agents)
        .fold(0.0, f64::max);
    let time = median_time(scenario, batches, per_batch);
    let verdict = if time <= goal { "within" } else { "OVER" };
    println!(
        "{name:<16} {months:>4} months  {agents:>7.0} agents  median {time:>10.1?} per projection  (goal {goal:?}: {verdict})",
        months = projection.runs[1].months.len(),
    );
}

/// One Erlang C staffing solve (180 s calls, 80% in 20 s, 85% occupancy cap) at `traffic`.
fn report_staffing(traffic: f64) {
    let solve = || staff_queue(black_box(traffic), 180.0, 20.0, 0.8, 0.85).expect("valid inputs");
    let agents = solve().agents;
    let mut times: Vec<Duration> = (0..21)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..20 {
                black_box(solve());
            }
            start.elapsed() / 20
        })
        .collect();
    times.sort();
    let time = times[times.len() / 2];
    let goal = Duration::from_millis(1);
    let verdict = if time <= goal { "within" } else { "OVER" };
    println!(
        "staffing solve {traffic:>9.0} Erlangs  {agents:>7} agents  median {time:>10.1?} per solve  (goal {goal:?}: {verdict})"
    );
}

/// The staffing calculator with callers of 5 minutes' patience (Erlang A), at `traffic`:
/// 180 s calls, 80% in 20 s, an 85% occupancy cap, half-hour intervals.
fn report_calculator(traffic: f64) {
    let queue = QueueInputs {
        calls: traffic * 1800.0 / 180.0,
        patience_seconds: Some(300.0),
        ..QueueInputs::default()
    };
    let agents = queue.staff().expect("valid inputs").needed.agents;
    let time = median_of(|| {
        black_box(black_box(&queue).staff().ok());
    });
    println!(
        "calculator, patient callers {traffic:>9.0} Erlangs  {agents:>7} agents  median {time:>10.1?}"
    );
}

/// The calculator's slowest valid case: the most traffic with patience, callers who wait up to an
/// hour, an hour's target, 99% in target and no occupancy cap.
fn report_calculator_worst() {
    let queue = QueueInputs {
        calls: MAX_PATIENT_TRAFFIC_ERLANGS * 10.0,
        target_seconds: 3_600.0,
        service_level_goal: 0.99,
        max_occupancy: 1.0,
        patience_seconds: Some(3_600.0),
        ..QueueInputs::default()
    };
    let agents = queue.staff().expect("valid inputs").needed.agents;
    let time = median_of(|| {
        black_box(black_box(&queue).staff().ok());
    });
    println!("calculator, slowest valid case     {agents:>7} agents  median {time:>10.1?}");
}

/// 10,000 Monte Carlo trials of the example over the levers at `paths`, each from −20% to +20%.
fn report_monte_carlo(what: &str, paths: &[&str]) {
    let scenario = Scenario::default();
    let uncertain: Vec<Uncertain> = paths
        .iter()
        .map(|path| {
            let setting = Setting::find(path).expect("a registry path");
            let value = setting.get(&scenario);
            Uncertain {
                setting,
                low: value * 0.8,
                high: value * 1.2,
                shape: Shape::Pert,
            }
        })
        .collect();
    let time = median_of(|| {
        let mut run =
            MonteCarlo::new(&scenario, &uncertain, DEFAULT_TRIALS, 1).expect("valid ranges");
        run.advance(DEFAULT_TRIALS as usize);
        black_box(run.summary());
    });
    let verdict = if time <= Duration::from_millis(200) {
        "within"
    } else {
        "OVER"
    };
    println!(
        "monte carlo, {DEFAULT_TRIALS} trials, {} levers, {what}  median {time:>10.1?}  (goal 200ms: {verdict})",
        uncertain.len()
    );
}

/// Median time of `run` over 11 runs.
fn median_of(run: impl Fn()) -> Duration {
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The tornado of every assumption, and one goal seek, on the example.
fn report_analyses() {
    let scenario = Scenario::default();
    let varied: Vec<Varied> = Setting::assumptions()
        .map(|setting| Varied {
            setting,
            range: None,
        })
        .collect();
    let time = median_of(|| {
        black_box(tornado(black_box(&scenario), &varied, 0.2, Measure::Npv));
    });
    println!(
        "tornado, {} assumptions         median {time:>10.1?}  (goal in the browser: 50 ms)",
        varied.len()
    );
    let churn = Setting::find("revenue_center.monthly_churn").expect("a registry path");
    let time = median_of(|| {
        black_box(seek(black_box(&scenario), churn, Goal::Npv(0.0)).ok());
    });
    println!("goal seek, churn for NPV 0         median {time:>10.1?}");
}

fn main() {
    println!("project() benchmark, native optimised build (bench profile)");
    report(
        "example",
        &Scenario::default(),
        Duration::from_micros(50),
        51,
        200,
    );
    report(
        "large center",
        &large_center(),
        Duration::from_millis(5),
        21,
        10,
    );
    for traffic in [10.0, 1_000.0, 100_000.0] {
        report_staffing(traffic);
    }
    for traffic in [10.0, 1_000.0, MAX_PATIENT_TRAFFIC_ERLANGS] {
        report_calculator(traffic);
    }
    report_calculator_worst();
    report_analyses();
    // Levers of both strategies: each trial projects both.
    report_monte_carlo(
        "both strategies",
        &[
            "revenue_center.monthly_churn",
            "cost_center.monthly_churn",
            "revenue_center.offer_conversion",
            "revenue_center.agent_cost_per_hour",
            "revenue_center.handle_time_seconds.phone",
            "transition.one_off_investment",
        ],
    );
    // The revenue center's levers and the transition only: the cost center is projected once.
    report_monte_carlo(
        "revenue center only",
        &[
            "revenue_center.monthly_churn",
            "revenue_center.offer_conversion",
            "revenue_center.agent_cost_per_hour",
            "revenue_center.handle_time_seconds.phone",
            "transition.one_off_investment",
        ],
    );
}
