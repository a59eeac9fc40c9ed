//! Segments: parts of the customer base with figures of their own, such as key accounts that
//! pay more, get in touch more often and leave less when served well.
//!
//! The baseline and the strategies describe the whole base, as the manager measures it today.
//! A segment is carved out of it with its own share of the customers, revenue, contacts and
//! churn; the customers in no segment, the others, make up the rest, so that the whole base's
//! totals stay as entered: in month 1, segments and others together have the baseline's
//! customers, revenue, margin and contacts, and lose and refer the strategies' share of
//! customers. With no segment the others are the whole base.

use super::projection::Part;
use super::scenario::{ChannelMix, Scenario};

/// Segments a scenario may have besides the others: six parts of the base in all.
pub const MOST_SEGMENTS: usize = 5;

/// A value under each treatment of a customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Treatments {
    /// Served as the cost center serves.
    pub cost_center: f64,
    /// Served as the revenue center serves.
    pub revenue_center: f64,
}

impl Treatments {
    /// The value a fraction `weight` of the way from the cost center's treatment to the revenue
    /// center's, as [`Strategy::blend`](super::Strategy::blend) moves every lever: each end
    /// exactly at 0 and 1.
    ///
    /// # Formula
    ///
    /// ```text
    /// value(w) = cost + (revenue - cost) × w,   w in [0, 1]
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::segments::Treatments;
    /// let churn = Treatments { cost_center: 0.02, revenue_center: 0.01 };
    /// assert_eq!(churn.at(1.0), 0.01);
    /// assert!((churn.at(0.5) - 0.015).abs() < 1e-15);
    /// ```
    pub fn at(self, weight: f64) -> f64 {
        if weight >= 1.0 {
            self.revenue_center
        } else if weight <= 0.0 {
            self.cost_center
        } else {
            self.cost_center + (self.revenue_center - self.cost_center) * weight
        }
    }
}

/// A segment of the customer base, with figures of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// A name the manager gives it: "Key accounts".
    pub name: String,
    /// Its share of the customers at the start.
    pub share_of_customers: f64,
    /// Its share of the new customers marketing wins each month.
    pub share_of_new_customers: f64,
    /// Revenue per customer per month.
    pub revenue_per_customer_per_month: f64,
    /// Gross margin on that revenue, as a fraction.
    pub gross_margin: f64,
    /// First contacts per customer per month.
    pub contacts_per_customer_per_month: f64,
    /// How its first contacts arrive, as fractions summing to 1.
    pub channel_mix: ChannelMix,
    /// Share of its customers lost each month, under each treatment.
    pub monthly_churn: Treatments,
    /// New customers referred per customer per month, under each treatment.
    pub referral_rate: Treatments,
    /// Whether the differentiated strategy gives it the revenue center's treatment.
    pub differentiated: bool,
}

impl Segment {
    /// A segment of key accounts, as the example puts it: a tenth of the customers, paying
    /// three times the average, getting in touch twice as often, and leaving much less when
    /// served well.
    pub fn key_accounts() -> Self {
        Segment {
            name: "Key accounts".into(),
            share_of_customers: 0.10,
            share_of_new_customers: 0.05,
            revenue_per_customer_per_month: 120.0,
            gross_margin: 0.65,
            contacts_per_customer_per_month: 0.6,
            channel_mix: ChannelMix {
                phone: 0.70,
                chat: 0.15,
                email: 0.15,
                self_service: 0.0,
            },
            monthly_churn: Treatments {
                cost_center: 0.015,
                revenue_center: 0.006,
            },
            referral_rate: Treatments {
                cost_center: 0.001,
                revenue_center: 0.004,
            },
            differentiated: true,
        }
    }
}

impl Segment {
    /// A new segment of a tenth of `scenario`'s customers and of its new customers, with the
    /// whole base's figures per customer: a start that leaves the others as they were, for the
    /// manager to make their own. The differentiated strategy moves it.
    pub fn like_the_base(scenario: &Scenario, name: String) -> Self {
        let whole = Part::whole_base(scenario);
        Segment {
            name,
            share_of_customers: 0.10,
            share_of_new_customers: 0.10,
            revenue_per_customer_per_month: whole.revenue_per_customer_per_month,
            gross_margin: whole.gross_margin,
            contacts_per_customer_per_month: whole.contacts_per_customer,
            channel_mix: whole.channel_mix,
            monthly_churn: whole.churn,
            referral_rate: whole.referral,
            differentiated: true,
        }
    }
}

/// How the customer base is split: the segments carved out of it, and the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Segmentation {
    /// The segments, at most [`MOST_SEGMENTS`]; none leaves the base whole.
    pub segments: Vec<Segment>,
    /// What the customers in no segment are called.
    pub others_name: String,
    /// Whether the differentiated strategy gives the others the revenue center's treatment.
    pub others_differentiated: bool,
}

impl Default for Segmentation {
    fn default() -> Self {
        Segmentation {
            segments: Vec::new(),
            others_name: "Other customers".into(),
            others_differentiated: false,
        }
    }
}

/// What the others have when the segments are taken out of the whole base: their share of the
/// customers and of the new customers, and per customer, what is left of the base's revenue,
/// margin, contacts, channel mix, churn and referrals.
///
/// # Formula
///
/// ```text
/// C_o = C0 × (1 - Σ share_i)                 C_i = C0 × share_i
/// revenue_o  = (C0 × ARPU - Σ C_i × ARPU_i) / C_o
/// margin_o   = (C0 × ARPU × g - Σ C_i × ARPU_i × g_i) / (C_o × revenue_o)
/// contacts_o = (F0 - Σ C_i × contacts_i) / C_o
/// mix_o,k    = (F0 × mix_k - Σ C_i × contacts_i × mix_i,k) / (C_o × contacts_o)
/// churn_o    = (C0 × churn - Σ C_i × churn_i) / C_o        (under each treatment)
/// ```
///
/// Each remainder is a [`remainder`]: within a billionth of its total of zero, it is zero. With
/// no segment, the others are the whole base, figure for figure.
pub(crate) fn others(scenario: &Scenario) -> Part {
    let whole = Part::whole_base(scenario);
    let segments = &scenario.segmentation.segments;
    if segments.is_empty() {
        return whole;
    }
    let base = &scenario.baseline;
    let c0 = base.customers_at_start;
    let customers = |s: &Segment| c0 * s.share_of_customers;
    let left =
        |total: f64, taken: &dyn Fn(&Segment) -> f64| remainder(total, segments.iter().map(taken));
    let per = |amount: f64, of: f64| if of > 0.0 { amount / of } else { 0.0 };
    let share = left(1.0, &|s| s.share_of_customers);
    let own_customers = c0 * share;
    let revenue = left(c0 * base.revenue_per_customer_per_month, &|s| {
        customers(s) * s.revenue_per_customer_per_month
    });
    let margin = left(
        c0 * base.revenue_per_customer_per_month * base.gross_margin,
        &|s| customers(s) * s.revenue_per_customer_per_month * s.gross_margin,
    );
    let contacts = left(base.first_contacts_per_month, &|s| {
        customers(s) * s.contacts_per_customer_per_month
    });
    let mix_of = |total_share: f64, own: fn(&ChannelMix) -> f64| {
        per(
            left(base.first_contacts_per_month * total_share, &|s| {
                customers(s) * s.contacts_per_customer_per_month * own(&s.channel_mix)
            }),
            contacts,
        )
    };
    let mix = base.channel_mix;
    let treated = |total: Treatments, own: fn(&Segment) -> Treatments| Treatments {
        cost_center: per(
            left(c0 * total.cost_center, &|s| {
                customers(s) * own(s).cost_center
            }),
            own_customers,
        ),
        revenue_center: per(
            left(c0 * total.revenue_center, &|s| {
                customers(s) * own(s).revenue_center
            }),
            own_customers,
        ),
    };
    Part {
        customers_at_start: own_customers,
        new_customers_per_month: base.new_customers_per_month
            * left(1.0, &|s| s.share_of_new_customers),
        revenue_per_customer_per_month: per(revenue, own_customers),
        gross_margin: per(margin, revenue),
        contacts_per_customer: per(contacts, own_customers),
        channel_mix: ChannelMix {
            phone: mix_of(mix.phone, |m| m.phone),
            chat: mix_of(mix.chat, |m| m.chat),
            email: mix_of(mix.email, |m| m.email),
            self_service: mix_of(mix.self_service, |m| m.self_service),
        },
        churn: treated(whole.churn, |s| s.monthly_churn),
        referral: treated(whole.referral, |s| s.referral_rate),
        share,
    }
}

/// What is left of `total` once `taken` is taken out of it: zero when that is within a
/// billionth of `total`, so that parts that take all of something leave none rather than a
/// rounding error.
///
/// ```
/// use frontline::model::segments::remainder;
/// assert_eq!(remainder(1.0, [0.1, 0.2, 0.7]), 0.0);
/// assert!((remainder(1.0, [0.25]) - 0.75).abs() < 1e-15);
/// ```
pub fn remainder(total: f64, taken: impl IntoIterator<Item = f64>) -> f64 {
    let rest = total - taken.into_iter().sum::<f64>();
    if rest.abs() <= 1e-9 * total.abs() {
        0.0
    } else {
        rest
    }
}

/// A segment as a projection runs it.
pub(crate) fn part_of(scenario: &Scenario, segment: &Segment) -> Part {
    let base = &scenario.baseline;
    Part {
        customers_at_start: base.customers_at_start * segment.share_of_customers,
        new_customers_per_month: base.new_customers_per_month * segment.share_of_new_customers,
        revenue_per_customer_per_month: segment.revenue_per_customer_per_month,
        gross_margin: segment.gross_margin,
        contacts_per_customer: segment.contacts_per_customer_per_month,
        channel_mix: segment.channel_mix,
        churn: segment.monthly_churn,
        referral: segment.referral_rate,
        share: segment.share_of_customers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::projection::{project, StrategyKind, StrategyRun};
    use crate::model::validation::OTHERS;
    use approx::assert_abs_diff_eq;

    /// The example split three ways: key accounts, a low-value segment, and the others.
    fn split() -> Scenario {
        let mut scenario = Scenario::default();
        let low_value = Segment {
            name: "Low value".into(),
            share_of_customers: 0.3,
            share_of_new_customers: 0.4,
            revenue_per_customer_per_month: 15.0,
            gross_margin: 0.5,
            contacts_per_customer_per_month: 0.2,
            channel_mix: ChannelMix {
                phone: 0.3,
                chat: 0.3,
                email: 0.1,
                self_service: 0.3,
            },
            monthly_churn: Treatments {
                cost_center: 0.03,
                revenue_center: 0.028,
            },
            referral_rate: Treatments {
                cost_center: 0.0,
                revenue_center: 0.001,
            },
            differentiated: false,
        };
        scenario
            .segmentation
            .segments
            .extend([Segment::key_accounts(), low_value]);
        scenario
    }

    #[test]
    fn segments_and_others_add_up_to_the_whole_base_in_month_one() {
        let whole = project(&Scenario::default()).unwrap();
        let split = project(&split()).unwrap();
        for (whole, split) in whole.runs.iter().zip(&split.runs) {
            let (a, b) = (&whole.months[0], &split.months[0]);
            let same = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
            for (x, y) in [
                (a.customers.start, b.customers.start),
                (a.customers.churned, b.customers.churned),
                (a.customers.referred, b.customers.referred),
                (a.customers.won, b.customers.won),
                (a.revenue.recurring, b.revenue.recurring),
                (a.revenue.recurring_margin, b.revenue.recurring_margin),
                (a.contacts.first, b.contacts.first),
                (a.contacts.self_service, b.contacts.self_service),
                (a.contacts.live_first.phone, b.contacts.live_first.phone),
                (a.contacts.live_first.chat, b.contacts.live_first.chat),
                (a.contacts.live_first.email, b.contacts.live_first.email),
            ] {
                assert!(same(x, y), "{x} against {y}");
            }
        }
    }

    #[test]
    fn what_each_segment_contributes_adds_up_to_each_strategy_s_contribution() {
        for scenario in [Scenario::default(), split()] {
            for run in project(&scenario).unwrap().runs {
                let total = run.sum(|m| m.contribution);
                let parts: f64 = run.part_contributions.iter().sum();
                assert_eq!(
                    run.part_contributions.len(),
                    1 + scenario.segmentation.segments.len()
                );
                // Added up in another order: equal to a relative 1e-12.
                assert_abs_diff_eq!(parts, total, epsilon = 1e-12 * total.abs());
            }
        }
    }

    #[test]
    fn a_segment_moved_contributes_what_it_does_under_the_revenue_center() {
        let mut scenario = split();
        scenario.segmentation.segments[0].differentiated = true;
        let p = project(&scenario).unwrap();
        let [_, revenue_center, differentiated] = &p.runs[..] else {
            panic!("three strategies")
        };
        let key_accounts = |run: &StrategyRun| run.part_contributions[1];
        // Same treatment, same customers; only the shared queues' hours are shared out another
        // way, which moves a segment's service cost by a little.
        let (moved, all_moved) = (key_accounts(differentiated), key_accounts(revenue_center));
        assert_abs_diff_eq!(moved, all_moved, epsilon = 0.02 * all_moved.abs());
        assert!(key_accounts(differentiated) > key_accounts(&p.runs[0]));
    }

    #[test]
    fn the_differentiated_strategy_moves_what_the_manager_chose() {
        let mut scenario = split();
        let kinds: Vec<_> = project(&scenario)
            .unwrap()
            .runs
            .iter()
            .map(|run| run.plan.kind)
            .collect();
        assert_eq!(kinds, StrategyKind::ALL);
        // Every part chosen: the revenue center; none: the cost center.
        for chosen in [true, false] {
            scenario.segmentation.others_differentiated = chosen;
            for segment in &mut scenario.segmentation.segments {
                segment.differentiated = chosen;
            }
            let p = project(&scenario).unwrap();
            let same_as = usize::from(chosen);
            assert_eq!(p.runs[2].months, p.runs[same_as].months);
        }
        // Key accounts alone: between the two, paying their share of the investment.
        scenario.segmentation.segments[0].differentiated = true;
        let p = project(&scenario).unwrap();
        let investment = |i: usize| p.runs[i].months[0].cost.investment;
        assert_abs_diff_eq!(investment(2), investment(1) * 0.1, epsilon = 1e-9);
        let kept = |i: usize| p.runs[i].last().customers.end;
        assert!(kept(0) < kept(2) && kept(2) < kept(1));
    }

    #[test]
    fn what_the_segments_leave_the_others_is_checked() {
        let mut scenario = split();
        assert_eq!(scenario.validate(), Ok(()));
        scenario.segmentation.segments[0].revenue_per_customer_per_month = 400.0;
        let errors = scenario.validate().unwrap_err();
        assert_eq!(
            errors.message_for(OTHERS).as_deref(),
            Some("With these segments the other customers' revenue per customer would be -7.5: the segments take more than the whole base has.")
        );
        let mut scenario = split();
        scenario.segmentation.segments[1].share_of_customers = 0.9;
        let errors = scenario.validate().unwrap_err();
        assert_eq!(
            errors.message_for(OTHERS).as_deref(),
            Some("The segments have 100% of the customers; they must leave some to the other customers.")
        );
        let mut scenario = split();
        scenario.segmentation.segments[1].name = " ".into();
        scenario.segmentation.segments[1].channel_mix.phone = 0.5;
        let errors = scenario.validate().unwrap_err();
        let paths: Vec<&str> = errors.0.iter().map(|issue| issue.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "segmentation.segments.1.name",
                "segmentation.segments.1.channel_mix"
            ]
        );
    }

    #[test]
    fn segments_travel_in_files_and_links() {
        let scenario = split();
        let json = scenario.to_json();
        assert_eq!(Scenario::from_json(&json), Ok(scenario.clone()));
        let link = crate::share::encode(&scenario);
        assert_eq!(crate::share::decode(&link), Ok(scenario));
    }
}
