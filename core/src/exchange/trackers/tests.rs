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
