//! Cable headers as every archive prints them (issue 15): one fixture per shape of header
//! (tests/fixtures/headers, header text of real cables), and the fields `cablecat parse`
//! shows for it.

mod common;

use std::path::Path;

use cablecat::parse;
use common::scratch::{csv_rows, Scratch};
use rstest::rstest;
use serde_json::{json, Value};

/// What `cablecat parse FILE` prints for the file's document, as JSON.
fn parsed(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/headers")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let docs = parse::parse_bytes(&path, &bytes).unwrap();
    assert_eq!(docs.len(), 1, "{name}");
    serde_json::to_value(&docs[0]).unwrap()
}

fn addressees(doc: &Value, role: &str) -> Value {
    Value::Array(
        doc["addressees"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["role"] == role)
            .map(|a| a["name"].clone())
            .collect(),
    )
}

#[rstest]
// Labels in any case, and OCR-damaged.
#[case::label_title_case_tags("label_title_case_tags_continued.txt", "tags", json!(["PREL", "PGOV", "ECON", "PHUM", "RS", "UK"]))]
#[case::label_lower_case_eo_decl("label_title_case_tags_continued.txt", "declassify_on", json!("2014-01-07"))]
#[case::label_lower_case_tags("label_lower_case_tags.txt", "tags", json!(["PREL", "PGOV"]))]
#[case::label_eo_without_points_or_colon("label_lower_case_tags.txt", "declassify_on", json!("2007-03-05"))]
#[case::label_tag_singular("label_tag_singular.txt", "tags", json!(["PREL", "PGOV", "ECON", "PHUM", "RS", "UK"]))]
#[case::label_ags_first_letter_lost("label_ags_first_letter_lost_decl_two_digit_year.txt", "tags", json!(["PREL", "PGOV"]))]
#[case::label_decl_alone_two_digit_year("label_ags_first_letter_lost_decl_two_digit_year.txt", "declassify_on", json!("2008-06-30"))]
#[case::label_decl_alone_population_call_sheet("decl_alone_call_sheet.txt", "declassify_on", json!("2036-12-19"))]
#[case::web_page_tags_line_is_no_tags("web_page_tags_are_not_cable_tags.txt", "tags", json!([]))]
// Fields continued on the next line.
#[case::tags_codes_go_on_below("label_title_case_tags_continued.txt", "tags", json!(["PREL", "PGOV", "ECON", "PHUM", "RS", "UK"]))]
#[case::subject_over_two_lines("subject_two_lines_classified_by_name_on_next_line.txt", "subject", json!("(C) THE DEPUTY SECRETARY'S CONVERSATIdN WITH TURKISH FOREIGN.MINISTRY UNDER SECRETARY OYMEN"))]
#[case::subject_aligned_over_two_lines_then_memo_text("subject_memo_two_lines_then_text.txt", "subject", json!("Supreme Court Decision on the Patient Protection and Affordable Care Act (National Federation of Independent Businesses v. Sebelius)"))]
#[case::classified_by_name_on_next_line("subject_two_lines_classified_by_name_on_next_line.txt", "classified_by", json!("WILLIAM J. BURNS, EXECUTIVE SECRETARY, S/S, DEPARTMENT OF STATE"))]
#[case::classified_by_name_wrapped_mid_word("classified_by_name_wrapped_mid_word.txt", "classified_by", json!("Interagency Provincial Affairs Deputy Coordinator Hoyt Yee"))]
#[case::classified_by_reason_wrapped_mid_word("classified_by_reason_wrapped_mid_word.txt", "classified_by", json!("Political Minister Counselor Susan M. Elliott"))]
#[case::classified_by_reason_on_next_line("classified_by_reason_on_next_line.txt", "classified_by", json!("MARY WARLICK, DIRECTOR, EUR/WST"))]
#[case::subject_two_lines_before_classified_by("classified_by_reason_on_next_line.txt", "subject", json!("MOLDOVAN AMBASSADOR-DESIGNATE CESLAV CIOBANU: PRESENTATION OF COPIES OF CREDENTIALS"))]
#[case::classified_by_name_then_comma("classified_by_name_ends_with_comma.txt", "classified_by", json!("JOYCE B. RABENS"))]
// Fields run together on one line: each label ends the field before it.
#[case::eo_decl_then_tags("eo_decl_and_tags_run_together.txt", "tags", json!(["PREL", "PGOV"]))]
#[case::eo_decl_before_tags("eo_decl_and_tags_run_together.txt", "declassify_on", json!("2026-10-18"))]
#[case::tags_then_subject("tags_subject_ref_on_one_line.txt", "tags", json!(["PREL", "PGOV"]))]
#[case::subject_then_ref("tags_subject_ref_on_one_line.txt", "subject", json!("ENERGY INSTALLATIONS"))]
#[case::ref_after_subject("tags_subject_ref_on_one_line.txt", "references", json!([{"text": "BRASILIA 861", "label": null, "cable_id": null}]))]
#[case::subject_then_classified_by("subject_then_classified_by_on_one_line.txt", "subject", json!("ENERGY INSTALLATIONS"))]
#[case::classified_by_after_subject_jr_keeps_period("subject_then_classified_by_on_one_line.txt", "classified_by", json!("Ambassador Robert O. Blake, Jr."))]
#[case::eo_na_then_tags("tags_codes_run_together.txt", "declassify_on", json!(null))]
// Tags.
#[case::tags_commas_and_ovip("tags_ovip_commas.txt", "tags", json!(["OVIP", "PREL", "SL"]))]
#[case::tags_sipdis_is_not_a_tag("tags_handling_word_after_codes.txt", "tags", json!(["PREL", "PGOV", "ECON"]))]
#[case::tags_ocr_digits_for_letters("tags_ocr_digits_for_letters.txt", "tags", json!(["PREL", "PGOV", "UNSC", "SY", "JO", "UT", "LE", "IZ"]))]
#[case::tags_person_after_ovip_keeps_codes("tags_ovip_person_then_codes.txt", "tags", json!(["OVIP", "CLINTON, HILLARY", "PREL"]))]
#[case::tags_codes_run_together_split_by_vocabulary("tags_codes_run_together.txt", "tags", json!(["KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG"]))]
// Classified by no person.
#[case::classified_by_section_no_person("classified_by_section_no_person.txt", "classified_by", json!(null))]
#[case::classified_by_line_added_no_person("classified_by_line_added_no_person.txt", "classified_by", json!(null))]
// Addressee blocks.
#[case::page_header_between_address_lines("address_page_header_between_lines.txt", "to", json!(["ALL DIPLOMATIC POSTS COLLECTIVE", "AMEMBASSY TRIPOLI"]))]
#[case::routing_indicator_not_in_name("address_routing_indicator_before_station.txt", "info", json!(["AMEMBASSY ATHENS"]))]
#[case::address_lines_without_dtg("address_routing_indicator_before_station.txt", "to", json!(["AMEMBASSY NEW DELHI"]))]
#[case::xmt_stations_are_not_addressees("address_xmt_excluded_stations.txt", "to", json!(["ALL DIPLOMATIC POSTS COLLECTIVE"]))]
fn header_shape(#[case] file: &str, #[case] field: &str, #[case] want: Value) {
    let doc = parsed(file);
    let got = match field {
        "to" | "info" => addressees(&doc, field),
        _ => doc[field].clone(),
    };
    assert_eq!(got, want, "{file}: {field}");
}

#[test]
fn routing_indicator_kept_beside_the_station() {
    let doc = parsed("address_routing_indicator_before_station.txt");
    let athens = doc["addressees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "AMEMBASSY ATHENS")
        .unwrap();
    assert_eq!(athens["routing_indicator"], "RUEHTH");
    let delhi = doc["addressees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "AMEMBASSY NEW DELHI")
        .unwrap();
    assert_eq!(delhi.get("routing_indicator"), None);
}

#[test]
fn routing_indicator_in_the_catalog() {
    let s = Scratch::new();
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/headers/address_routing_indicator_before_station.txt");
    s.ok(&["import", file.to_str().unwrap()]);
    let out = s.ok(&[
        "sql",
        "SELECT role, name, routing_indicator FROM addressees ORDER BY seq",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv_rows(&out),
        [
            vec!["to", "AMEMBASSY NEW DELHI", ""],
            vec!["info", "AMEMBASSY ATHENS", "RUEHTH"],
        ]
    );
}
