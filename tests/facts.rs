//! Violence figures and assistance requests, one case per shape of sentence: the figures and
//! requests a reader keeps, and every near-miss of `shared/gold/FACTS.md` that a reader
//! strikes out. The sentences are taken from the released documents (cables, the Clinton
//! emails and the news they forward), shortened where the rest says nothing more.

use cablecat::extract::{extract, Vocab};
use cablecat::model::{AssistanceRequest, Document, Paragraph, ParagraphKind, ViolenceFigure};
use chrono::NaiveDate;
use rstest::rstest;

/// What the reports show by default: the rows a reader keeps.
const SHOWN: f64 = 0.5;

fn document(text: &str, date: &str) -> Document {
    let mut doc = Document {
        doc_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        ..Default::default()
    };
    for block in text.split("\n\n") {
        doc.paragraphs.push(Paragraph {
            number: None,
            marking: None,
            heading: None,
            kind: ParagraphKind::Body,
            text: block.to_string(),
            page: None,
        });
    }
    extract(&mut doc, &Vocab::builtin());
    doc
}

fn figures(text: &str) -> Vec<ViolenceFigure> {
    document(text, "2012-03-11")
        .violence
        .into_iter()
        .filter(|f| f.confidence >= SHOWN)
        .collect()
}

fn requests_of(text: &str, date: &str) -> Vec<AssistanceRequest> {
    document(text, date)
        .requests
        .into_iter()
        .filter(|r| r.confidence >= SHOWN)
        .collect()
}

fn requests(text: &str) -> Vec<AssistanceRequest> {
    requests_of(text, "2012-03-11")
}

/// `(value, class)` of each figure shown.
fn counted(text: &str) -> Vec<(f64, String)> {
    figures(text)
        .into_iter()
        .map(|f| (f.value, f.class))
        .collect()
}

fn owned(v: &[(f64, &str)]) -> Vec<(f64, String)> {
    v.iter().map(|(n, c)| (*n, c.to_string())).collect()
}

#[rstest]
#[case::passive_count_and_a_second_class(
    "At least 13 policemen were killed and seven wounded when gunmen attacked a police station.",
    &[(13.0, "killed"), (7.0, "injured")]
)]
#[case::four_digit_count_after_and_is_no_year(
    "The Ministry of Health announced that 13 people were killed and 1200 injured in clashes overnight.",
    &[(13.0, "killed"), (1200.0, "injured")]
)]
#[case::victims_take_the_class_of_their_verb(
    "Embassy contacts confirm 13 victims killed and five wounded, though the numbers may change.",
    &[(13.0, "killed"), (5.0, "injured")]
)]
#[case::an_inclusion_set_off_before_its_own_verb(
    "The information I have is that two policemen have been killed and 20 others including police, protesters and citizens, have been wounded, the council head told Reuters.",
    &[(2.0, "killed"), (20.0, "injured")]
)]
#[case::dead_or_injured_together_are_casualties(
    "The shelling went on all night. Another 14 were lying in the streets, apparently dead or gravely injured.",
    &[(14.0, "casualties")]
)]
#[case::killed_and_wounded_together_are_casualties(
    "The week of fighting left 150 killed and wounded in the old city.",
    &[(150.0, "casualties")]
)]
#[case::wounding_or_killing_are_casualties(
    "A US patrol similarly machine-gunned a bus, wounding or killing 15 of its passengers.",
    &[(15.0, "casualties")]
)]
#[case::the_massacre_of_n_counts_the_dead(
    "Officials named a square after a terrorist responsible for the massacre of 38 Israeli civilians.",
    &[(38.0, "killed")]
)]
#[case::dozens_in_words(
    "The attacks were the worst since July 5, when nearly three dozen people were killed in Taji.",
    &[(36.0, "killed")]
)]
#[case::hundreds_and_units_in_words(
    "Three hundred and nineteen persons were reported to have been injured nationwide since November 22.",
    &[(319.0, "injured")]
)]
#[case::active_verb_before_its_count(
    "Gunmen on motorcycles killed seven Shiite pilgrims north of Baghdad.",
    &[(7.0, "killed")]
)]
#[case::each_number_its_own_row(
    "Nine soldiers were killed and eight wounded in the ambush.",
    &[(9.0, "killed"), (8.0, "injured")]
)]
#[case::including_list_shares_the_verb(
    "The attack ended with killing 16 civilians, including 9 children, three women.",
    &[(16.0, "killed"), (9.0, "killed"), (3.0, "killed")]
)]
#[case::hostages_killed_are_killed_not_kidnapped(
    "The Algerian government says 32 militants and 23 hostages were killed during the three-day operation.",
    &[(32.0, "killed"), (23.0, "killed")]
)]
#[case::hostages_taken(
    "The militants seized 41 hostages at the gas plant.",
    &[(41.0, "kidnapped")]
)]
#[case::verbs_in_a_list_each_count(
    "Four men affiliated with the project were kidnapped, killed and dumped in public.",
    &[(4.0, "kidnapped"), (4.0, "killed")]
)]
#[case::counted_noun_of_events(
    "Three car bombs exploded near the Ministry of Interior in Tripoli.",
    &[(3.0, "attacks")]
)]
#[case::counted_noun_of_harm(
    "Reports from Afghans on the scene range to up to 20 fatalities.",
    &[(20.0, "killed")]
)]
#[case::casualties_not_separated(
    "The fighting caused over 100 casualties in the city.",
    &[(100.0, "casualties")]
)]
#[case::noun_of_count(
    "Residents were mourning the murder of three people connected to the consulate.",
    &[(3.0, "killed")]
)]
#[case::share_in_percent_two_figures(
    "Violence subsided in 2009 with Tijuana's share of Mexico's total killings dropping from 11 % to 4% in a year.",
    &[(11.0, "killed"), (4.0, "killed")]
)]
#[case::numbers_in_words_and_spaced_thousands(
    "Officials said a dozen people were killed, and that 5 200 people have died since 2006 in the drug violence.",
    &[(12.0, "killed"), (5200.0, "killed")]
)]
#[case::suffered_injuries(
    "During the riot one police officer sustained mild injuries after he was hit by a stone.",
    &[(1.0, "injured")]
)]
#[case::one_counts_after_a_verb(
    "Haitian police have opened fire on a group of looters, killing at least one of them.",
    &[(1.0, "killed")]
)]
#[case::estimate_of_the_past_with_may_have(
    "Colombia's security forces may have killed 1,486 civilians during the first six years.",
    &[(1486.0, "killed")]
)]
#[case::noun_of_a_count_with_a_verb_noun(
    "Romney spoke of the slaughter of four Americans in Benghazi and the killing of two trainers.",
    &[(4.0, "killed"), (2.0, "killed")]
)]
#[case::to_death_said_of_the_number(
    "A former doctor was executed for stabbing to death eight school children last month.",
    &[(8.0, "killed")]
)]
#[case::counted_noun_joined_by_and(
    "Insurgents launched three separate gun and bomb attacks against police stations in the province.",
    &[(3.0, "attacks")]
)]
#[case::a_thousand_in_words(
    "We had seen him hang civilians in the streets, and kill over a thousand people in a single day.",
    &[(1000.0, "killed")]
)]
#[case::stabbed_is_injured(
    "A man stabbed 16 students at a primary school in southern China on Wednesday.",
    &[(16.0, "injured")]
)]
fn figures_a_reader_keeps(#[case] text: &str, #[case] want: &[(f64, &str)]) {
    assert_eq!(counted(text), owned(want), "{text}");
}

#[rstest]
#[case::sentence_of_a_court("The court sentenced to death eight men accused of the bombing.")]
#[case::arrests("Police arrested six health workers in Mityana after the deaths.")]
#[case::age("A 10-year-old girl was killed in the crossfire.")]
#[case::crowd_size("About 3,000 protesters gathered in the square to denounce the killings.")]
#[case::troop_numbers("The government deployed 5,200 troops to the border after the attacks.")]
#[case::poll("Only 40 percent of voters in the poll said the attacks were justified.")]
#[case::disease_and_childbirth(
    "About 2,000 pregnant mothers will die this year from preventable causes and violence."
)]
#[case::disaster("The earthquake killed 250,000 people and left a million homeless amid violence.")]
#[case::disaster_as_subject_of_a_later_verb(
    "On Friday an isolated storm destroyed 8,000 tents in the capital and killed at least six people."
)]
#[case::forecast("Officials warned that the fighting could kill 10,000 people.")]
#[case::single_named_victim("Ambassador Stevens was killed in the attack on the consulate.")]
#[case::rank_not_a_count("Al-Qaida's No. 2 killed in Pakistan, officials say.")]
#[case::perpetrators_not_victims_counted_first("Two gunmen stormed the hotel.")]
#[case::one_as_a_pronoun("One, a 10 year old girl, is critical after the shooting.")]
#[case::year_in_a_range("Another group was killed between 1860 and the 1948 war.")]
#[case::years_joined_by_and(
    "Thousands of settlers were killed between 1850 and 1880 in the valley."
)]
#[case::ages_joined_by_and(
    "Let's actually do something about mass shootings of innocent people, including the slaughter of 6 and 7-year old children and their teachers."
)]
#[case::a_list_marker(
    "I urged him to convey two points: 1) Saif would have to leave; and 2) Q's regime must immediately stop killing civilians."
)]
#[case::records_of_incidents(
    "The disclosures come from more than 90,000 records of incidents and intelligence reports about the conflict."
)]
#[case::ocr_digit_run_into_a_name(
    "Gideon Levy called 1m Tirtzu a McCarthyite movement for its attacks on Chazan."
)]
#[case::an_accident_at_a_gate(
    "At Embassy Tripoli today, a locally employed guard was killed and two other guards were injured when an automobile entry gate malfunctioned."
)]
#[case::a_capacity_to_treat(
    "The ship is capable of providing intensive medical assistance to 600 casualties, whether combat incurred or not."
)]
#[case::an_abbreviated_date(
    "A Florida pastor's plan to burn a Quran on Saturday, the ninth anniversary of the Sept. 11 terrorist attacks, resulted in protests."
)]
#[case::money_in_another_currency(
    "They agreed to make payments of 2,000 Dinars per month to the families of fighters who were killed or wounded in the revolution."
)]
#[case::a_supposition(
    "Suppose that your soldiers, seeing their brothers in such danger, reacted by shooting live ammunition, tragically killing nine people."
)]
#[case::clock_time(
    "Half past ten - Steve died. At 20 past 11, Graham came to the door to tell me."
)]
fn figures_a_reader_strikes_out(#[case] text: &str) {
    assert_eq!(counted(text), vec![], "{text}");
}

#[test]
fn perpetrators_are_not_counted_as_victims() {
    assert_eq!(
        counted("Two gunmen killed 15 people at the market."),
        owned(&[(15.0, "killed")])
    );
}

#[test]
fn a_figure_says_what_a_reader_checks() {
    let f = figures("The Ministry of Health announced that 40 police had died statewide through early November in Baja California.");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].measure, "killed (police)");
    assert_eq!(f[0].victim.as_deref(), Some("police"));
    assert_eq!(f[0].place.as_deref(), Some("statewide"));
    assert_eq!(f[0].period.as_deref(), Some("through early November"));
    assert!(f[0].sentence.contains("40 police had died"));
    let r =
        figures("Officials said between 145 and 160 militants were killed in the raid in Kunar.");
    assert_eq!((r[0].value, r[0].value_max), (145.0, Some(160.0)));
    assert_eq!(r[0].place.as_deref(), Some("Kunar"));
    let h = figures("Zebari's chief of staff estimated that there were 35-40 fatalities.");
    assert_eq!((h[0].value, h[0].value_max), (35.0, Some(40.0)));
}

/// `(item, requester)` of each request shown.
fn asked(text: &str) -> Vec<(String, Option<String>)> {
    requests(text)
        .into_iter()
        .map(|r| (r.item, r.requester))
        .collect()
}

#[rstest]
#[case::key_ask_from_a_named_official(
    "The key ask from Municipal Director Leyzaola was for equipment primarily vests and armored cars.",
    &["vests", "armored cars"],
    Some("Municipal Director Leyzaola")
)]
#[case::asked_for_help_with_a_purpose(
    "Zelaya asked for assistance in setting up talks with the regime.",
    &["assistance in setting up talks with the regime"],
    Some("Zelaya")
)]
#[case::request_made_by_a_government(
    "An official request for a field hospital has been made by the Chilean government.",
    &["a field hospital"],
    Some("Chilean government")
)]
#[case::need_for_us_help_in_two_areas(
    "PRESIDENT KABBAH MET THE DEPUTY SECRETARY. HE LATER NOTED A NEED FOR U.S. HELP IN THE AREA OF INTELLIGENCE AND EQUIPMENT.",
    &["U.S. HELP IN THE AREA OF INTELLIGENCE", "EQUIPMENT"],
    Some("PRESIDENT KABBAH")
)]
#[case::items_needed_before_the_verb(
    "Tarhouni, who also holds US citizenship, said the items listed above (gas, diesel, baby milk, and medicine) are urgently needed in Tripoli.",
    &["items listed above (gas", "diesel", "baby milk", "medicine"],
    Some("Tarhouni")
)]
#[case::quoted_need_and_its_speaker(
    "\"We need the entry of outside armed forces to calm the situation down,\" interim government leader Roza Otunbayeva told reporters.",
    &["entry of outside armed forces to calm the situation down"],
    Some("Roza Otunbayeva")
)]
#[case::appeal_for_a_named_givers_help(
    "Kyrgyzstan appealed for Russian help to stop ethnic fighting in the south.",
    &["Russian help to stop ethnic fighting in the south"],
    Some("Kyrgyzstan")
)]
#[case::asked_a_government_for_help(
    "Pakistan's ambassador has offered to resign after reports that his boss, President Asif Ali Zardari, asked Washington for help to stave off a military takeover.",
    &["help to stave off a military takeover"],
    Some("President Asif Ali Zardari")
)]
#[case::asked_a_government_to_act(
    "The President's office asked the United States to press the IMF to complete a deal.",
    &["press the IMF to complete a deal"],
    Some("President's office")
)]
#[case::called_for_help_for_itself(
    "Haitian Ambassador Raymond Joseph called for assistance in a CNN interview.",
    &["assistance"],
    Some("Haitian Ambassador Raymond Joseph")
)]
#[case::sought_a_named_givers_support(
    "South Africa has sought U.S. support for the project from senior levels at the Department.",
    &["U.S. support for the project from senior levels at the Department"],
    Some("South Africa")
)]
#[case::asked_a_government_to_assist(
    "Zidan will ask Qatar to assist the GNC government efforts to organize and fund a program to improve its police.",
    &["assist the GNC government efforts to organize and fund a program to improve its police"],
    Some("Zidan")
)]
#[case::urged_the_us_to_act(
    "President Ma Ying-jeou met with US-Taiwan Business Council Chairman Paul D. Wolfowitz and urged the United States to sell Taiwan F-16C/D fighter jets.",
    &["Taiwan F-16C/D fighter jets"],
    Some("President Ma Ying-jeou")
)]
#[case::asked_that_the_us_act(
    "The TNC asked that the US jam Libyan television broadcasting.",
    &["jam Libyan television broadcasting"],
    Some("TNC")
)]
#[case::appealed_to_the_world_to_act(
    "The Libyan opposition, and the Arab League, appealed to the world to save lives in Libya.",
    &["save lives in Libya"],
    Some("Arab League")
)]
#[case::asked_the_us_to_act_by_calls(
    "The envoy, Ambassador Laajava, has asked the United States to make high-level calls to Arab League members to press them to respond positively.",
    &["make high-level calls to Arab League members to press them to respond positively"],
    Some("Ambassador Laajava")
)]
#[case::sought_the_writers_help(
    "ROK had sought our help over the past few days in getting a formal invitation from the Afghan government to ROK for the PRT.",
    &["our help over the past few days in getting"],
    Some("ROK")
)]
#[case::name_set_off_by_commas_is_the_asker(
    "The facilitator of the Conveners group for the 2012 Helsinki Conference on a Weapons of Mass Destruction Free Zone in the Middle East, Ambassador Laajava, has asked the United States to make high-level calls to Arab League members.",
    &["make high-level calls to Arab League members"],
    Some("Ambassador Laajava")
)]
#[case::appeal_by_a_body_for_money(
    "An appeal by the world body for $1.4 billion in humanitarian aid is 52 percent short of its goal.",
    &["$1.4 billion in humanitarian aid"],
    Some("world body")
)]
#[case::the_maker_of_an_appeal_is_the_asker(
    "When the International Organization for Migration (IOM) and the United Nations High Commissioner for Refugees (UNHCR) issued the joint emergency appeal for aircraft on Wednesday, some 1,500 migrants were crossing the border each hour.",
    &["aircraft"],
    Some("United Nations High Commissioner for Refugees")
)]
#[case::a_time_before_what_is_asked_for(
    "France will seek Arab support on Thursday for a humanitarian corridor in Syria.",
    &["Arab support on Thursday for a humanitarian corridor in Syria"],
    Some("France")
)]
#[case::the_office_asked_is_no_part_of_the_item(
    "The Iraqi delegation asked Secretary Clinton for Apache helicopters.",
    &["Apache helicopters"],
    Some("Iraqi delegation")
)]
#[case::a_request_made_by_its_subject(
    "The Haitian government has made a formal request for water purification units.",
    &["water purification units"],
    Some("Haitian government")
)]
fn requests_a_reader_keeps(
    #[case] text: &str,
    #[case] items: &[&str],
    #[case] requester: Option<&str>,
) {
    let got = asked(text);
    let names: Vec<&str> = got.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(names, items, "{text}");
    match requester {
        Some(name) => assert!(
            got[0].1.as_deref().is_some_and(|r| r.contains(name)),
            "{text}: requester {:?}",
            got[0].1
        ),
        None => assert_eq!(got[0].1, None, "{text}"),
    }
}

#[rstest]
#[case::question("Asked whether his visit would trigger a review, he said he did not know.")]
#[case::a_bribe_then_another_clause(
    "Even if the family paid the $24 nursing staff requested for cell phone minutes, neither the hospital nor the nursing staff possessed a working phone."
)]
#[case::question_after_asked(
    "TALBOTT ASKED WHAT STEPS THE GOVERNMENT WOULD TAKE TO SUPPORT THE ELECTION."
)]
#[case::offer(
    "DOD'S READINESS TO PROVIDE EXCESS MILITARY EQUIPMENT AND OUR OFFER TO ASSIST IN TRAINING."
)]
#[case::pledge("The President announced a pledge to double foreign assistance by 2015.")]
#[case::thanks_for_aid_given("The Minister thanked us for the humanitarian aid already delivered.")]
#[case::demand_on_an_adversary(
    "The Secretary called on the regime to stop the killing of civilians."
)]
#[case::recommendation_between_us_officials("I recommend we fund the program next year.")]
#[case::office_logistics_memo("Cheryl asked me to send the memo to the Secretary tonight.")]
#[case::office_logistics_information(
    "The Social Office asked us to provide you with the following information:"
)]
#[case::budget_request_to_congress(
    "President Barack Obama asked Congress for $2.8 billion in emergency aid to Haiti."
)]
#[case::budget_of_the_administration(
    "The Administration requested $84.5 million for urgent Embassy security, construction, and maintenance costs in Haiti."
)]
#[case::newspapers_call_for_a_policy("The Times called for the arms embargo to be lifted.")]
#[case::politicians_call_for_support_of_others(
    "Romney hasn't specified what he would do. In a speech last week, he called for support of Libya's efforts to forge a lasting government."
)]
#[case::favour_of_ordinary_life("He asked for my help connecting them with the foundation.")]
#[case::favour_a_copy("I asked the publisher to send you a copy of the book.")]
#[case::seeking_with_no_giver(
    "In February a provincial official showed up in the American Consulate in Chengdu, seeking protection from a powerful party leader."
)]
#[case::a_need_spoken_of_not_voiced(
    "Neglecting the task of agricultural development will only make the need for emergency food aid more frequent, the report said."
)]
#[case::need_of_no_one("This satisfied the need for burden-sharing and coordination.")]
#[case::need_of_a_plan("We need to talk about the schedule before Monday.")]
#[case::offer_of_help_by_the_writer(
    "I can help with the memorial service details if she is interested."
)]
#[case::business_asks_of_a_government(
    "GM asked Germany to provide more details on aid for the Magna bid."
)]
#[case::aim_not_a_thing("The Ambassador was seeking ways to better use real-time intelligence.")]
#[case::suggestion_of_a_statement(
    "The minister suggested women's shelters were home to immorality and prostitution."
)]
#[case::call_for_a_march("This afternoon, the Muslim Brotherhood called for a million man march on the presidential palace.")]
#[case::call_for_an_intervention(
    "Speaking on al Jazeera, Lord Owen called for a UN Charter Chapter 7 intervention to restore international peace and security."
)]
#[case::name_that_is_an_item_word(
    "On Saturday, March 12, the Arab League called for military action, as Rice had been warning her colleagues it would."
)]
#[case::demand_that_the_us_stop(
    "Russia calls on Britain, France and the US to stop using what it calls arbitrary force in Libya."
)]
#[case::demand_that_the_us_withdraw_weapons(
    "As a first step he would ask the US to remove all tactical nuclear weapons from German territory."
)]
#[case::demand_that_the_us_not_act(
    "For months Pakistan's army chief has urged top US officials not to set pre-conditions for a dialogue."
)]
#[case::demand_joined_to_the_act(
    "Indonesian lawmaker Mahfudz Siddiq urged the remaining countries, especially the U.S. and Israel, to get off the bench and sign."
)]
#[case::demand_that_the_us_take_a_position(
    "The Arab League condemned the Benghazi attack and called on the U.S. government to take a serious position against the film producers."
)]
#[case::assurances_asked_are_policy("DCC seeks more US assurances before restoring NATO supplies")]
#[case::demand_in_a_that_clause_past_the_subjects_phrase(
    "Liberia asked that the UN Mission in Liberia (UNMIL) withdraw the military personnel providing security for the Special Court by March 7."
)]
#[case::american_people_are_not_the_us_government(
    "In a more recent report, Luntz urges American Jewish groups to use the word Arabs, not Palestinians."
)]
#[case::a_newspaper_is_not_the_us(
    "Gates called on Washington Post columnist David Ignatius to defend Jones in the press."
)]
#[case::urging_a_third_party(
    "It also urged the NTC to protect African migrant workers following reports of attacks."
)]
#[case::calling_on_an_army_to_act(
    "They also called on the EAF to protect and secure Churches and to punish those who participated."
)]
#[case::favour_asked_of_a_person(
    "The two grew close: Obama asked Gips to help edit his campaign book."
)]
#[case::hypothetical_asker(
    "You're in charge of security in Benghazi and someone asks you for a 16-person detail."
)]
#[case::letter_to_a_senator_for_funding(
    "I also want to reinforce Secretary Clinton's letter to Senator Kent Conrad, requesting full funding of the Department of State and USAID."
)]
#[case::vote_on_an_amendment(
    "He signed letters to Speaker Pelosi asking her to allow a vote on an amendment to strike the funding provision."
)]
#[case::help_sought_of_the_writers_colleagues(
    "Will continue pressing tomorrow. Have even sought help from McConnell's staff and Dave Schiappa from the R floor staff."
)]
fn requests_a_reader_strikes_out(#[case] text: &str) {
    assert_eq!(asked(text), vec![], "{text}");
}

#[test]
fn meetings_calls_and_visits_are_their_own_category() {
    let text = "The Foreign Minister requested a meeting with the Secretary in Rio.";
    assert!(requests(text).is_empty(), "not shown by default");
    let all = document(text, "2012-06-21").requests;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].category, "meeting");
    assert!(all[0].confidence < SHOWN);
}

#[test]
fn a_meeting_asked_as_an_act_is_a_meeting() {
    let text = "Congressman Frank Wolf had asked the Secretary to meet with the bishop's envoy.";
    assert!(requests(text).is_empty(), "not shown by default");
    let all = document(text, "2012-01-26").requests;
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].category, "meeting");
}

#[test]
fn pronouns_resolve_to_the_nearest_named_actor() {
    let text = "The Governor made limited appeals for USG assistance. He noted he had asked California Governor Schwarzenegger in an October meeting to share biometric data of prisoners. He suggested a road along the southern side of the border fence to facilitate patrols.";
    let got = requests(text);
    let road = got.iter().find(|r| r.item.contains("road")).unwrap();
    assert_eq!(road.requester.as_deref(), Some("Governor"));
    assert_eq!(road.requester_source.as_deref(), Some("pronoun"));
    let data = got.iter().find(|r| r.item.contains("biometric")).unwrap();
    assert_eq!(data.requester.as_deref(), Some("Governor"));
    assert!(data.asked_of.as_deref().unwrap().contains("Schwarzenegger"));

    let text = "State Department official Eric Nordstrom, who served as a regional security officer in Tripoli until July, told a congressional committee that he was turned down when he requested an extension of a 16-member security support team.";
    let got = requests(text);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0]
        .requester
        .as_deref()
        .unwrap()
        .contains("Eric Nordstrom"));

    // `his`, across paragraphs.
    let text = "PRESIDENT KABBAH WAS VERY APPRECIATIVE OF THE MEETINGS AT STATE.\n\nHE COUCHED HIS REQUEST FOR LAND TRANSPORT IN THE CONTEXT OF HUMANITARIAN REQUIREMENTS.";
    let got = requests(text);
    assert_eq!(got[0].requester.as_deref(), Some("PRESIDENT KABBAH"));
}

#[test]
fn requests_are_dated_by_the_meeting_the_text_names() {
    let text = "The team met state and local officials in Tijuana on December 3.\n\nThe key ask from Municipal Director Leyzaola was for armored cars.";
    let got = requests_of(text, "2010-01-12");
    assert_eq!(
        got[0].date,
        NaiveDate::from_ymd_opt(2009, 12, 3),
        "December 3 in a cable of January 2010 is 2009-12-03"
    );
    assert_eq!(got[0].date_source, "text");
    let got = requests_of(
        "The key ask from Municipal Director Leyzaola was for armored cars.",
        "2010-01-12",
    );
    assert_eq!(got[0].date, NaiveDate::from_ymd_opt(2010, 1, 12));
    assert_eq!(got[0].date_source, "document");
}

#[test]
fn a_possessive_before_an_adjective_and_the_noun_names_the_asker() {
    let text = "Mr. Chen's subsequent pleas for help from Mrs. Clinton — repeated in an urgent telephone call played on speaker during an emergency congressional hearing — frayed the fragile deal.";
    let got = asked(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Mr. Chen"), "{got:?}");
}

#[test]
fn the_apostrophe_of_a_plural_possessive_is_no_part_of_the_name() {
    let text = "Morsi notes that Hamas' calls for help from the new regimes of the Arab Spring put his government under pressure.";
    let got = asked(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Hamas"), "{got:?}");
}
