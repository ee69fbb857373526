//! The arithmetic the metrics share: fractions, ratios, mean, median and the nearest-rank
//! percentile.

/// `part / whole`, or `None` when there is nothing to divide by.
pub(super) fn fraction(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// created / closed; unbounded when something was created and nothing closed.
pub(super) fn ratio(created: usize, closed: usize) -> Option<f64> {
    match (created, closed) {
        (0, 0) => None,
        (_, 0) => Some(f64::INFINITY),
        _ => Some(created as f64 / closed as f64),
    }
}

pub(super) fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| *v as f64).sum::<f64>() / values.len() as f64)
}

pub(super) fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    crate::order::sort(&mut sorted);
    let n = sorted.len();
    let upper = *sorted.get(n / 2)?;
    if n % 2 == 1 {
        Some(upper as f64)
    } else {
        let lower = *sorted.get(n / 2 - 1)?;
        Some((lower as f64 + upper as f64) / 2.0)
    }
}

/// Nearest-rank percentile of ascending `sorted`: the ⌈p·n/100⌉-th value (1-based).
pub fn nearest_rank(sorted: &[i64], percent: usize) -> Option<i64> {
    let n = sorted.len();
    let rank = n.checked_mul(percent.min(100))?.div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}
