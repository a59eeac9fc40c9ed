//! Erlang C queueing: how many agents a phone or chat queue needs to meet a service level.
//!
//! Everything is computed by the Erlang B recursion, never with factorials or powers, so it
//! stays exact and finite for thousands of agents. A queue with no more agents than its traffic
//! has no steady state: those functions return `None` rather than a negative or infinite wait.

use thiserror::Error;

use crate::number_text::fixed;

/// The largest traffic, in Erlangs, the staffing search accepts: far beyond any single center,
/// and small enough that the linear search stays fast.
pub const MAX_TRAFFIC_ERLANGS: f64 = 1_000_000.0;

/// Why no agent count could be found.
#[derive(Debug, Clone, Copy, PartialEq, Error)]
pub enum StaffingError {
    /// An input is out of its range; the text names it.
    #[error("cannot staff the queue: {0}")]
    InvalidInput(&'static str),
    /// The traffic is beyond what the planner staffs.
    #[error(
        "the queue carries {} Erlangs, beyond the {} the planner can staff",
        fixed(*.traffic, 0),
        fixed(MAX_TRAFFIC_ERLANGS, 0)
    )]
    TrafficTooLarge {
        /// The traffic asked for, in Erlangs.
        traffic: f64,
    },
}

/// Offered traffic in Erlangs: the average number of contacts in progress at once.
///
/// # Formula
///
/// ```text
/// A = calls per interval × AHT / interval length
/// ```
///
/// # Examples
///
/// ```
/// use frontline::model::erlang::traffic;
/// // 100 calls in 30 minutes, 3 minutes each: 10 Erlangs.
/// assert!((traffic(100.0, 1800.0, 180.0) - 10.0).abs() < 1e-12);
/// ```
pub fn traffic(calls_per_interval: f64, interval_seconds: f64, aht_seconds: f64) -> f64 {
    calls_per_interval * aht_seconds / interval_seconds
}

/// One step of the Erlang B recursion: blocking with `n` servers from blocking with `n - 1`.
///
/// # Formula
///
/// ```text
/// B(0) = 1,   B(n) = A × B(n-1) / (n + A × B(n-1))
/// ```
fn erlang_b_step(n: u32, traffic: f64, previous: f64) -> f64 {
    let carried = traffic * previous;
    carried / (f64::from(n) + carried)
}

/// Where the Erlang B recursion may start for `agents` and `traffic`, and B there: far enough
/// below both, the recursion forgets where it started, so it need not start from no server.
///
/// # Formula
///
/// In 1 / B(n) = 1 + (n / A) / B(n-1), an error at the start n0 is multiplied by n / A at every
/// step; up to `top` = min(N, A) it shrinks by e^-S, with
///
/// ```text
/// S = Σ_{n0 < n ≤ top} ln(A / n) ≥ Σ (A - n) / A ≈ ((A - n0)² - (A - top)²) / 2A
/// ```
///
/// so starting from B(n0) ≈ 1 - n0 / A at
///
/// ```text
/// n0 = A - √(80 A + (A - top)²)
/// ```
///
/// makes S ≥ 40: an error of e^-40, far below a double's precision. Small queues start from no
/// server.
fn warm_start(agents: u32, traffic: f64) -> (u32, f64) {
    if traffic.is_nan() || traffic < 150.0 {
        // n0 < 50 for any agents (A - √(80 A) < 50 up to about 170 Erlangs).
        return (0, 1.0);
    }
    let top = f64::from(agents).min(traffic);
    let start = traffic - (80.0 * traffic + (traffic - top).powi(2)).sqrt();
    if start.is_nan() || start < 50.0 {
        return (0, 1.0);
    }
    // Below `agents`, so the cast cannot saturate.
    let start = start.floor() as u32;
    (start, 1.0 - f64::from(start) / traffic)
}

/// 1 / B, the inverse of the Erlang B blocking probability with `agents` servers, by recursion
/// from [`warm_start`]: its cost grows with the square root of the traffic plus the agents above
/// it. Infinite when B is too small for a double's inverse.
///
/// # Formula
///
/// The recursion runs on 1 / B, which needs no division per step (the staffing of every month
/// of every projection spends its time here):
///
/// ```text
/// 1 / B(n) = 1 + (n / A) × 1 / B(n-1)
/// ```
pub(crate) fn inverse_erlang_b(agents: u32, traffic: f64) -> f64 {
    match Blocking::from_warm_start(agents, traffic).reach(agents) {
        Reached::Inverse(inverse) => inverse,
        Reached::Blocking(b) => 1.0 / b,
    }
}

/// The Erlang B recursion part way, taken [`Blocking::STRIDE`] servers at a time.
///
/// B(n) is always the strides from the warm start up to the last stride start at or below `n`,
/// then single steps: a function of `n` alone, so an agent count's figures are the same bits
/// however a staffing search arrived there.
///
/// # Formula
///
/// With c(n) = n / A and x(n) = 1 / B(n), four steps of x(n) = 1 + c(n) x(n-1) are one:
///
/// ```text
/// x(n+4) = a + b x(n),   b = c(n+1) c(n+2) c(n+3) c(n+4),
///                        a = 1 + c(n+4) (1 + c(n+3) (1 + c(n+2)))
/// ```
///
/// `a` and `b` do not depend on x, so the processor works them out alongside: the chain that
/// sets the pace is one multiply-add per four servers instead of one per server.
#[derive(Debug, Clone, Copy)]
struct Blocking {
    traffic: f64,
    per_erlang: f64,
    /// Where the last stride ended.
    n: u32,
    /// 1 / B(n) while it fits a double, else B(n) itself (see [`Blocking::advance_to`]).
    state: f64,
    direct: bool,
    /// The last server count single-stepped to from `n`, and 1 / B there: a search that
    /// looks at counts one after another takes one step for each.
    cursor: (u32, f64),
}

impl Blocking {
    const STRIDE: u32 = 4;

    /// The recursion at [`warm_start`] for `agents` (the same start for every count above the
    /// traffic).
    fn from_warm_start(agents: u32, traffic: f64) -> Self {
        let (n, b) = warm_start(agents, traffic);
        Blocking {
            traffic,
            per_erlang: 1.0 / traffic,
            n,
            state: 1.0 / b,
            direct: false,
            cursor: (n, 1.0 / b),
        }
    }

    /// Takes every whole stride that ends at or below `n`; it never goes back.
    fn advance_to(&mut self, n: u32) {
        if !self.direct {
            let mut inverse = self.state;
            while self.n + Self::STRIDE <= n && inverse <= 1e250 {
                let c = |k: u32| f64::from(self.n + k) * self.per_erlang;
                let (c1, c2, c3, c4) = (c(1), c(2), c(3), c(4));
                let b = c1 * c2 * (c3 * c4);
                let a = 1.0 + c4 * (1.0 + c3 * (1.0 + c2));
                inverse = a + b * inverse;
                self.n += Self::STRIDE;
            }
            self.state = inverse;
            if inverse <= 1e250 || self.n >= n {
                return;
            }
            // Far more agents than Erlangs: 1 / B would overflow where B itself is still a
            // (tiny) double, so the rest goes by the direct form, a server at a time.
            self.direct = true;
            self.state = 1.0 / inverse;
        }
        while self.n < n {
            self.n += 1;
            self.state = erlang_b_step(self.n, self.traffic, self.state);
        }
    }

    /// The recursion at `n` servers, at or above where it is.
    fn reach(&mut self, n: u32) -> Reached {
        self.advance_to(n);
        if self.direct {
            return Reached::Blocking(self.state);
        }
        let (mut at, mut inverse) = self.cursor;
        if at < self.n || at > n {
            (at, inverse) = (self.n, self.state);
        }
        while at < n {
            at += 1;
            inverse = 1.0 + f64::from(at) * self.per_erlang * inverse;
        }
        self.cursor = (at, inverse);
        Reached::Inverse(inverse)
    }

    /// Erlang C probability of waiting with `agents` servers, more than the traffic, at or
    /// above where the recursion is.
    ///
    /// # Formula
    ///
    /// From 1 / B, with one division where going through B takes two:
    ///
    /// ```text
    /// Pw(N) = N B / (N - A (1 - B)) = N / ((N - A) / B + A)
    /// ```
    fn prob_wait(&mut self, agents: u32) -> f64 {
        let n = f64::from(agents);
        match self.reach(agents) {
            Reached::Inverse(inverse) => {
                (n / ((n - self.traffic) * inverse + self.traffic)).clamp(0.0, 1.0)
            }
            Reached::Blocking(b) => prob_wait_from_b(agents, self.traffic, b),
        }
    }
}

/// Where [`Blocking`] has reached: 1 / B, or B once 1 / B is past a double's range.
enum Reached {
    Inverse(f64),
    Blocking(f64),
}

/// Probability of waiting from Erlang B; requires `agents > traffic`.
///
/// # Formula
///
/// ```text
/// Pw(N) = N × B(N) / (N - A × (1 - B(N)))
/// ```
fn prob_wait_from_b(agents: u32, traffic: f64, b: f64) -> f64 {
    let n = f64::from(agents);
    (n * b / (n - traffic * (1.0 - b))).clamp(0.0, 1.0)
}

fn service_level_from_pw(pw: f64, agents: u32, traffic: f64, aht: f64, target: f64) -> f64 {
    (1.0 - pw * (-(f64::from(agents) - traffic) * target / aht).exp()).clamp(0.0, 1.0)
}

fn is_steady(agents: u32, traffic: f64) -> bool {
    traffic.is_finite() && traffic >= 0.0 && f64::from(agents) > traffic
}

/// Erlang C probability that a contact waits, or `None` when the queue is overloaded
/// (`agents <= traffic`, or traffic not a finite non-negative number).
///
/// # Formula
///
/// ```text
/// B(0) = 1,   B(n) = A × B(n-1) / (n + A × B(n-1))       (Erlang B by recursion)
/// Pw(N) = N × B(N) / (N - A × (1 - B(N)))                 for N > A
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang::prob_wait;
/// assert_abs_diff_eq!(prob_wait(14, 10.0).unwrap(), 0.174, epsilon = 5e-4);
/// assert_eq!(prob_wait(10, 10.0), None); // overloaded: no steady state
/// ```
pub fn prob_wait(agents: u32, traffic: f64) -> Option<f64> {
    is_steady(agents, traffic).then(|| Blocking::from_warm_start(agents, traffic).prob_wait(agents))
}

/// Share of contacts answered within `target_seconds`, or `None` when overloaded.
///
/// # Formula
///
/// ```text
/// SL(N, t) = 1 - Pw(N) × exp(-(N - A) × t / AHT)
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang::service_level;
/// assert_abs_diff_eq!(service_level(14, 10.0, 180.0, 20.0).unwrap(), 0.888, epsilon = 5e-4);
/// ```
pub fn service_level(
    agents: u32,
    traffic: f64,
    aht_seconds: f64,
    target_seconds: f64,
) -> Option<f64> {
    let pw = prob_wait(agents, traffic)?;
    (aht_seconds > 0.0 && target_seconds >= 0.0)
        .then(|| service_level_from_pw(pw, agents, traffic, aht_seconds, target_seconds))
}

/// Average speed of answer over all contacts, in seconds, or `None` when overloaded.
///
/// # Formula
///
/// ```text
/// ASA = Pw(N) × AHT / (N - A)
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang::asa_seconds;
/// assert_abs_diff_eq!(asa_seconds(14, 10.0, 180.0).unwrap(), 7.8, epsilon = 0.05);
/// ```
pub fn asa_seconds(agents: u32, traffic: f64, aht_seconds: f64) -> Option<f64> {
    let pw = prob_wait(agents, traffic)?;
    Some(pw * aht_seconds / (f64::from(agents) - traffic))
}

/// A staffed queue: the agent count found and what it achieves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueStaffing {
    /// Agents on the queue at any moment it is open (N).
    pub agents: u32,
    /// Probability a contact waits.
    pub prob_wait: f64,
    /// Share answered within the target time.
    pub service_level: f64,
    /// Average speed of answer, seconds.
    pub asa_seconds: f64,
    /// Share of agent time spent on contacts: A / N.
    pub occupancy: f64,
}

/// Staffs a queue: the smallest agent count meeting the service level within the occupancy cap,
/// with what it achieves. See [`agents_for_service_level`].
///
/// The search runs the Erlang B recursion once, from far below the traffic (where it has
/// forgotten its start) up to the answer.
///
/// # Errors
///
/// [`StaffingError`] when an input is out of range or the traffic exceeds [`MAX_TRAFFIC_ERLANGS`].
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang::staff_queue;
/// let queue = staff_queue(10.0, 180.0, 20.0, 0.8, 1.0).unwrap();
/// assert_eq!(queue.agents, 14);
/// assert_abs_diff_eq!(queue.occupancy, 0.714, epsilon = 5e-4);
/// ```
pub fn staff_queue(
    traffic: f64,
    aht_seconds: f64,
    target_seconds: f64,
    goal: f64,
    max_occupancy: f64,
) -> Result<QueueStaffing, StaffingError> {
    staff_queue_near(0, traffic, aht_seconds, target_seconds, goal, max_occupancy)
}

/// [`staff_queue`], searching first at `near`: a projection passes the agents its queue needed
/// the month before, so that most months look at two agent counts instead of every count from
/// the traffic up. The answer, and its figures to the last bit, do not depend on `near`.
///
/// # Errors
///
/// As [`staff_queue`].
pub(crate) fn staff_queue_near(
    near: u32,
    traffic: f64,
    aht_seconds: f64,
    target_seconds: f64,
    goal: f64,
    max_occupancy: f64,
) -> Result<QueueStaffing, StaffingError> {
    if !(traffic.is_finite() && traffic >= 0.0) {
        return Err(StaffingError::InvalidInput(
            "traffic must be a non-negative number",
        ));
    }
    if traffic > MAX_TRAFFIC_ERLANGS {
        return Err(StaffingError::TrafficTooLarge { traffic });
    }
    if !(aht_seconds.is_finite() && aht_seconds > 0.0) {
        return Err(StaffingError::InvalidInput("handle time must be positive"));
    }
    if !(target_seconds.is_finite() && target_seconds >= 0.0) {
        return Err(StaffingError::InvalidInput(
            "target time must be zero or more",
        ));
    }
    if !(goal > 0.0 && goal < 1.0) {
        return Err(StaffingError::InvalidInput(
            "service level goal must be between 0 and 1",
        ));
    }
    if !(max_occupancy > 0.0 && max_occupancy <= 1.0) {
        return Err(StaffingError::InvalidInput(
            "maximum occupancy must be in (0, 1]",
        ));
    }

    // Both bounds are met from `lower` on: N > A, and A / N <= occupancy cap. The small
    // tolerance keeps A / cap = 10.000000000001 from demanding an 11th agent.
    // In whole numbers, as truncating casts: the float `floor`, `ceil` and `max` are calls
    // into the maths library on some targets, and this runs for every queue of every month.
    // Both are at most about MAX_TRAFFIC_ERLANGS / cap; the casts saturate far above that.
    let by_traffic = traffic as u32 + 1;
    let busy_share = traffic / max_occupancy - 1e-9;
    let truncated = busy_share as u32;
    let by_occupancy = truncated + u32::from(f64::from(truncated) < busy_share);
    let lower = by_traffic.max(by_occupancy);

    // Probability of waiting and service level with `agents`.
    let judge = |blocking: &mut Blocking, agents: u32| {
        let pw = blocking.prob_wait(agents);
        let sl = service_level_from_pw(pw, agents, traffic, aht_seconds, target_seconds);
        (pw, sl)
    };

    // Every count from `lower` on is above the traffic, so they share one warm start.
    let mut blocking = Blocking::from_warm_start(lower, traffic);
    let mut agents = lower;
    if near > lower {
        if judge(&mut blocking, near - 1).1 < goal {
            agents = near;
        } else {
            // The answer is below `near`: search from the bottom.
            blocking = Blocking::from_warm_start(lower, traffic);
        }
    }
    // The service level rises to 1 as agents grow and the goal is below 1, so this ends.
    let (prob_wait, service_level) = loop {
        let (pw, sl) = judge(&mut blocking, agents);
        if sl >= goal {
            break (pw, sl);
        }
        agents += 1;
    };
    let n = f64::from(agents);
    Ok(QueueStaffing {
        agents,
        prob_wait,
        service_level,
        asa_seconds: prob_wait * aht_seconds / (n - traffic),
        occupancy: traffic / n,
    })
}

/// The smallest agent count `N > traffic` with service level at least `goal` and occupancy
/// `traffic / N` at most `max_occupancy`.
///
/// # Formula
///
/// ```text
/// N = min { n > A : SL(n, t) >= goal and A / n <= max occupancy }
/// ```
///
/// # Errors
///
/// [`StaffingError::InvalidInput`] for traffic < 0, AHT <= 0, target < 0, goal outside (0, 1)
/// or occupancy outside (0, 1]; [`StaffingError::TrafficTooLarge`] past [`MAX_TRAFFIC_ERLANGS`].
///
/// # Examples
///
/// ```
/// use frontline::model::erlang::agents_for_service_level;
/// // Call Centre Helper's example: 10 Erlangs, 180 s calls, 80% in 20 s.
/// assert_eq!(agents_for_service_level(10.0, 180.0, 20.0, 0.8, 1.0), Ok(14));
/// // An 85% occupancy cap asks for 12 at least; the service level already needs 14.
/// assert_eq!(agents_for_service_level(10.0, 180.0, 20.0, 0.8, 0.85), Ok(14));
/// ```
pub fn agents_for_service_level(
    traffic: f64,
    aht_seconds: f64,
    target_seconds: f64,
    goal: f64,
    max_occupancy: f64,
) -> Result<u32, StaffingError> {
    staff_queue(traffic, aht_seconds, target_seconds, goal, max_occupancy).map(|q| q.agents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// B itself, also where it is too small for its inverse to be a double.
    fn erlang_b(agents: u32, traffic: f64) -> f64 {
        match Blocking::from_warm_start(agents, traffic).reach(agents) {
            Reached::Inverse(inverse) => 1.0 / inverse,
            Reached::Blocking(b) => b,
        }
    }

    #[test]
    fn the_warm_start_gives_the_recursion_from_no_server() {
        for traffic in [60.0, 100.0, 1_000.0, 12_345.6, 100_000.0, 1_000_000.0] {
            let around = [0.1, 0.5, 0.8, 0.95, 0.99, 1.0, 1.01, 1.2].map(|f| (traffic * f) as u32);
            for agents in around {
                let full = (1..=agents).fold(1.0, |b, n| erlang_b_step(n, traffic, b));
                let warm = erlang_b(agents, traffic);
                assert!(
                    (warm - full).abs() <= 1e-12 * full,
                    "{traffic} Erlangs, {agents} agents: {warm} against {full}"
                );
            }
        }
    }

    /// Call Centre Helper's published worked example.
    #[test]
    fn call_centre_helper_example() {
        let a = traffic(100.0, 1800.0, 180.0);
        assert_abs_diff_eq!(a, 10.0, epsilon = 1e-12);
        let n = agents_for_service_level(a, 180.0, 20.0, 0.8, 1.0).unwrap();
        assert_eq!(n, 14);
        assert_abs_diff_eq!(prob_wait(n, a).unwrap(), 0.174, epsilon = 5e-4);
        assert_abs_diff_eq!(
            service_level(n, a, 180.0, 20.0).unwrap(),
            0.888,
            epsilon = 5e-4
        );
        assert_abs_diff_eq!(asa_seconds(n, a, 180.0).unwrap(), 7.8, epsilon = 0.05);
        assert_abs_diff_eq!(a / f64::from(n), 0.714, epsilon = 5e-4);
        // 13 agents fall short of 80%.
        assert!(service_level(13, a, 180.0, 20.0).unwrap() < 0.8);
        // 30% shrinkage: 14 / 0.7 = 20 scheduled.
        assert_abs_diff_eq!(f64::from(n) / (1.0 - 0.3), 20.0, epsilon = 1e-9);
    }

    #[test]
    fn erlang_b_recursion_matches_the_closed_form_for_small_n() {
        // B(N) = (A^N / N!) / sum_k A^k / k!, fine to evaluate directly for N = 5.
        let a: f64 = 3.0;
        let terms: Vec<f64> = (0..=5)
            .scan(1.0, |t, k| {
                if k > 0 {
                    *t *= a / f64::from(k);
                }
                Some(*t)
            })
            .collect();
        let closed = terms[5] / terms.iter().sum::<f64>();
        assert_abs_diff_eq!(erlang_b(5, a), closed, epsilon = 1e-14);
    }

    #[test]
    fn overloaded_queues_have_no_figures() {
        assert_eq!(prob_wait(10, 10.0), None);
        assert_eq!(prob_wait(9, 10.0), None);
        assert_eq!(service_level(5, 10.0, 180.0, 20.0), None);
        assert_eq!(asa_seconds(10, 10.5, 180.0), None);
        assert_eq!(prob_wait(3, f64::NAN), None);
        assert_eq!(prob_wait(3, -1.0), None);
    }

    #[test]
    fn zero_traffic_needs_one_agent_and_never_waits() {
        let q = staff_queue(0.0, 300.0, 20.0, 0.8, 0.85).unwrap();
        assert_eq!(q.agents, 1);
        assert_eq!(q.prob_wait, 0.0);
        assert_eq!(q.service_level, 1.0);
    }

    #[test]
    fn occupancy_cap_binds_on_large_queues() {
        // At 1,000 Erlangs the service level is met close to A; the 85% cap asks for more.
        let q = staff_queue(1000.0, 300.0, 20.0, 0.8, 0.85).unwrap();
        assert_eq!(q.agents, (1000.0_f64 / 0.85).ceil() as u32);
        assert!(q.occupancy <= 0.85);
    }

    #[test]
    fn thousands_of_agents_stay_finite() {
        let q = staff_queue(50_000.0, 400.0, 20.0, 0.9, 1.0).unwrap();
        assert!(q.agents > 50_000 && q.agents < 51_000);
        assert!(q.service_level.is_finite() && q.asa_seconds.is_finite());
    }

    #[test]
    fn where_the_search_starts_changes_nothing() {
        for (traffic, goal, cap) in [
            (0.0, 0.8, 1.0),
            (0.3, 0.8, 1.0),
            (10.0, 0.8, 1.0),
            (10.0, 0.8, 0.5),
            (73.4, 0.95, 0.85),
            (1_234.5, 0.8, 0.9),
        ] {
            let from_the_bottom = staff_queue(traffic, 180.0, 20.0, goal, cap).unwrap();
            let answer = from_the_bottom.agents;
            for near in [
                0,
                1,
                answer / 2,
                answer - 1,
                answer,
                answer + 1,
                answer + 40,
            ] {
                let from_near = staff_queue_near(near, traffic, 180.0, 20.0, goal, cap).unwrap();
                assert_eq!(from_near.agents, answer, "{traffic} Erlangs from {near}");
                // The same bits, not just close: a projection's figures must not depend on
                // the month before.
                assert_eq!(
                    from_near.service_level.to_bits(),
                    from_the_bottom.service_level.to_bits()
                );
                assert_eq!(
                    from_near.asa_seconds.to_bits(),
                    from_the_bottom.asa_seconds.to_bits()
                );
            }
        }
    }

    #[test]
    fn inputs_out_of_range_are_errors() {
        assert!(matches!(
            staff_queue(-1.0, 180.0, 20.0, 0.8, 1.0),
            Err(StaffingError::InvalidInput(_))
        ));
        assert!(matches!(
            staff_queue(10.0, 0.0, 20.0, 0.8, 1.0),
            Err(StaffingError::InvalidInput(_))
        ));
        assert!(matches!(
            staff_queue(10.0, 180.0, 20.0, 1.0, 1.0),
            Err(StaffingError::InvalidInput(_))
        ));
        assert!(matches!(
            staff_queue(10.0, 180.0, 20.0, 0.8, 0.0),
            Err(StaffingError::InvalidInput(_))
        ));
        assert!(matches!(
            staff_queue(2e6, 180.0, 20.0, 0.8, 1.0),
            Err(StaffingError::TrafficTooLarge { .. })
        ));
    }
}
