use super::*;
use crate::model::{ActionItem, Severity};

fn postmortem() -> PostMortem {
    PostMortem {
        id: "PM-2026-0001".into(),
        title: "Checkout outage 🔥 \u{0} \u{2028} עברית".into(),
        severity: Severity::Sev1,
        summary: "Payments timed out for 40 minutes. ".repeat(30),
        action_items: (1..=5)
            .map(|n| ActionItem {
                id: format!("PM-2026-0001-{n:02}"),
                title: format!("Add an alert on payment gateway timeouts #{n}"),
                owner: "Dana".into(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn kind(text: &str) -> ShardErrorKind {
    match decode_postmortem(text) {
        Ok(pm) => panic!("decoded {text:?} to {pm:?}"),
        Err(e) => e.kind,
    }
}

fn damaged(text: &str) -> String {
    match kind(text) {
        ShardErrorKind::Damaged(detail) => detail,
        other => panic!("expected Damaged, got {other:?}"),
    }
}

#[test]
fn round_trips_and_stays_in_the_packed_range() {
    let pm = postmortem();
    let shard = encode_postmortem(&pm);
    assert!(shard.starts_with("ft1:"), "{shard}");
    let body = shard.splitn(3, ':').nth(2).unwrap();
    assert!(body.chars().all(|c| ('\u{0800}'..='\u{87FF}').contains(&c)));
    // One UTF-16 unit per packed character.
    assert_eq!(body.encode_utf16().count(), body.chars().count());
    assert_eq!(decode_postmortem(&shard), Ok(pm.clone()));
    // Smaller than the JSON, in UTF-16 units.
    let json = serde_json::to_string(&pm).unwrap();
    assert!(shard.encode_utf16().count() * 2 < json.encode_utf16().count());
    assert_eq!(
        decode_postmortem(&encode_postmortem(&PostMortem::default())),
        Ok(PostMortem::default())
    );
}

#[test]
fn packing_round_trips_every_length() {
    for n in 0..64usize {
        let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 255) as u8).collect();
        let packed = pack(&bytes);
        assert_eq!(
            packed,
            format!("ft1:{n}:{}", packed.splitn(3, ':').nth(2).unwrap())
        );
        assert_eq!(
            packed.chars().count() - format!("ft1:{n}:").len(),
            (n * 8).div_ceil(15)
        );
        assert_eq!(unpack(&packed), Ok(bytes), "{n} bytes");
    }
}

#[test]
fn reads_a_plain_json_shard() {
    let pm = postmortem();
    let json = serde_json::to_string(&pm).unwrap();
    assert_eq!(decode_postmortem(&json), Ok(pm.clone()));
    assert_eq!(decode_postmortem(&format!(" \n{json}")), Ok(pm));
    assert_eq!(
        decode_postmortem(r#"{"id":"a","title":"b"}"#).map(|pm| pm.title),
        Ok("b".to_string())
    );
}

#[test]
fn a_json_error_names_the_place_and_keeps_the_text() {
    let json = r#"{"id":"a","title":"b","action_items":[{"id":"c","title":"d","impact":7}]}"#;
    let expected = ShardError {
        kind: ShardErrorKind::Unreadable(
            "action_items[0].impact: expected 1–4, found 7 (line 1, column 70)".into(),
        ),
        decoded: Some(json.to_string()),
    };
    assert_eq!(decode_postmortem(json), Err(expected.clone()));
    assert_eq!(
        expected.to_string(),
        "the stored post-mortem cannot be read: action_items[0].impact: expected 1–4, found 7 (line 1, column 70)"
    );
    // The same through the compressed form: the inflated JSON comes back to download.
    let packed = pack(&miniz_oxide::deflate::compress_to_vec(
        json.as_bytes(),
        LEVEL,
    ));
    assert_eq!(decode_postmortem(&packed), Err(expected));
}

/// Text after the post-mortem is refused, as for a whole stored workspace (plain or
/// compressed): it is a damaged value, not one to read part of.
#[test]
fn text_after_the_post_mortem_is_refused_with_its_place() {
    let json = r#"{"id":"a","title":"b"} x"#;
    let expected = ShardError {
        kind: ShardErrorKind::Unreadable("trailing characters (line 1, column 24)".into()),
        decoded: Some(json.to_string()),
    };
    assert_eq!(decode_postmortem(json), Err(expected.clone()));
    let packed = pack(&miniz_oxide::deflate::compress_to_vec(
        json.as_bytes(),
        LEVEL,
    ));
    assert_eq!(decode_postmortem(&packed), Err(expected));
    // Whitespace after it is fine.
    assert!(decode_postmortem("{\"id\":\"a\",\"title\":\"b\"} \n").is_ok());
}

#[test]
fn refuses_what_is_not_a_shard() {
    for text in [
        "",
        "hello",
        "ft1",
        "[1,2]",
        "null",
        "\"x\"",
        "xx:1:",
        "ft:1:",
        "FT1:1:ࠀ",
    ] {
        assert_eq!(kind(text), ShardErrorKind::NotAShard, "{text:?}");
    }
    assert_eq!(
        decode_postmortem("hello").unwrap_err().to_string(),
        "not a Followthrough shard"
    );
    assert_eq!(
        kind("ft2:5:ࠀࠀࠀ"),
        ShardErrorKind::UnknownFormat("ft2".into())
    );
    assert!(decode_postmortem("ft2:5:")
        .unwrap_err()
        .to_string()
        .contains("format “ft2”"));
}

#[test]
fn header_damage_is_reported() {
    let shard = encode_postmortem(&postmortem());
    let body = shard.splitn(3, ':').nth(2).unwrap();
    let n: usize = shard.split(':').nth(1).unwrap().parse().unwrap();
    assert_eq!(damaged("ft1:"), "the header has no length");
    assert_eq!(damaged("ft1:12"), "the header has no length");
    assert_eq!(
        damaged(&format!("ft1:x{n}:{body}")),
        format!("the header's length “x{n}” is not a byte count")
    );
    assert!(damaged(&format!("ft1:+{n}:{body}")).contains("not a byte count"));
    assert!(damaged(&format!("ft1:-1:{body}")).contains("not a byte count"));
    assert!(damaged("ft1:99999999999999999999999:").contains("not a byte count"));
    assert!(damaged(&format!("ft1:{}:", usize::MAX)).contains("impossible"));
    // A length that does not match the characters, either way.
    for wrong in [n - 2, n + 2, n * 3, 0] {
        let detail = damaged(&format!("ft1:{wrong}:{body}"));
        assert!(
            detail.starts_with("length: the header says"),
            "{wrong}: {detail}"
        );
    }
    // A huge promised length is refused before allocating for it.
    assert!(damaged(&format!("ft1:{}:ࠀ", usize::MAX / 16)).starts_with("length:"));
    // One byte off can land within the same character count: then the padding or the
    // inflater catches it.
    assert!(decode_postmortem(&format!("ft1:{}:{body}", n - 1)).is_err());
}

#[test]
fn truncated_and_extended_text_is_reported() {
    let shard = encode_postmortem(&postmortem());
    let units = shard.chars().count();
    for keep in [units - 1, units - 7, units / 2, 10, 7, 5] {
        let cut: String = shard.chars().take(keep).collect();
        assert!(decode_postmortem(&cut).is_err(), "kept {keep} of {units}");
    }
    let cut: String = shard.chars().take(units - 1).collect();
    let header = shard.len() - shard.splitn(3, ':').nth(2).unwrap().len();
    let detail = damaged(&cut);
    assert!(detail.starts_with("length: the header says"), "{detail}");
    assert!(
        detail.ends_with(&format!("found {} characters", units - 1 - header)),
        "{detail}"
    );
    assert!(damaged(&format!("{shard}ࠀ")).starts_with("length: the header says"));
    assert_eq!(
        decode_postmortem(&cut).unwrap_err().to_string(),
        format!("the stored data is damaged ({})", damaged(&cut))
    );
}

#[test]
fn a_character_outside_the_range_is_reported() {
    let shard = encode_postmortem(&postmortem());
    let body = shard.splitn(3, ':').nth(2).unwrap();
    let header = &shard[..shard.len() - body.len()];
    let mut chars: Vec<char> = body.chars().collect();
    // A lone surrogate cannot be in a Rust string: wasm-bindgen turns one into U+FFFD on
    // its way from JS. A character past the range, and a pair (emoji), likewise.
    for bad in ['\u{FFFD}', '\u{D7FF}', '\u{87FF}', '😀', 'a', '\u{7FF}'] {
        let keep = chars[3];
        chars[3] = bad;
        let text = format!("{header}{}", chars.iter().collect::<String>());
        chars[3] = keep;
        if ('\u{0800}'..='\u{87FF}').contains(&bad) {
            continue;
        }
        assert_eq!(
            damaged(&text),
            format!(
                "character 4 is U+{:04X}, outside the packed range U+0800–U+87FF",
                u32::from(bad)
            )
        );
    }
}

#[test]
fn deflate_damage_is_reported() {
    // Bytes that are not a DEFLATE stream (block type 3 is invalid).
    let detail = damaged(&pack(&[0xFF, 0xFF, 0xFF, 0xFF]));
    assert_eq!(detail, "deflate: invalid compressed data");
    assert_eq!(
        decode_postmortem(&pack(&[0xFF, 0xFF]))
            .unwrap_err()
            .to_string(),
        "the stored data is damaged (deflate: invalid compressed data)"
    );
    // A stream cut short, re-packed with a consistent header.
    let compressed =
        miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&postmortem()).unwrap(), LEVEL);
    let detail = damaged(&pack(&compressed[..compressed.len() / 2]));
    assert_eq!(detail, "deflate: the compressed data ends early");
    // Inflates to bytes that are not UTF-8: damaged, with the text kept (lossily).
    let err = decode_postmortem(&pack(&miniz_oxide::deflate::compress_to_vec(
        b"{\"id\":\"\xFF\"}",
        LEVEL,
    )))
    .unwrap_err();
    assert_eq!(
        err.kind,
        ShardErrorKind::Damaged("the inflated data is not UTF-8 text (byte 7)".into())
    );
    assert_eq!(err.decoded.as_deref(), Some("{\"id\":\"\u{FFFD}\"}"));
    // Inflates to text that is not JSON.
    let err = decode_postmortem(&pack(&miniz_oxide::deflate::compress_to_vec(
        b"not json",
        1,
    )))
    .unwrap_err();
    assert!(matches!(err.kind, ShardErrorKind::Unreadable(_)), "{err:?}");
    assert_eq!(err.decoded.as_deref(), Some("not json"));
}

#[test]
fn flipped_characters_never_panic() {
    let shard = encode_postmortem(&postmortem());
    let chars: Vec<char> = shard.chars().collect();
    for at in 0..chars.len() {
        for delta in [1u32, 0x40, 0x4000] {
            let mut flipped = chars.clone();
            let c = u32::from(flipped[at]) ^ delta;
            flipped[at] = char::from_u32(c).unwrap_or('\u{FFFD}');
            let _ = decode_postmortem(&flipped.iter().collect::<String>());
        }
    }
}
