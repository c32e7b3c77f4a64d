//! One fixture per shape of real release (tests/fixtures, real text from the corpus), named
//! for the quirk it holds, and the fields a librarian reads off it.

mod common;

use std::path::{Path, PathBuf};

use cablecat::model::{Document, ParagraphKind};
use cablecat::parse;
use common::{field, same};
use rstest::rstest;
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn parse_fixture(name: &str) -> Document {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    let mut docs = parse::parse_bytes(&path, &bytes).unwrap();
    assert_eq!(docs.len(), 1, "{name}");
    docs.remove(0)
}

#[rstest]
#[case::five_line_benghazi_banner("banner_five_line_benghazi.txt", "doc_no", json!("C05739793"))]
#[case::five_line_benghazi_banner_case("banner_five_line_benghazi.txt", "case_no", json!("F-2015-04841"))]
#[case::five_line_benghazi_banner_date("banner_five_line_benghazi.txt", "release_date", json!("2015-05-14"))]
#[case::b3_cia_pers_org("banner_five_line_benghazi.txt", "exemptions", json!(["b3", "b6"]))]
#[case::stamp_split_around_banner_date("stamp_split_around_banner_date.txt", "release_status", json!("part"))]
#[case::stamp_split_codes("stamp_split_around_banner_date.txt", "exemptions", json!(["b6"]))]
#[case::release_in_fulli("stamp_ocr_release_in_fulli.txt", "release_status", json!("full"))]
#[case::banner_date_with_underscore("stamp_ocr_release_in_fulli.txt", "release_date", json!("2015-06-30"))]
#[case::empty_subject_re("stamp_ocr_release_in_fulli.txt", "subject", json!("Re:"))]
#[case::code_ocr_dy("stamp_ocr_dy_and_reviewer_class.txt", "exemptions", json!(["1.4(b)", "1.4(d)", "b1"]))]
#[case::reviewer_class_on_email("stamp_ocr_dy_and_reviewer_class.txt", "classification", json!("CONFIDENTIAL"))]
#[case::reviewer_stamp_in_second_column("reviewer_stamp_two_columns.txt", "exemptions", json!(["1.4(c)", "b1", "b3", "b6"]))]
#[case::reviewer_stamp_class("reviewer_stamp_two_columns.txt", "classification", json!("CONFIDENTIAL"))]
#[case::routing_after_body_origin("telegram_routing_after_body.txt", "origin", json!("SECSTATE WASHDC"))]
#[case::routing_after_body_cable_id("telegram_routing_after_body.txt", "cable_id", json!("96STATE99063"))]
#[case::routing_after_body_tags("telegram_routing_after_body.txt", "tags", json!(["PREL", "MARR", "PARM", "PINR", "APECO", "EALD", "XV", "NZ", "US"]))]
#[case::routing_after_body_decl("telegram_routing_after_body.txt", "declassify_on", json!("2006-05-01"))]
#[case::routing_after_body_repeat_has_no_to("telegram_routing_after_body.txt", "to", json!([]))]
#[case::dtg_z_read_as_2("telegram_ocr_dtg_and_truncated_station.txt", "sent_at", json!("1996-10-15T13:30Z"))]
#[case::serial_under_truncated_station("telegram_ocr_dtg_and_truncated_station.txt", "cable_id", json!("96FREETOWN4003"))]
#[case::two_action_addressees("telegram_ocr_dtg_and_truncated_station.txt", "to", json!(["SECSTATE WASHDC", "SECDEF WASHDC"]))]
#[case::classification_from_portion_mark("telegram_ocr_dtg_and_truncated_station.txt", "classification", json!("CONFIDENTIAL"))]
#[case::reason_split_over_lines("telegram_ocr_dtg_and_truncated_station.txt", "exemptions", json!(["1.5(b)", "1.5(d)"]))]
#[case::dtg_prosign_speck_zone_read_as_2("telegram_ocr_prosign_speck_zone_read_as_2.txt", "sent_at", json!("1996-11-27T20:23Z"))]
#[case::dtg_prosign_speck_precedence("telegram_ocr_prosign_speck_zone_read_as_2.txt", "precedence", json!("IMMEDIATE"))]
#[case::dtg_prosign_speck_cable_id("telegram_ocr_prosign_speck_zone_read_as_2.txt", "cable_id", json!("96STATE245206"))]
#[case::smart_dtg_zone_read_as_7("smart_dtg_zone_read_as_7.txt", "sent_at", json!("2012-02-03T18:49Z"))]
#[case::smart_dtg_zone_read_as_percent("smart_dtg_zone_read_as_percent.txt", "sent_at", json!("2011-12-28T12:21Z"))]
#[case::dtg_zone_read_as_two_characters("telegram_ocr_zone_read_as_two_characters.txt", "sent_at", json!("1996-11-13T22:50Z"))]
#[case::dtg_zone_read_as_two_characters_cable_id("telegram_ocr_zone_read_as_two_characters.txt", "cable_id", json!("96STATE235297"))]
#[case::dtg_zero_for_o("telegram_dtg_zero_for_o.txt", "precedence", json!("IMMEDIATE"))]
#[case::paragraph_opened_by_paren("telegram_dtg_zero_for_o.txt", "paragraph_count", json!(8))]
#[case::spaced_classification("telegram_spaced_classification_repeat.txt", "classification", json!("CONFIDENTIAL"))]
#[case::subject_stops_at_classified_by("telegram_spaced_classification_repeat.txt", "subject", json!("DEPUTY SECRETARY TELLS FM TOKAYEV IF ELECTION WILL NOT BE POSTPONED, U.S. WANTS IMPROVED PREPARATION"))]
#[case::paragraph_numbers_lost_to_ocr("paragraph_numbers_lost_to_ocr.txt", "paragraph_count", json!(8))]
#[case::paragraph_numbers_lost_gap_not_filled("paragraph_numbers_lost_gap_not_filled.txt", "paragraph_count", json!(8))]
#[case::ocr_paragraph_numbers("paragraph_ocr_numbers_p4_g.txt", "paragraph_count", json!(7))]
#[case::anenbassy("paragraph_ocr_numbers_p4_g.txt", "to", json!(["AMEMBASSY SEOUL"]))]
#[case::decl_after_an_event("paragraph_ocr_numbers_p4_g.txt", "declassify_on", json!(null))]
#[case::smart_email_type("smart_cable_in_email.txt", "doc_type", json!("email"))]
#[case::smart_email_sender("smart_cable_in_email.txt", "origin", json!("MCHALE, JUDITH A"))]
#[case::smart_cable_id("smart_cable_in_email.txt", "cable_id", json!("10BERLIN1052"))]
#[case::smart_dtg("smart_cable_in_email.txt", "sent_at", json!("2010-08-03T14:06Z"))]
#[case::smart_action("smart_cable_in_email.txt", "to", json!(["WASHDC, SECSTATE"]))]
#[case::smart_precedence("smart_cable_in_email.txt", "precedence", json!("IMMEDIATE"))]
#[case::labels_above_values("smart_labels_above_values.txt", "cable_id", json!("10KINSHASA956"))]
#[case::labels_above_values_dtg("smart_labels_above_values.txt", "sent_at", json!("2010-07-22T17:10Z"))]
#[case::email_subject_wraps("smart_labels_above_values.txt", "subject", json!("Fw: FW: Chargé receives family of slain human rights activist to express sympathy and reaffirm USG commitment to bringing killers to justice"))]
#[case::action_across_page_break("smart_action_split_by_page_banner.txt", "to", json!(["WASHDC, SECSTATE", "SECDEF WASHINGTON DC", "LONDON, AMEMBASSY", "PARIS, AMEMBASSY", "MOSCOW, AMEMBASSY", "USUN NEW YORK, USMISSION", "USNATO, USMISSION", "WHITE HOUSE WASHINGTON DC", "JOINT STAFF WASHINGTON DC", "USPACOM HONOLULU HI", "NATIONAL SECURITY COUNCIL WASHINGTON DC", "HQ USCENTCOM MACDILL AFB FL", "DIA WASHINGTON DC"]))]
#[case::ocr_cc_read_as_ce_keeps_the_subject("smart_email_ocr_cc_and_dtg_z.txt", "subject", json!("FW: PA Germany Restructuring"))]
#[case::ocr_date_dtg_z_read_as_2("smart_email_ocr_cc_and_dtg_z.txt", "sent_at", json!("2010-08-03T14:06Z"))]
#[case::date_dtg_label_ocr("smart_date_dtg_label_ocr.txt", "sent_at", json!("2012-06-08T02:17Z"))]
#[case::lettered_items_are_not_paragraphs("smart_lettered_items_not_paragraphs.txt", "paragraph_count", json!(5))]
#[case::precedence_glued_to_post("smart_lettered_items_not_paragraphs.txt", "to", json!(["MONROVIA, AMEMBASSY"]))]
#[case::draft_precedence("draft_telegram_address_lines.txt", "precedence", json!("IMMEDIATE"))]
#[case::draft_date("draft_telegram_address_lines.txt", "doc_date", json!("2009-08-24"))]
#[case::draft_is_a_cable("draft_telegram_address_lines.txt", "doc_type", json!("cable"))]
#[case::email_sent_label_ocr_damaged("email_sent_label_ocr_damaged.txt", "doc_type", json!("email"))]
#[case::email_sent_label_ocr_damaged_date("email_sent_label_ocr_damaged.txt", "doc_date", json!("2009-09-18"))]
#[case::letter("letter_ocr_year.txt", "doc_type", json!("letter"))]
#[case::letter_ocr_year("letter_ocr_year.txt", "doc_date", json!("1994-01-24"))]
#[case::sent_line_ocr_split_month("email_sent_line_ocr_split_month.txt", "doc_date", json!("2009-09-24"))]
#[case::sent_line_ocr_dropped_letters("email_sent_line_ocr_dropped_letters.txt", "doc_date", json!("2010-02-03"))]
#[case::sent_line_year_and_hour_run_together("email_sent_line_year_and_hour_run_together.txt", "doc_date", json!("2011-05-12"))]
#[case::sent_line_lost_date_from_thread("email_sent_line_lost_date_from_thread.txt", "doc_date", json!("2010-02-19"))]
#[case::sent_line_wrapped("email_sent_line_wrapped.txt", "doc_date", json!("2012-01-06"))]
#[case::sent_line_wrapped_keeps_subject("email_sent_line_wrapped.txt", "subject", json!("FW: HRC friend"))]
#[case::email_subject_empty_body_follows("email_subject_empty_body_follows.txt", "subject", json!(null))]
#[case::email_subject_empty_sender_kept("email_subject_empty_body_follows.txt", "origin", json!("HUMA ABEDIN"))]
#[case::email_subject_only_fw("email_sent_line_lost_date_from_thread.txt", "subject", json!("Fw:"))]
#[case::private_memo_type("memo_for_from_re_writers_heading.txt", "doc_type", json!("memo"))]
#[case::private_memo_sender("memo_for_from_re_writers_heading.txt", "origin", json!("SID"))]
#[case::private_memo_date_line("memo_for_from_re_writers_heading.txt", "doc_date", json!("2011-02-22"))]
#[case::private_memo_re_is_subject("memo_for_from_re_writers_heading.txt", "subject", json!("Intel on Gaddafi's reinforcements"))]
#[case::private_memo_for_is_addressee("memo_for_from_re_writers_heading.txt", "to", json!(["HILLARY"]))]
#[case::private_memo_heading_not_classification("memo_for_from_re_writers_heading.txt", "classification", json!("UNCLASSIFIED"))]
#[case::private_memo_reviewer_class("memo_for_from_re_reviewer_class.txt", "classification", json!("CONFIDENTIAL"))]
#[case::private_memo_reviewer_class_date("memo_for_from_re_reviewer_class.txt", "doc_date", json!("2009-10-11"))]
#[case::memo_heading_names_addressee("memo_heading_addressee_wrapped_subject.txt", "to", json!(["CHERYL MILLS"]))]
#[case::memo_date_label("memo_heading_addressee_wrapped_subject.txt", "doc_date", json!("2012-06-08"))]
#[case::memo_subject_wraps_aligned("memo_heading_addressee_wrapped_subject.txt", "subject", json!("New Candidates for Advisory Committee on International Economic Policy (ACIEP)"))]
#[case::memo_from_wraps_aligned("memo_wrapped_from_two_offices.txt", "origin", json!("ECA — MAURA PALLY; EAP — KURT CAMPBELL"))]
#[case::office_memo_classification_line("memo_wrapped_from_two_offices.txt", "classification", json!("UNCLASSIFIED"))]
#[case::memo_pastes_an_email_exchange("memo_pastes_an_email_exchange.txt", "doc_type", json!("memo"))]
#[case::memo_pastes_an_email_exchange_sender("memo_pastes_an_email_exchange.txt", "origin", json!("SID"))]
#[case::memo_date_label_is_no_sent_line("memo_to_from_date_subject_not_an_email.txt", "doc_type", json!("memo"))]
#[case::memo_date_label_is_no_sent_line_date("memo_to_from_date_subject_not_an_email.txt", "doc_date", json!("2010-08-11"))]
#[case::memo_subject_stops_before_an_indented_paragraph("memo_to_from_date_subject_not_an_email.txt", "subject", json!("Symbion Power, LLC: Iraq Reconstruction Projects and Claims Status"))]
#[case::routing_slip_is_not_a_memo("routing_slip_not_a_memo.txt", "doc_type", json!("other"))]
#[case::numbering_restarts("paragraph_numbers_restart.txt", "paragraph_count", json!(19))]
#[case::heading_not_classification("email_confidential_heading_not_classification.txt", "classification", json!("UNCLASSIFIED"))]
#[case::windows_1252("encoding_windows_1252_crlf.txt", "subject", json!("Fw: FW: Chargé receives family of slain human rights activist to express sympathy and reaffirm USG commitment to bringing killers to justice"))]
#[case::utf8_bom_crlf_formfeed("encoding_utf8_bom_crlf_formfeed.txt", "cable_id", json!("98STATE234299"))]
#[case::utf8_bom_crlf_formfeed_from("encoding_utf8_bom_crlf_formfeed.txt", "origin", json!("SECSTATE WASHDC"))]
#[case::image_only("image_only_empty.txt", "doc_type", json!(null))]
#[case::frus_cable_id("frus_telegram.tei.xml", "cable_id", json!("73CAPETOWN345"))]
#[case::frus_source_note("frus_telegram.tei.xml", "classification", json!("CONFIDENTIAL"))]
#[case::frus_local_time("frus_local_time.tei.xml", "sent_at", json!("1946-02-22T18:00Z"))]
#[case::frus_opener_classification("frus_local_time.tei.xml", "classification", json!("SECRET"))]
#[case::stripped_portion_marks_garbled("stripped_portion_marks_garbled.txt", "paragraph_count", json!(8))]
#[case::stripped_routing_block_ends_last_paragraph("stripped_routing_block_ends_last_paragraph.txt", "paragraph_count", json!(10))]
#[case::stripped_ocr_paragraph_numbers_p4_g("stripped_ocr_paragraph_numbers_p4_g.txt", "paragraph_count", json!(7))]
#[case::stripped_lost_first_number("stripped_lost_first_number.txt", "paragraph_count", json!(9))]
#[case::stripped_paragraphs_numbered_again("stripped_paragraphs_numbered_again.txt", "paragraph_count", json!(19))]
#[case::stripped_draft_precedence("stripped_draft_telegram_address_lines.txt", "precedence", json!("IMMEDIATE"))]
#[case::stripped_draft_date_without_slashes("stripped_draft_telegram_address_lines.txt", "doc_date", json!("2009-08-24"))]
#[case::stripped_printed_by_header_classification("stripped_printed_by_header_classification.txt", "classification", json!("CONFIDENTIAL"))]
#[case::stripped_printed_by_header_precedence("stripped_printed_by_header_classification.txt", "precedence", json!("PRIORITY"))]
#[case::stripped_sent_date_without_slashes("stripped_smart_cable_in_email.txt", "doc_date", json!("2012-02-03"))]
#[case::stripped_subject_cut_where_the_cable_caption_ends("stripped_smart_cable_in_email.txt", "subject", json!("TMONE - ASSIGNMENT NOTIFICATION - PERSONNEL ASSIGNMENT (THOMAS-GREENFIELD,LINDA NMN,"))]
#[case::stripped_smart_cable_id("stripped_smart_cable_in_email.txt", "cable_id", json!("12STATE10280"))]
#[case::stripped_date_dtg_label_ocr("stripped_smart_date_dtg_label_ocr.txt", "sent_at", json!("2012-10-09T16:45Z"))]
#[case::seed_cable_id("seed_stripped_one_line.txt", "cable_id", json!("10MEXICO45"))]
#[case::seed_codes_glued_into_header("seed_stripped_one_line.txt", "exemptions", json!(["1.4(b)", "1.4(d)", "b1", "b7(e)"]))]
#[case::seed_banner_vote("seed_stripped_one_line.txt", "release_date", json!("2013-10-21"))]
#[case::seed_paragraphs("seed_stripped_one_line.txt", "paragraph_count", json!(22))]
fn shape(#[case] file: &str, #[case] name: &str, #[case] want: Value) {
    let doc = parse_fixture(file);
    let got = field(&doc, name);
    assert!(
        same(name, &want, &got),
        "{file}: {name}: want {want}, got {got}"
    );
}

#[test]
fn banners_and_print_headers_leave_the_body() {
    for (file, gone) in [
        ("seed_stripped_one_line.txt", "Case No F-2010-07760"),
        (
            "banner_five_line_benghazi.txt",
            "PRODUCED TO HOUSE SELECT BENGHAZI",
        ),
        ("telegram_routing_after_body.txt", "POEMS Automated"),
        ("telegram_routing_after_body.txt", "Case No. F-2017-13804"),
        ("smart_cable_in_email.txt", "Doc No. C05770206"),
    ] {
        let doc = parse_fixture(file);
        assert!(!doc.body.contains(gone), "{file}: body still has {gone:?}");
        assert!(
            !doc.paragraphs.iter().any(|p| p.text.contains(gone)),
            "{file}: a paragraph has {gone:?}"
        );
    }
}

#[test]
fn seed_paragraphs_have_markings_headings_and_a_signature() {
    let doc = parse_fixture("seed_stripped_one_line.txt");
    let numbered: Vec<_> = doc
        .paragraphs
        .iter()
        .filter(|p| p.number.is_some())
        .collect();
    assert_eq!(
        numbered
            .iter()
            .map(|p| p.number.unwrap())
            .collect::<Vec<_>>(),
        (1..=22).collect::<Vec<_>>()
    );
    assert!(numbered.iter().all(|p| p.marking.is_some()));
    assert_eq!(
        numbered[15].marking.as_deref(),
        Some("C"),
        "paragraph 16 is marked C"
    );
    assert_eq!(
        numbered[2].heading.as_deref(),
        Some("BILATERAL TEAM CONCEPT")
    );
    assert!(numbered[0].text.starts_with("SUMMARY AND NEXT STEPS"));
    assert!(doc
        .paragraphs
        .iter()
        .any(|p| p.kind == ParagraphKind::Signature && p.text.contains("PASCUAL")));
    // The distribution line is routing, not body text.
    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Routing);
}

#[test]
fn codes_are_linked_to_the_paragraph_they_stand_in() {
    let doc = parse_fixture("seed_stripped_one_line.txt");
    let para16 = doc
        .paragraphs
        .iter()
        .position(|p| p.number == Some(16))
        .unwrap();
    let in16: Vec<&str> = doc
        .exemptions
        .iter()
        .filter(|e| e.paragraph == Some(para16))
        .map(|e| e.code.as_str())
        .collect();
    assert!(in16.contains(&"b1") && in16.contains(&"b7(e)"), "{in16:?}");
}

#[test]
fn snapshots_of_whole_documents() {
    for file in [
        "seed_stripped_one_line.txt",
        "telegram_routing_after_body.txt",
        "smart_cable_in_email.txt",
        "frus_telegram.tei.xml",
    ] {
        let doc = parse_fixture(file);
        insta::assert_json_snapshot!(file, doc);
    }
}
