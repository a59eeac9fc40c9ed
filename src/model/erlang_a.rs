//! Erlang A (M/M/N+M): a queue whose callers hang up when they have waited longer than their
//! patience, exponentially distributed with mean `patience_seconds`.
//!
//! Abandonment keeps the queue stable at any number of agents, so every function here is a
//! number for any `agents >= 1`, also with fewer agents than Erlangs of traffic. With no agent
//! nobody is answered: everyone waits and hangs up. Inputs that are not numbers of their kind (a
//! negative or infinite traffic, a handle time or patience that is not positive and finite) get
//! the same answer, never NaN.
//!
//! # Formula
//!
//! With arrival rate λ = A / AHT, service rate μ = 1 / AHT and abandonment rate θ = 1 / patience,
//! the number of callers in the system has the stationary distribution (relative to n = N)
//!
//! ```text
//! n ≤ N:   Σ_{n ≤ N} p_n = 1 / B(N, A)              (Erlang B, by recursion)
//! n = N+k: q_k = Π_{i=1..k} λ / (Nμ + iθ),  q_0 = 1
//! ```
//!
//! A caller who arrives (and sees this distribution) with k callers ahead moves up at rate
//! r_j = Nμ + jθ while j are ahead, and hangs up at rate θ. So they are answered with probability
//! and, when answered, after a wait that is a sum of exponentials:
//!
//! ```text
//! P(answered | k) = Π_{j=0..k} r_j / (r_j + θ)
//! W | answered, k = Σ_{j=0..k} Exp(r_j + θ)
//! ```

use super::erlang::inverse_erlang_b;

/// Queue lengths past this share of the total probability are left out.
const TAIL: f64 = 1e-15;

/// The longest queue considered.
const MAX_QUEUE: u32 = 1_000_000;

/// The queue's stationary distribution and rates, for the functions below.
struct Queue {
    /// Probability that an arriving caller is answered at once.
    no_wait: f64,
    /// For each k, the probability that an arriving caller finds k callers ahead in the queue.
    ahead: Vec<f64>,
    /// Nμ, the rate at which agents free up when all are busy (per second).
    service: f64,
    /// θ, each waiting caller's rate of hanging up (per second).
    abandon: f64,
}

impl Queue {
    /// The queue for `traffic` Erlangs; `None` for inputs with no meaning (no agent, negative or
    /// non-finite values).
    fn new(agents: u32, traffic: f64, aht_seconds: f64, patience_seconds: f64) -> Option<Self> {
        let valid = |v: f64| v.is_finite() && v > 0.0;
        let traffic_valid = traffic.is_finite() && traffic >= 0.0;
        if agents == 0 || !traffic_valid || !valid(aht_seconds) || !valid(patience_seconds) {
            return None;
        }
        let arrivals = traffic / aht_seconds;
        let service = f64::from(agents) / aht_seconds;
        let abandon = 1.0 / patience_seconds;
        if traffic == 0.0 {
            return Some(Self {
                no_wait: 1.0,
                ahead: Vec::new(),
                service,
                abandon,
            });
        }
        // Relative to n = N: the states up to N (n = N among them) sum to 1 / B(N, A).
        let up_to_agents = inverse_erlang_b(agents, traffic);
        if !up_to_agents.is_finite() {
            // So many agents that B underflows: the chance that all are busy is below any
            // double, and nobody waits.
            return Some(Self {
                no_wait: 1.0,
                ahead: Vec::new(),
                service,
                abandon,
            });
        }
        let mut ahead = vec![1.0];
        let mut total = up_to_agents;
        let mut term = 1.0;
        // Terms shrink once Nμ + kθ passes λ; stop when they no longer count. Callers of near
        // endless patience facing too few agents would queue by the million: the queue is cut
        // there.
        for k in 1..=MAX_QUEUE {
            term *= arrivals / (service + f64::from(k) * abandon);
            if term < TAIL * total && service + f64::from(k) * abandon > arrivals {
                break;
            }
            ahead.push(term);
            total += term;
        }
        ahead.iter_mut().for_each(|p| *p /= total);
        Some(Self {
            no_wait: (up_to_agents - 1.0) / total,
            ahead,
            service,
            abandon,
        })
    }

    /// r_j + θ for j callers ahead.
    fn leaving(&self, j: usize) -> f64 {
        self.service + (j as f64 + 1.0) * self.abandon
    }

    /// For each k, the probability that a caller who finds k ahead is answered, and their mean
    /// wait when answered.
    fn answered(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        let mut answered = 1.0;
        let mut wait = 0.0;
        self.ahead.iter().enumerate().map(move |(j, p)| {
            let leaving = self.leaving(j);
            answered *= (leaving - self.abandon) / leaving;
            wait += 1.0 / leaving;
            (*p, answered, wait)
        })
    }

    fn prob_wait(&self) -> f64 {
        (1.0 - self.no_wait).clamp(0.0, 1.0)
    }

    fn prob_abandon(&self) -> f64 {
        self.answered()
            .map(|(p, answered, _)| p * (1.0 - answered))
            .sum::<f64>()
            .clamp(0.0, 1.0)
    }

    fn service_level(&self, target_seconds: f64) -> f64 {
        if target_seconds.is_nan() || target_seconds < 0.0 {
            return 0.0;
        }
        // Mass of answered callers still waiting, by how many are ahead of them.
        let mut waiting: Vec<f64> = self
            .answered()
            .map(|(p, answered, _)| p * answered)
            .collect();
        if waiting.is_empty() {
            return self.no_wait;
        }
        let fastest = self.leaving(waiting.len().saturating_sub(1));
        let steps = fastest * target_seconds.min(1e9);
        // Poisson(steps) weights of the uniformized chain, in logs so a long target cannot
        // underflow them all; the sum stops once the weights past the mode are negligible.
        let mut log_weight = -steps;
        let mut reached = 0.0;
        let mut within = 0.0;
        // The Poisson weights summed so far: once nobody answered is still waiting, every later
        // step reaches the same mass, and the weights left give it at once. A long target then
        // costs as many steps as the queue takes to empty, not as many as fit in the target.
        let mut weights = 0.0;
        let mut left = waiting.iter().sum::<f64>();
        let still_waiting = left * 1e-16;
        for m in 0_u64.. {
            if m > 0 {
                log_weight += steps.ln() - (m as f64).ln();
                // One step: each caller moves one up (or is answered from the head) with
                // probability (r_j + θ) / fastest.
                let answered_now = waiting[0] * self.leaving(0) / fastest;
                left = 0.0;
                for j in 0..waiting.len() {
                    let moves = self.leaving(j) / fastest;
                    let from_behind = waiting
                        .get(j + 1)
                        .map_or(0.0, |w| w * self.leaving(j + 1) / fastest);
                    waiting[j] = waiting[j] * (1.0 - moves) + from_behind;
                    left += waiting[j];
                }
                reached += answered_now;
            }
            let weight = log_weight.exp();
            within += weight * reached;
            weights += weight;
            if m as f64 > steps && (weight < 1e-16 || reached <= 0.0) {
                break;
            }
            if left <= still_waiting {
                within += (1.0 - weights).max(0.0) * reached;
                break;
            }
        }
        (self.no_wait + within).clamp(0.0, 1.0)
    }

    fn asa_seconds(&self) -> f64 {
        let (answered, waited) = self
            .answered()
            .fold((self.no_wait, 0.0), |(answered, waited), (p, a, wait)| {
                (answered + p * a, waited + p * a * wait)
            });
        if answered > 0.0 {
            waited / answered
        } else {
            0.0
        }
    }
}

/// Probability that a caller waits: all agents are busy when they arrive.
///
/// # Formula
///
/// ```text
/// P(wait) = Σ_{k ≥ 0} q_k / (1 / B(N, A) + Σ_{k ≥ 0} q_k)
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang_a::prob_wait;
/// // 100 calls in 30 minutes, 3 minutes each (10 Erlangs), callers patient for 5 minutes.
/// assert_abs_diff_eq!(prob_wait(13, 10.0, 180.0, 300.0), 0.2258, epsilon = 5e-5);
/// // Fewer agents than Erlangs: still a number, callers hang up.
/// assert!(prob_wait(8, 10.0, 180.0, 300.0) < 1.0);
/// ```
pub fn prob_wait(agents: u32, traffic: f64, aht_seconds: f64, patience_seconds: f64) -> f64 {
    Queue::new(agents, traffic, aht_seconds, patience_seconds)
        .map_or(Figures::UNANSWERED.prob_wait, |q| q.prob_wait())
}

/// Share of callers who hang up before they are answered.
///
/// # Formula
///
/// ```text
/// P(abandon) = Σ_k P(k ahead) × (1 - Π_{j=0..k} r_j / (r_j + θ))
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang_a::prob_abandon;
/// assert_abs_diff_eq!(prob_abandon(13, 10.0, 180.0, 300.0), 0.0250, epsilon = 5e-5);
/// ```
pub fn prob_abandon(agents: u32, traffic: f64, aht_seconds: f64, patience_seconds: f64) -> f64 {
    Queue::new(agents, traffic, aht_seconds, patience_seconds)
        .map_or(Figures::UNANSWERED.prob_abandon, |q| q.prob_abandon())
}

/// Share of all callers answered within `target_seconds`, those who hang up included in the
/// count.
///
/// # Formula
///
/// ```text
/// SL(t) = P(no wait) + Σ_k P(k ahead) × P(answered | k) × P(Σ_{j=0..k} Exp(r_j + θ) ≤ t)
/// ```
///
/// The last factor, for every k at once, by uniformization of the chain that counts the callers
/// ahead down to zero.
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang_a::service_level;
/// assert_abs_diff_eq!(service_level(13, 10.0, 180.0, 300.0, 20.0), 0.8582, epsilon = 5e-5);
/// ```
pub fn service_level(
    agents: u32,
    traffic: f64,
    aht_seconds: f64,
    patience_seconds: f64,
    target_seconds: f64,
) -> f64 {
    Queue::new(agents, traffic, aht_seconds, patience_seconds)
        .map_or(Figures::UNANSWERED.service_level, |q| {
            q.service_level(target_seconds)
        })
}

/// Mean wait, in seconds, of the callers who are answered (those answered at once count with no
/// wait); 0 when nobody is answered.
///
/// # Formula
///
/// ```text
/// ASA = Σ_k P(k ahead) × P(answered | k) × Σ_{j=0..k} 1 / (r_j + θ)
///       / (P(no wait) + Σ_k P(k ahead) × P(answered | k))
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::erlang_a::asa_seconds;
/// assert_abs_diff_eq!(asa_seconds(13, 10.0, 180.0, 300.0), 6.91, epsilon = 5e-3);
/// ```
pub fn asa_seconds(agents: u32, traffic: f64, aht_seconds: f64, patience_seconds: f64) -> f64 {
    Queue::new(agents, traffic, aht_seconds, patience_seconds)
        .map_or(Figures::UNANSWERED.asa_seconds, |q| q.asa_seconds())
}

/// Every figure of a queue at once, from one stationary distribution: what [`prob_wait`],
/// [`prob_abandon`], [`service_level`] and [`asa_seconds`] give one by one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// Probability that a caller waits.
    pub prob_wait: f64,
    /// Share of callers who hang up before they are answered.
    pub prob_abandon: f64,
    /// Share of all callers answered within the target.
    pub service_level: f64,
    /// Mean wait, in seconds, of the callers answered.
    pub asa_seconds: f64,
}

impl Figures {
    /// Inputs with no meaning (no agent, negative or non-finite values): everyone waits and
    /// hangs up.
    const UNANSWERED: Figures = Figures {
        prob_wait: 1.0,
        prob_abandon: 1.0,
        service_level: 0.0,
        asa_seconds: 0.0,
    };
}

/// The four figures of a queue, the queue's distribution worked out once for all of them.
///
/// # Examples
///
/// ```
/// use frontline::model::erlang_a::{figures, prob_abandon, service_level};
/// let all = figures(13, 10.0, 180.0, 300.0, 20.0);
/// assert_eq!(all.prob_abandon, prob_abandon(13, 10.0, 180.0, 300.0));
/// assert_eq!(all.service_level, service_level(13, 10.0, 180.0, 300.0, 20.0));
/// ```
pub fn figures(
    agents: u32,
    traffic: f64,
    aht_seconds: f64,
    patience_seconds: f64,
    target_seconds: f64,
) -> Figures {
    Queue::new(agents, traffic, aht_seconds, patience_seconds).map_or(Figures::UNANSWERED, |q| {
        Figures {
            prob_wait: q.prob_wait(),
            prob_abandon: q.prob_abandon(),
            service_level: q.service_level(target_seconds),
            asa_seconds: q.asa_seconds(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::erlang;
    use approx::assert_abs_diff_eq;

    /// The reference: 100 calls per 30 minutes, 180 s handle time, 300 s patience, 20 s target.
    const TRAFFIC: f64 = 10.0;

    #[test]
    fn matches_the_reference_at_thirteen_and_twelve_agents() {
        for (agents, wait, abandon, level, asa) in [
            (13, 0.2258, 0.0250, 0.8582, 6.91),
            (12, 0.3318, 0.0427, 0.7723, 11.86),
        ] {
            assert_abs_diff_eq!(
                prob_wait(agents, TRAFFIC, 180.0, 300.0),
                wait,
                epsilon = 5e-5
            );
            assert_abs_diff_eq!(
                prob_abandon(agents, TRAFFIC, 180.0, 300.0),
                abandon,
                epsilon = 5e-5
            );
            assert_abs_diff_eq!(
                service_level(agents, TRAFFIC, 180.0, 300.0, 20.0),
                level,
                epsilon = 5e-5
            );
            assert_abs_diff_eq!(
                asa_seconds(agents, TRAFFIC, 180.0, 300.0),
                asa,
                epsilon = 5e-3
            );
        }
    }

    #[test]
    fn far_more_agents_than_traffic_means_nobody_waits() {
        // Erlang B of 4,000 agents for 2,000 Erlangs is below the smallest double.
        assert_eq!(prob_wait(4_000, 2_000.0, 180.0, 300.0), 0.0);
        assert_eq!(prob_abandon(4_000, 2_000.0, 180.0, 300.0), 0.0);
        assert_eq!(service_level(4_000, 2_000.0, 180.0, 300.0, 20.0), 1.0);
        assert_eq!(asa_seconds(4_000, 2_000.0, 180.0, 300.0), 0.0);
    }

    #[test]
    fn within_a_long_target_every_caller_answered_counts() {
        // Nobody answered waits a day: the service level is the share answered at all.
        for (agents, traffic, patience) in [
            (13, 10.0, 300.0),
            (8, 10.0, 300.0),
            (1_900, 2_000.0, 3_600.0),
        ] {
            let answered = 1.0 - prob_abandon(agents, traffic, 180.0, patience);
            let level = service_level(agents, traffic, 180.0, patience, 86_400.0);
            assert_abs_diff_eq!(level, answered, epsilon = 1e-9);
        }
    }

    #[test]
    fn those_who_hang_up_are_the_queue_times_its_abandonment_rate() {
        // Rate of hanging up = θ × mean queue length = λ × P(abandon); PASTA: arrivals see the
        // time-average queue.
        for agents in [5, 9, 10, 12, 20] {
            let q = Queue::new(agents, TRAFFIC, 180.0, 300.0).unwrap();
            let mean_queue: f64 = q.ahead.iter().enumerate().map(|(k, p)| k as f64 * p).sum();
            let by_little = (1.0 / 300.0) * mean_queue / (TRAFFIC / 180.0);
            assert_abs_diff_eq!(
                prob_abandon(agents, TRAFFIC, 180.0, 300.0),
                by_little,
                epsilon = 1e-9
            );
        }
    }

    #[test]
    fn very_patient_callers_tend_to_erlang_c() {
        for agents in [11, 13, 16] {
            let c_wait = erlang::prob_wait(agents, TRAFFIC).unwrap();
            let c_level = erlang::service_level(agents, TRAFFIC, 180.0, 20.0).unwrap();
            let c_asa = erlang::asa_seconds(agents, TRAFFIC, 180.0).unwrap();
            let patience = 1e7;
            assert_abs_diff_eq!(
                prob_wait(agents, TRAFFIC, 180.0, patience),
                c_wait,
                epsilon = 1e-3
            );
            assert_abs_diff_eq!(
                service_level(agents, TRAFFIC, 180.0, patience, 20.0),
                c_level,
                epsilon = 1e-3
            );
            assert!(prob_abandon(agents, TRAFFIC, 180.0, patience) < 1e-3);
            // Erlang C's ASA is over all calls; here over answered ones, which are nearly all.
            assert_abs_diff_eq!(
                asa_seconds(agents, TRAFFIC, 180.0, patience),
                c_asa,
                epsilon = 1e-3 * c_asa
            );
        }
    }

    #[test]
    fn an_overloaded_queue_is_still_numbers() {
        for agents in [1, 5, 8, 10] {
            let wait = prob_wait(agents, TRAFFIC, 180.0, 300.0);
            let abandon = prob_abandon(agents, TRAFFIC, 180.0, 300.0);
            let level = service_level(agents, TRAFFIC, 180.0, 300.0, 20.0);
            let asa = asa_seconds(agents, TRAFFIC, 180.0, 300.0);
            for v in [wait, abandon, level] {
                assert!((0.0..=1.0).contains(&v), "{agents}: {v}");
            }
            assert!(asa.is_finite() && asa > 0.0);
            assert!(abandon > prob_abandon(agents + 1, TRAFFIC, 180.0, 300.0));
        }
        assert_eq!(prob_wait(0, TRAFFIC, 180.0, 300.0), 1.0);
        assert_eq!(service_level(0, TRAFFIC, 180.0, 300.0, 20.0), 0.0);
        assert_eq!(prob_wait(3, 0.0, 180.0, 300.0), 0.0);
        assert_eq!(service_level(3, 0.0, 180.0, 300.0, 20.0), 1.0);
    }
}
