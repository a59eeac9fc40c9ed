//! Money over time: discounting and break-even.

/// The monthly rate equivalent to a yearly rate.
///
/// # Formula
///
/// ```text
/// i = (1 + y)^(1/12) - 1
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::finance::monthly_rate;
/// let i = monthly_rate(0.10);
/// assert_abs_diff_eq!((1.0 + i).powi(12), 1.10, epsilon = 1e-12);
/// ```
pub fn monthly_rate(yearly: f64) -> f64 {
    (1.0 + yearly).powf(1.0 / 12.0) - 1.0
}

/// Net present value of monthly flows, month 1 discounted by one month.
///
/// # Formula
///
/// ```text
/// NPV = Σ flows[m-1] / (1 + i)^m,   m = 1..n
/// ```
///
/// # Examples
///
/// ```
/// use approx::assert_abs_diff_eq;
/// use frontline::model::finance::npv;
/// assert_abs_diff_eq!(npv(0.01, &[101.0]), 100.0, epsilon = 1e-9);
/// assert_abs_diff_eq!(npv(0.0, &[1.0, 2.0, 3.0]), 6.0, epsilon = 1e-12);
/// ```
pub fn npv(monthly_rate: f64, flows: &[f64]) -> f64 {
    let growth = 1.0 + monthly_rate;
    flows
        .iter()
        .scan(1.0, |discount, flow| {
            *discount /= growth;
            Some(flow * *discount)
        })
        .sum()
}

/// The first 1-based month from which the cumulative sum of `flows` stays at or above zero, or
/// `None` when it ends below zero (not within the horizon) or there are no flows.
///
/// # Formula
///
/// ```text
/// break-even = min { m : Σ_{j<=k} flows[j] >= 0 for every k >= m }
/// ```
///
/// # Examples
///
/// ```
/// use frontline::model::finance::break_even_month;
/// assert_eq!(break_even_month(&[-100.0, 30.0, 30.0, 50.0]), Some(4));
/// assert_eq!(break_even_month(&[5.0, -10.0, 20.0]), Some(3)); // dips below zero in month 2
/// assert_eq!(break_even_month(&[1.0, 2.0]), Some(1));
/// assert_eq!(break_even_month(&[-5.0, 1.0]), None);
/// ```
pub fn break_even_month(flows: &[f64]) -> Option<usize> {
    let mut cumulative = 0.0;
    let mut from = None;
    for (index, flow) in flows.iter().enumerate() {
        cumulative += flow;
        if cumulative >= 0.0 {
            from.get_or_insert(index + 1);
        } else {
            from = None;
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn monthly_rate_of_zero_is_zero() {
        assert_eq!(monthly_rate(0.0), 0.0);
    }

    #[test]
    fn npv_discounts_each_month_once_more() {
        let i = 0.02;
        let value = npv(i, &[10.0, 10.0]);
        assert_abs_diff_eq!(
            value,
            10.0 / 1.02 + 10.0 / 1.02_f64.powi(2),
            epsilon = 1e-12
        );
        assert_eq!(npv(i, &[]), 0.0);
    }

    #[test]
    fn break_even_needs_the_sum_to_stay_non_negative() {
        assert_eq!(break_even_month(&[]), None);
        assert_eq!(break_even_month(&[0.0]), Some(1));
        assert_eq!(break_even_month(&[-1.0, 1.0, -1.0, 2.0]), Some(4));
        assert_eq!(
            break_even_month(&[-60.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]),
            Some(7)
        );
    }
}
