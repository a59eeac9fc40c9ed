//! Staffing a month's live contacts: phone and chat as Erlang C queues, email as deferred work,
//! or any channel costed per contact in simple mode.

use super::erlang::{staff_queue_near, QueueStaffing, StaffingError};
use super::scenario::Strategy;

/// Length of a staffing interval, in seconds: the usual half hour.
pub const INTERVAL_SECONDS: f64 = 1800.0;

/// What a staffed queue reaches in a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueFigures {
    /// Offered traffic, in Erlangs.
    pub traffic_erlangs: f64,
    /// Agents on the queue whenever it is open (N).
    pub agents_on_queue: u32,
    /// Share answered within the target time.
    pub service_level: f64,
    /// Average speed of answer over all contacts, seconds.
    pub asa_seconds: f64,
    /// Share of agents' time on contacts.
    pub occupancy: f64,
}

impl QueueFigures {
    /// What `queue`, staffed for `traffic_erlangs`, reaches.
    fn of(traffic_erlangs: f64, queue: &QueueStaffing) -> Self {
        QueueFigures {
            traffic_erlangs,
            agents_on_queue: queue.agents,
            service_level: queue.service_level,
            asa_seconds: queue.asa_seconds,
            occupancy: queue.occupancy,
        }
    }
}

/// One live channel in one month.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ChannelStaffing {
    /// Live contacts handled, repeats included.
    pub contacts: f64,
    /// Queue figures for phone and chat staffed by Erlang C; `None` for email, for a channel
    /// costed per contact, and for a channel with no contacts.
    pub queue: Option<QueueFigures>,
    /// Paid agent hours.
    pub paid_hours: f64,
    /// Full-time agents: paid hours / paid hours per agent.
    pub full_time_agents: f64,
    /// Paid hours × loaded cost per hour.
    pub labour_cost: f64,
    /// Full-time agents × training per agent.
    pub training_cost: f64,
    /// Simple mode: contacts × the entered cost per contact; otherwise 0.
    pub per_contact_cost: f64,
}

impl ChannelStaffing {
    /// Nothing staffed, to add parts to: every number -0.0, which adds nothing to any number,
    /// so that a channel of one part is that part, bit for bit.
    pub const NONE: Self = ChannelStaffing {
        contacts: -0.0,
        queue: None,
        paid_hours: -0.0,
        full_time_agents: -0.0,
        labour_cost: -0.0,
        training_cost: -0.0,
        per_contact_cost: -0.0,
    };

    /// Everything the channel costs in the month.
    pub fn cost(&self) -> f64 {
        self.labour_cost + self.training_cost + self.per_contact_cost
    }
}

/// This channel with another part's on it: their sums, and the queue they share when either is
/// queued.
impl std::ops::Add for ChannelStaffing {
    type Output = Self;

    fn add(self, other: ChannelStaffing) -> Self {
        ChannelStaffing {
            contacts: self.contacts + other.contacts,
            queue: self.queue.or(other.queue),
            paid_hours: self.paid_hours + other.paid_hours,
            full_time_agents: self.full_time_agents + other.full_time_agents,
            labour_cost: self.labour_cost + other.labour_cost,
            training_cost: self.training_cost + other.training_cost,
            per_contact_cost: self.per_contact_cost + other.per_contact_cost,
        }
    }
}

/// One part of the customer base on a queue channel: see [`WorkingTime::pooled_queue`].
#[derive(Debug, Clone, Copy)]
pub struct QueuePart<'a> {
    /// The levers the part is served with.
    pub levers: &'a Strategy,
    /// Its live contacts on the channel in the month, repeats included.
    pub contacts: f64,
    /// Its handle time per contact as the queue sees it, seconds.
    pub aht_effective_seconds: f64,
    /// Its cost per contact on the channel, when it is costed so (simple mode).
    pub cost_per_contact: Option<f64>,
}

/// The center's working time, shared by every channel.
#[derive(Debug, Clone, Copy)]
pub struct WorkingTime {
    /// Hours open per month (H).
    pub open_hours_per_month: f64,
    /// Paid hours per full-time agent per month.
    pub paid_hours_per_agent_per_month: f64,
}

impl WorkingTime {
    fn staffed(
        self,
        levers: &Strategy,
        contacts: f64,
        paid_hours: f64,
        queue: Option<QueueFigures>,
    ) -> ChannelStaffing {
        let full_time_agents = paid_hours / self.paid_hours_per_agent_per_month;
        ChannelStaffing {
            contacts,
            queue,
            paid_hours,
            full_time_agents,
            labour_cost: paid_hours * levers.agent_cost_per_hour,
            training_cost: full_time_agents * levers.training_per_agent_per_month,
            per_contact_cost: 0.0,
        }
    }

    fn per_contact(contacts: f64, cost_per_contact: f64) -> ChannelStaffing {
        ChannelStaffing {
            contacts,
            per_contact_cost: contacts * cost_per_contact,
            ..ChannelStaffing::default()
        }
    }

    /// Staffs a queue channel (phone or chat) for `contacts` a month; `near` is where the
    /// agent search looks first (the agents the queue had the month before, or 0), which
    /// changes how fast the answer is found, not the answer.
    ///
    /// # Formula
    ///
    /// ```text
    /// λ = contacts / (2 H)                   calls per 30-minute interval
    /// A = λ × AHT_eff / 1800                 Erlangs
    /// N = smallest n > A meeting the service level with A / n <= max occupancy
    /// paid hours = N × H / (1 - shrinkage)
    /// ```
    ///
    /// # Errors
    ///
    /// [`StaffingError`] when the traffic is beyond what can be staffed.
    pub fn queue(
        self,
        levers: &Strategy,
        contacts: f64,
        aht_effective_seconds: f64,
        cost_per_contact: Option<f64>,
        near: u32,
    ) -> Result<ChannelStaffing, StaffingError> {
        let part = QueuePart {
            levers,
            contacts,
            aht_effective_seconds,
            cost_per_contact,
        };
        self.pooled_queue(1, |_| part, near, |_, _| {})
    }

    /// Staffs one queue channel (phone or chat) shared by several parts of the customer base, each
    /// with its contacts, effective handle time and levers: one Erlang C queue fed by all of them,
    /// so that their traffic is pooled, with its hours shared out by workload. A part whose levers
    /// cost the channel per contact is costed so and not queued. `part(i)` gives each of the
    /// `parts`; the channel is their sum, and `each(i, share)` is told each part's share of it;
    /// `near` is where the agent search looks first.
    ///
    /// # Formula
    ///
    /// ```text
    /// A_p = contacts_p / (2 H) × AHT_p / 1800,   A = Σ A_p
    /// N   = agents for A, with the strictest promise of the parts queued: the highest goal,
    ///       the shortest target, the lowest occupancy cap; AHT the traffic-weighted mean
    /// paid hours_p = N × H / (1 - shrinkage_p) × A_p / A
    /// ```
    ///
    /// # Errors
    ///
    /// [`StaffingError`] when the traffic is beyond what can be staffed.
    #[inline]
    pub fn pooled_queue<'a>(
        self,
        parts: usize,
        part: impl Fn(usize) -> QueuePart<'a>,
        near: u32,
        mut each: impl FnMut(usize, &ChannelStaffing),
    ) -> Result<ChannelStaffing, StaffingError> {
        let intervals = self.open_hours_per_month * 3600.0 / INTERVAL_SECONDS;
        let traffic_of = |part: &QueuePart<'_>| {
            part.contacts / intervals * part.aht_effective_seconds / INTERVAL_SECONDS
        };
        let queued = |part: &QueuePart<'_>| part.cost_per_contact.is_none() && part.contacts > 0.0;
        if parts == 1 {
            // A queue of its own: no pooling to do, and the figures a pool of one would give,
            // bit for bit (its share of the hours is A / A = 1).
            let part = part(0);
            if !queued(&part) {
                let alone = Self::unqueued(&part);
                each(0, &alone);
                return Ok(alone);
            }
            let levers = part.levers;
            let traffic = traffic_of(&part);
            let queue = staff_queue_near(
                near,
                traffic,
                part.aht_effective_seconds,
                levers.service_level_seconds,
                levers.service_level_goal,
                levers.max_occupancy,
            )?;
            let paid_hours =
                f64::from(queue.agents) * self.open_hours_per_month / (1.0 - levers.shrinkage);
            let alone = self.staffed(
                levers,
                part.contacts,
                paid_hours,
                Some(QueueFigures::of(traffic, &queue)),
            );
            each(0, &alone);
            return Ok(alone);
        }
        let mut members = (0..parts).map(&part).filter(queued);
        let Some(first) = members.next() else {
            // Nobody uses the queue, or every part is costed per contact.
            return Ok((0..parts).fold(ChannelStaffing::NONE, |sum, i| {
                let share = Self::unqueued(&part(i));
                each(i, &share);
                sum + share
            }));
        };
        let (mut goal, mut target, mut cap) = (
            first.levers.service_level_goal,
            first.levers.service_level_seconds,
            first.levers.max_occupancy,
        );
        let mut traffic = traffic_of(&first);
        let (mut handled, mut work) =
            (first.contacts, first.contacts * first.aht_effective_seconds);
        let mut alone = true;
        for member in members {
            alone = false;
            goal = goal.max(member.levers.service_level_goal);
            target = target.min(member.levers.service_level_seconds);
            cap = cap.min(member.levers.max_occupancy);
            traffic += traffic_of(&member);
            handled += member.contacts;
            work += member.contacts * member.aht_effective_seconds;
        }
        // One part's own handle time exactly, not a mean that may round it.
        let aht = if alone {
            first.aht_effective_seconds
        } else {
            work / handled
        };
        let queue = staff_queue_near(near, traffic, aht, target, goal, cap)?;
        let figures = QueueFigures::of(traffic, &queue);
        Ok((0..parts).fold(ChannelStaffing::NONE, |sum, i| {
            let part = part(i);
            let share = if queued(&part) {
                let paid_hours = f64::from(queue.agents) * self.open_hours_per_month
                    / (1.0 - part.levers.shrinkage)
                    * (traffic_of(&part) / traffic);
                self.staffed(part.levers, part.contacts, paid_hours, Some(figures))
            } else {
                Self::unqueued(&part)
            };
            each(i, &share);
            sum + share
        }))
    }

    /// A part that is not queued: costed per contact, or with no contacts.
    fn unqueued(part: &QueuePart<'_>) -> ChannelStaffing {
        match part.cost_per_contact {
            Some(cost) => Self::per_contact(part.contacts, cost),
            None => ChannelStaffing::default(),
        }
    }

    /// Staffs email, deferred work handled when agents are free.
    ///
    /// # Formula
    ///
    /// ```text
    /// paid hours = contacts × AHT / 3600 / max occupancy / (1 - shrinkage)
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use approx::assert_abs_diff_eq;
    /// use frontline::model::scenario::Strategy;
    /// use frontline::model::staffing::WorkingTime;
    /// let time = WorkingTime { open_hours_per_month: 260.0, paid_hours_per_agent_per_month: 160.0 };
    /// let mut levers = Strategy::cost_center_example();
    /// levers.max_occupancy = 0.8;
    /// levers.shrinkage = 0.2;
    /// // 1,000 emails of 6 minutes: 100 hours of work, 156.25 paid.
    /// let email = time.email(&levers, 1_000.0, 360.0, None);
    /// assert_abs_diff_eq!(email.paid_hours, 156.25, epsilon = 1e-9);
    /// ```
    pub fn email(
        self,
        levers: &Strategy,
        contacts: f64,
        aht_seconds: f64,
        cost_per_contact: Option<f64>,
    ) -> ChannelStaffing {
        if let Some(cost) = cost_per_contact {
            return Self::per_contact(contacts, cost);
        }
        let paid_hours =
            contacts * aht_seconds / 3600.0 / levers.max_occupancy / (1.0 - levers.shrinkage);
        self.staffed(levers, contacts, paid_hours, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    const TIME: WorkingTime = WorkingTime {
        open_hours_per_month: 260.0,
        paid_hours_per_agent_per_month: 160.0,
    };

    #[test]
    fn phone_queue_reproduces_the_reference_example() {
        // 100 calls every half hour over 260 hours is 52,000 calls; 180 s; 80% in 20 s.
        let mut levers = Strategy::cost_center_example();
        levers.service_level_goal = 0.8;
        levers.service_level_seconds = 20.0;
        levers.max_occupancy = 1.0;
        levers.shrinkage = 0.3;
        let phone = TIME.queue(&levers, 52_000.0, 180.0, None, 0).unwrap();
        let queue = phone.queue.unwrap();
        assert_abs_diff_eq!(queue.traffic_erlangs, 10.0, epsilon = 1e-9);
        assert_eq!(queue.agents_on_queue, 14);
        // 14 on the queue for 260 h at 30% shrinkage: 20 scheduled, 5,200 paid hours.
        assert_abs_diff_eq!(phone.paid_hours, 5_200.0, epsilon = 1e-9);
        assert_abs_diff_eq!(phone.full_time_agents, 32.5, epsilon = 1e-9);
        assert_abs_diff_eq!(phone.labour_cost, 5_200.0 * 22.0, epsilon = 1e-6);
    }

    #[test]
    fn unused_and_simple_mode_channels_have_no_agents() {
        let levers = Strategy::revenue_center_example();
        let closed = TIME.queue(&levers, 0.0, 300.0, None, 0).unwrap();
        assert_eq!(closed, ChannelStaffing::default());
        let simple = TIME.queue(&levers, 1_000.0, 300.0, Some(7.5), 0).unwrap();
        assert_eq!(simple.queue, None);
        assert_eq!(simple.full_time_agents, 0.0);
        assert_abs_diff_eq!(simple.cost(), 7_500.0, epsilon = 1e-9);
    }

    #[test]
    fn training_follows_full_time_agents() {
        let levers = Strategy::revenue_center_example();
        let email = TIME.email(&levers, 2_000.0, 420.0, None);
        assert_abs_diff_eq!(
            email.training_cost,
            email.full_time_agents * levers.training_per_agent_per_month,
            epsilon = 1e-9
        );
    }
}
