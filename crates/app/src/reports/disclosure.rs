//! Statistical disclosure control: which counts may be shown.
//!
//! A count of people under [`MIN_CELL`] could point at one family, so it is hidden (primary
//! suppression). When a total is shown beside its parts, one hidden part could be recovered by
//! subtraction, so more parts are hidden until that is impossible (secondary suppression).

/// The smallest count of people a report shows.
pub const MIN_CELL: i64 = 5;

/// Which cells of one breakdown to hide, given that their total is shown. Primary: every cell
/// under [`MIN_CELL`] (empty cells included: "none" is shown as a hidden count, not as zero, so
/// that an empty cell cannot narrow down the others). Secondary: cells are hidden, smallest first,
/// until at least two are hidden and together they hold at least [`MIN_CELL`] people.
pub fn suppressed_cells(counts: &[i64]) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|count| *count < MIN_CELL).collect();
    if !hidden.contains(&true) {
        return hidden;
    }
    loop {
        let hidden_cells = hidden.iter().filter(|h| **h).count();
        let hidden_people: i64 = counts
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|(c, _)| c)
            .sum();
        if hidden_cells >= 2 && hidden_people >= MIN_CELL {
            return hidden;
        }
        let next = counts
            .iter()
            .enumerate()
            .filter(|(index, _)| !hidden[*index])
            .min_by_key(|(_, count)| **count)
            .map(|(index, _)| index);
        match next {
            Some(index) => hidden[index] = true,
            None => return hidden,
        }
    }
}

/// The counts with hidden cells as `None`.
pub fn shown_counts(counts: &[i64]) -> Vec<Option<i64>> {
    counts
        .iter()
        .zip(suppressed_cells(counts))
        .map(|(count, hidden)| (!hidden).then_some(*count))
        .collect()
}

/// Age groups used in every disaggregation, by age in whole years at the reference year.
pub fn age_group(birth_year: Option<i64>, reference_year: i64) -> &'static str {
    match birth_year.map(|year| reference_year - year) {
        None => "unknown",
        Some(age) if age < 18 => "0-17",
        Some(age) if age < 25 => "18-24",
        Some(age) if age < 35 => "25-34",
        Some(age) if age < 50 => "35-49",
        Some(_) => "50+",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cells_and_a_derivable_neighbour_are_hidden() {
        assert_eq!(suppressed_cells(&[10, 12, 7]), vec![false, false, false]);
        assert_eq!(suppressed_cells(&[10, 3, 7]), vec![false, true, true]);
        assert_eq!(
            suppressed_cells(&[10, 1, 2, 8]),
            vec![false, true, true, true]
        );
        assert_eq!(suppressed_cells(&[10, 2, 3]), vec![false, true, true]);
        assert_eq!(suppressed_cells(&[3]), vec![true]);
        assert_eq!(shown_counts(&[9, 4, 6]), vec![Some(9), None, None]);
    }

    #[test]
    fn age_groups_follow_birth_years() {
        assert_eq!(age_group(Some(2010), 2026), "0-17");
        assert_eq!(age_group(Some(1990), 2026), "35-49");
        assert_eq!(age_group(None, 2026), "unknown");
    }
}
