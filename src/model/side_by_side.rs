//! Scenarios side by side: how a figure of one scenario stands against the same figure of the
//! scenario it is compared with.

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// More is better: contribution, customers kept.
    Higher,
    /// Less is better: the break-even month, service cost.
    Lower,
}

/// How a scenario's figure stands against the reference scenario's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Better than the reference.
    Better,
    /// Worse than the reference.
    Worse,
    /// The same, within a relative tolerance of [`SAME_WITHIN`].
    Same,
}

/// Figures closer than this, relative to their size (and at least to 1), count as the same:
/// rounding in the projection should not read as a difference.
pub const SAME_WITHIN: f64 = 1e-9;

impl Standing {
    /// How `value` stands against `reference`. `None` is a figure that does not exist, such as
    /// a break-even month beyond the horizon: with [`Better::Lower`] it is worse than any month,
    /// with [`Better::Higher`] worse than any amount.
    ///
    /// # Formula
    ///
    /// ```text
    /// same    when |value - reference| <= SAME_WITHIN × max(1, |value|, |reference|)
    /// better  when value > reference (Higher) or value < reference (Lower)
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::model::side_by_side::{Better, Standing};
    /// assert_eq!(Standing::of(Some(10.0), Some(12.0), Better::Higher), Standing::Better);
    /// assert_eq!(Standing::of(Some(10.0), Some(12.0), Better::Lower), Standing::Worse);
    /// assert_eq!(Standing::of(Some(9.0), None, Better::Lower), Standing::Worse);
    /// assert_eq!(Standing::of(None, None, Better::Lower), Standing::Same);
    /// ```
    pub fn of(reference: Option<f64>, value: Option<f64>, better: Better) -> Self {
        let (reference, value) = match (reference, value) {
            (None, None) => return Standing::Same,
            (Some(_), None) => return Standing::Worse,
            (None, Some(_)) => return Standing::Better,
            (Some(r), Some(v)) => (r, v),
        };
        let scale = 1f64.max(reference.abs()).max(value.abs());
        if (value - reference).abs() <= SAME_WITHIN * scale {
            return Standing::Same;
        }
        let higher = value > reference;
        if higher == (better == Better::Higher) {
            Standing::Better
        } else {
            Standing::Worse
        }
    }

    /// The word for it, so the standing is not told by colour alone.
    pub fn word(self) -> &'static str {
        match self {
            Standing::Better => "better",
            Standing::Worse => "worse",
            Standing::Same => "same",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_differences_from_rounding_are_the_same() {
        let big = 7_912_345.678;
        assert_eq!(
            Standing::of(Some(big), Some(big * (1.0 + 1e-12)), Better::Higher),
            Standing::Same
        );
        assert_eq!(
            Standing::of(Some(0.0), Some(1e-12), Better::Higher),
            Standing::Same
        );
        assert_eq!(
            Standing::of(Some(big), Some(big + 1.0), Better::Higher),
            Standing::Better
        );
    }

    #[test]
    fn a_missing_figure_is_worse_than_any() {
        for better in [Better::Higher, Better::Lower] {
            assert_eq!(Standing::of(Some(5.0), None, better), Standing::Worse);
            assert_eq!(Standing::of(None, Some(5.0), better), Standing::Better);
        }
    }

    #[test]
    fn lower_is_better_for_months_and_costs() {
        assert_eq!(
            Standing::of(Some(14.0), Some(11.0), Better::Lower),
            Standing::Better
        );
        assert_eq!(
            Standing::of(Some(-3.0), Some(-1.0), Better::Lower),
            Standing::Worse
        );
    }
}
