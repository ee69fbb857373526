use super::csv_export::{csv_text, us_date};
use super::*;
use proptest::prelude::*;

/// What the `csv` crate's writer made of the rows (CRLF, quotes only where needed).
fn crate_csv(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(false)
        .from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| defuse_cell(cell).into_owned()))
            .unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn csv_is_written_as_the_csv_crate_writes_it() {
    let cases: Vec<Vec<Vec<String>>> = vec![
        vec![vec!["a".into(), "b".into()], vec!["1".into(), "2".into()]],
        vec![vec!["".into()], vec!["x".into()]],
        vec![vec!["".into(), "".into()]],
        vec![vec![
            "say \"hi\"".into(),
            "a,b".into(),
            "line\nbreak".into(),
            "cr\rhere".into(),
            "=SUM(A1)".into(),
            "-1".into(),
            "naïve — ünïcode".into(),
        ]],
    ];
    for rows in cases {
        assert_eq!(csv_text(&rows), crate_csv(&rows));
    }
}

proptest! {
    #[test]
    fn any_cells_are_written_as_the_csv_crate_writes_them(
        width in 1usize..4,
        cells in proptest::collection::vec("[a-c ,\"\r\n=+@\t'-]{0,6}", 0..12),
    ) {
        let rows: Vec<Vec<String>> = cells.chunks(width).filter(|c| c.len() == width).map(<[String]>::to_vec).collect();
        prop_assert_eq!(csv_text(&rows), crate_csv(&rows));
    }
}

proptest! {
    /// `us_date` writes what `format("%m/%d/%Y")` writes, over chrono's whole range.
    #[test]
    fn us_date_is_chronos_strftime(days in -100_000_000i64..100_000_000) {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(days)))
            .unwrap_or(chrono::NaiveDate::MAX);
        prop_assert_eq!(us_date(date), date.format("%m/%d/%Y").to_string());
    }
}

#[test]
fn us_date_at_the_edges() {
    for date in [chrono::NaiveDate::MIN, chrono::NaiveDate::MAX] {
        assert_eq!(us_date(date), date.format("%m/%d/%Y").to_string());
    }
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    assert_eq!(us_date(date), "03/09/2026");
    let date = chrono::NaiveDate::from_ymd_opt(999, 12, 31).unwrap();
    assert_eq!(us_date(date), "12/31/0999");
}
