"""Wordings that real writers used and the cues missed or misread, one case per cue added
after a measured round. Each text is our own; deleting the cue it names fails its case.

Checks that a learned model decides are tested on the rules alone (the model is told to
agree with them), so these cases pin the cue, not the current weights."""

from __future__ import annotations

import pytest

from exercises.grading import classify_question, grade_goal, grade_pitch, grade_thank_you

SIGN = "\n\nBest wishes,\nTamsin Hale"


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from exercises.grading import text_model

    monkeypatch.setattr(text_model, "decide", lambda check_id, feats, rule: rule)


def note(body: str):
    return grade_thank_you("Dear Ms Okafor,\n\nThank you for the call on Monday. " + body + SIGN)


def pitch(body: str):
    return grade_pitch("Hello Mr Achebe,\n\nI am a second-year design student. " + body + SIGN)


@pytest.mark.parametrize("question", [
    # the shared job-ask cues: asks for a placement, an interview, a word with a hirer
    "Would you consider taking me at your workshop for the summer?",
    "Could you give me an interview for the junior technician post?",
    "Could you put me forward when your team has its next opening?",
    "Could you recomend me to your agency for French assignments?",
    "Could you introduce me to your site lead so I can be considered for the crew?",
    "Could I start the Ausbildung with you next autumn?",
    "Can I come to your bakery for a Praktikum in March?",
    "Do you need any help in the shop over the holidays?",
    "If any of your clients need a junior consultant, could you mention me?",
    "Does your title company hire mobile notaries?",
    "Any chance you're hiring a cave assistant this autumn?",
    "Could you put me on your list of relief agents for next month?",
    "Can I have a spot on your crew if somebody leaves?",
    "Could I come and work with you in the yard over the summer?",
    "What would it take for me to get on your crew next season?",
    "Any chance your taking on a helper over the winter?",
    "Would you let me shadow you? I'm happy to work unpaid to learn the ropes.",
    "Are there any trainee spots open for next spring?",
    "Are there any trainee vacancies coming up in your team?",
    "Do you have an opening for a summer student in the workshop?",
    "What's the quickest way for you to get me in at your garage?",
    "How do I make sure your firm picks me for the apprenticeship?",
    "Can you take me in your crew next season?",
    "May I come to your kitchen for unpaid trainee days?",
    "Could I tag along as your deckhand on a charter this summer?",
    "Is there any chance your studio needs someone over the holidays?",
    "Could you put me in touch with your foreman so I can ask about openings?",
])
def test_a_request_for_work_in_other_words_is_a_job_ask(question: str) -> None:
    assert "job_ask" in classify_question(question).flags


def test_asking_about_a_training_route_is_not_asking_the_reader_for_it() -> None:
    # "Ausbildung" is a training route; asking how to start one is a learning question.
    q = classify_question("How good must my German be before I start an Ausbildung in IT?")
    assert "job_ask" not in q.flags


@pytest.mark.parametrize("line", [
    "I'd work cheap if you ever want a hand on a Saturday.",
    "If you ever need a guest letterer, I'd love to work at your studio.",
])
def test_offering_yourself_in_a_thank_you_is_a_job_ask(line: str) -> None:
    assert not note(line).check("thanks.no_job_ask").passed


@pytest.mark.parametrize("ask", [
    "Could we talk for 15 minutes, when you are avaible?",
    "Could we talk for 15 minutes, whenever convinient?",
    "Could we talk for 15 minutes? Let me know what times work.",
    "Could you tell me about it in a 15 minute call when you have a chance?",
    "Could I call you for 15 minutes some evening that's good for you?",
    "Could we chat for 15 minutes, when free?",
])
def test_a_misspelt_deferral_still_defers_to_their_time(rules_only: None, ask: str) -> None:
    assert pitch("I would like to learn how you got into signwriting. " + ask).check(
        "pitch.flexible_scheduling").passed


@pytest.mark.parametrize("check_id, body", [
    ("thanks.keeps_in_touch", "Your point about grading the ice was new to me. "
                              "I hope we can continue this exchange between our two clubs."),
    # a change already made on their advice is a next step
    ("thanks.next_step", "Your tip about certificates was new to me. "
                         "I have rewritten my CV as you said and cut it to two pages."),
    ("thanks.next_step", "Your story about unpaid deposits stuck with me. From now on we "
                         "take the full balance first, and I'm writing that into our terms today."),
    ("thanks.next_step", "Your tip about brush care was new to me. "
                         "I grabbed the lettering book you recommended."),
    ("thanks.next_step", "Your tip about fixed rod heights was gold. "
                         "Im trying it on site tomorrow."),
    # door-openers for later contact
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I may drop you another line once term ends."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. Let's keep talking."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me.\n\nUntil next time,"),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "Do let me know when you next open the kiln."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I'd be glad to hear from you if the project goes ahead."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I hope to come back out when the walls are up."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I hope you'll come by the workshop when it opens."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "We'd be glad to bring you a jar of the first batch."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I'll bring my first wall panel to show you at the fair."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I'll read the report and send you my questions next week."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I hope we can continue our conversation in the new year."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I hope I can call on you again when the barn is done."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. Nos vemos at the fair."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I'll come find you at the next guild meeting."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I'll bring my first batch along to compare notes with you."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "I'll sketch the plan over winter and bring it by in March."),
    ("thanks.keeps_in_touch", "Your tip about lime mortar was new to me. "
                              "Let me know next time you're in Leeds."),
])
def test_a_thank_you_wording_passes_its_check(rules_only: None, check_id: str, body: str) -> None:
    assert note(body).check(check_id).passed


@pytest.mark.parametrize("line", [
    "Your story is one I'll be telling for a long time.",
    "I will definitely be looking into the things we discussed.",
    "I will now think carefully about my next steps and follow your advice.",
    "I hope to visit again in the spring.",
])
def test_a_next_step_with_no_object_is_not_a_next_step(rules_only: None, line: str) -> None:
    assert not note("Your tip about sealing the rind was new to me. " + line).check(
        "thanks.next_step").passed


@pytest.mark.parametrize("goal", [
    "I'd like to learn how people built careers in the arts and sciences.",
    "I want to hear how people in creative trades got their start.",
    "Find out whether a hands-on, problem-solving trade suits me and what training it takes.",
    "Find out what people here do all day and whether I'd like the idea of it.",
    "I want to find out what a career in the food world is really like day to day.",
    "I'd like to find out more about something with food and animals.",
    "Learn what people do all day in jobs that use a law degree.",
    "Figure out which outdoor technical careers suit me and what the path into them looks like.",
    "Learn what a typical day is like in different art-related careers.",
    "Learn what daily work in a big office is like, and if I'd like it more than nursing.",
    "Ask people with a stable career how they started and what they regret.",
    "Find something that pays more than bartending and learn what it takes.",
    "Meet people in several trades before I pick one.",
    "Learn about the daily routine in the trades my uncles did.",
    "Learn what the first two years are like for people who move away for work.",
    "I'd like to meet people who do interesting work and see where it leads.",
    "Understand what kind of job with foreigners would suit me.",
    "Find out whether I'd suit office work or field work, and what pays steadily.",
    "Learn what an outdoor life is like and whether I'd cope with the weather.",
    "Meet important people this summer and see what comes of it.",
    "I'd like to talk to people in a creative industry about how they got started.",
    "Find out what people in green jobs do all week and how they trained.",
    "Learn what a normal shift is like and how people got started.",
    "Find something steadier to do instead of hospitality, and learn how people made the move.",
])
def test_a_vague_area_is_not_a_target(rules_only: None, goal: str) -> None:
    assert not grade_goal(goal).check("goal.names_target").passed


def test_a_craft_named_by_what_people_do_is_a_target() -> None:
    r = grade_goal("I want to find out what restoring church turret clocks involves day to day.")
    assert r.check("goal.names_target").passed
    # ... but "what working in X is like" leaves the target to X.
    vague = grade_goal("Learn what working in a big organisation is like and what they look for.")
    assert not vague.check("goal.names_target").passed


@pytest.mark.parametrize("goal", [
    "Learn how masons on cathedral works teams train apprentices.",
    "Residential conveyancing in Wales: informational interviews this term.",
    "Understand what professional hand letterers spend their days doing.",
    "Understand how affineurs decide when a cheese is ready.",
    "Find out how people usually get hired at a creamery.",
    "Learn how young people are building agribusinesses, and what their first year cost them.",
    "Chimney sweeping and stove installation in the Peak District.",
    "Find out what a day in a shoe repair and key cutting shop is like.",
    "I want to learn from licensed mountain guides what the off season is like.",
    "Understand whether hedgelaying can pay all year round.",
    "Ethnomusicology, and whether it pays.",
    "Ghillie or shepherd - which suits me?",
    "Farms near Hexham: what does a season there involve?",
    "Reinsurance, maybe, and what the first year there looks like.",
])
def test_a_trade_or_its_people_is_a_target(rules_only: None, goal: str) -> None:
    assert grade_goal(goal).check("goal.names_target").passed


def test_pay_as_a_wish_is_not_a_learning_question() -> None:
    assert not grade_goal("Land a job, any job, with decent pay and outdoors.").check(
        "goal.learning_questions").passed


def test_wondering_what_a_job_would_look_like_is_learning() -> None:
    r = grade_goal("I want to find out what a more meaningful job would look like for me: "
                   "what people do all day and how long training takes.")
    assert r.check("goal.not_job_seeking").passed


def test_or_any_keeps_a_yes_no_question_closed() -> None:
    q = classify_question("Do you usually get the case file or any papers before a hearing?")
    assert "closed" in q.flags


@pytest.mark.parametrize("text", [
    "I logged the 2,000 hours for the exam. Could we talk for 20 minutes?",
    "That was the day of inch-an-hour snow. Could we talk for 20 minutes?",
    "The job pays $20 an hour, I read. Could we talk for 20 minutes?",
])
def test_a_number_that_is_not_the_meeting_leaves_the_time_ask_alone(text: str) -> None:
    from exercises.grading.duration import find_durations
    from exercises.grading.text import normalise

    assert [d[2] for d in find_durations(normalise(text))] == [20.0]


@pytest.mark.parametrize("text, slip", [
    ("I'm hopeing to visit the farm.", "hopeing"),
    ("I was takeing notes the whole time.", "takeing"),
])
def test_an_e_kept_before_ing_is_a_slip(text: str, slip: str) -> None:
    from exercises.grading.spelling import misspellings

    assert slip in [text[a:b] for a, b, _ in misspellings(text)]


def test_a_job_wanted_at_the_start_of_a_goal_is_job_seeking() -> None:
    assert not grade_goal("I want a job where I fix boats, and to learn what skills bosses like."
                          ).check("goal.not_job_seeking").passed


def test_whether_a_job_like_that_would_suit_me_is_learning() -> None:
    r = grade_goal("Learn what it's like to weld all day and whether a job like that would suit "
                   "me in ten years.")
    assert r.check("goal.not_job_seeking").passed


def test_asking_what_kinds_of_jobs_exist_is_a_learning_question() -> None:
    assert grade_goal("I want to learn about the optics trade and what kinds of jobs exist "
                      "besides optician.").check("goal.learning_questions").passed


def test_a_place_asking_for_work_later_is_not_keeping_in_touch(rules_only: None) -> None:
    assert not note("Your tip about lime mortar was new to me. Please let me know when you "
                    "next hire.").check("thanks.keeps_in_touch").passed


def test_something_they_said_in_an_article_is_a_reason_and_a_connection(rules_only: None) -> None:
    r = pitch("In the Harbour Times interview on ferry fares you argued that small operators "
              "would struggle. Could I ask you about it for 20 minutes?")
    assert r.check("pitch.why_them").passed
    assert r.check("pitch.connection").passed


@pytest.mark.parametrize("line", [
    "I've been reading your blog about restoring narrowboats.",
    "I heard from the union office that you now run the new depot.",
])
def test_reading_their_work_or_hearing_of_them_is_a_connection(rules_only: None, line: str) -> None:
    assert pitch(line + " Could we talk for 20 minutes?").check("pitch.connection").passed


@pytest.mark.parametrize("line", [
    "Could we talk for 20 minutes when u free?",
    "Could we talk for 20 minutes whenever possible?",
])
def test_a_loose_offer_to_fit_their_time_is_flexible(rules_only: None, line: str) -> None:
    assert pitch(line).check("pitch.flexible_scheduling").passed


def test_offering_a_spare_pair_of_hands_in_a_pitch_is_a_job_ask() -> None:
    r = pitch("Could we talk for 20 minutes? If you ever need a spare pair of hands, I'm free.")
    assert not r.check("pitch.no_job_ask").passed


def test_needing_a_job_is_job_seeking() -> None:
    r = grade_goal("i just need a desk job with good pay, and people who can help me get one.")
    assert not r.check("goal.not_job_seeking").passed


def test_wanting_to_know_from_people_whether_is_a_learning_question() -> None:
    r = grade_goal("I want to know from farriers in Kent if a diploma is needed.")
    assert r.check("goal.learning_questions").passed


def test_asking_twice_how_they_started_is_a_duplicate() -> None:
    from exercises.grading import grade_questions

    r = grade_questions("1. How did you get started repairing pianos?\n"
                        "2. What does a normal week look like?\n"
                        "3. How did you first end up in the instrument trade?\n"
                        "4. Who else should I talk to?", minutes=20)
    assert not r.check("questions.no_duplicates").passed


@pytest.mark.parametrize("line", [
    "I would love to share the finished package with you, if you're open to it.",
    "I'll shout you a pint when the course starts.",
    "Let's connect on LinkedIn.",
])
def test_sharing_later_work_or_a_drink_keeps_in_touch(rules_only: None, line: str) -> None:
    assert note(line).check("thanks.keeps_in_touch").passed


@pytest.mark.parametrize("line", [
    "I've started saving so I can cut back my shifts.",
    "I'm going to keep logging my hours like you said.",
])
def test_something_already_started_or_kept_up_is_a_next_step(rules_only: None, line: str) -> None:
    assert note(line).check("thanks.next_step").passed


@pytest.mark.parametrize("line", [
    "Could we talk for 20 minutes whenever free?",
    "Could we talk for 20 minutes whenever you've got a sec?",
    "Could we talk for 20 minutes whenever your diary frees up?",
    "Could we talk for 20 minutes, around your bookings?",
    "Could we talk for 20 minutes? No rush at all.",
])
def test_whenever_they_are_free_is_flexible(rules_only: None, line: str) -> None:
    assert pitch(line).check("pitch.flexible_scheduling").passed


def test_a_first_job_and_how_they_got_it_asks_two_things() -> None:
    q = classify_question("What was your first paid job in radio, and how did you get it?")
    assert "double_barreled" in q.flags


def test_who_holds_a_post_now_is_googleable() -> None:
    assert "googleable" in classify_question("Who is the current harbour master at Dover?").flags


@pytest.mark.parametrize("line", [
    "Your story about moving from buses to trams was really helpful to read.",
    "I found your placement report about the apprenticeship online.",
])
def test_their_story_or_write_up_is_a_connection(rules_only: None, line: str) -> None:
    assert pitch(line + " Could we talk for 20 minutes?").check("pitch.connection").passed


def test_following_up_with_them_later_keeps_in_touch(rules_only: None) -> None:
    line = "I plan to follow up with you in the spring once I have chosen a course."
    assert note(line).check("thanks.keeps_in_touch").passed


@pytest.mark.parametrize("goal", [
    "I want to ask people in business how they got their first promotion.",
    "I'd like to find out what a week in a skilled trade feels like on the body.",
    "Learn about the trades before I pick a college course.",
])
def test_business_or_the_trades_alone_name_no_target(rules_only: None, goal: str) -> None:
    assert not grade_goal(goal).check("goal.names_target").passed


@pytest.mark.parametrize("question", [
    "What classes does your climbing gym offer?",
    "Which brands does the cycle shop stock?",
    "What does the Harbour Youth Club programme offer?",
    "What year did the Gladstone Pottery Museum reopen?",
    "How many young carers does the Northfield Carers Centre have on its books?",
])
def test_what_a_named_place_offers_or_holds_is_googleable(question: str) -> None:
    assert "googleable" in classify_question(question).flags


def test_a_spot_for_me_on_your_crew_is_a_job_ask() -> None:
    line = "Is there any chance of a spot for me on your crew next spring?"
    assert not note(line).check("thanks.no_job_ask").passed
    assert not pitch(line + " Could we talk for 20 minutes?").check("pitch.no_job_ask").passed


def test_writing_down_their_name_as_a_reference_is_a_job_ask(rules_only: None) -> None:
    line = "I'm applying for the role you posted - could I write your name down as a reference?"
    assert not note(line).check("thanks.no_job_ask").passed


@pytest.mark.parametrize("text, known", [
    ("I work as a subtitler for a streaming service.", True),
    ("See linkedin.com/in/kofi-mensha-ceramics for my work.", True),
    ("I am a coordinater at a youth centre.", False),
    ("I am studying moleculer biology.", False),
])
def test_a_noun_from_a_verb_in_e_and_a_link_path_are_not_slips(text: str, known: bool) -> None:
    from exercises.grading.spelling import misspellings

    assert (misspellings(text) == []) is known


@pytest.mark.parametrize("goal", [
    "I'd like to ask people in trades how they picked theirs.",
    "I want to learn what a week looks like for people in health-related work.",
])
def test_trades_or_some_related_work_name_no_target(rules_only: None, goal: str) -> None:
    assert not grade_goal(goal).check("goal.names_target").passed


def test_whenever_the_workshop_is_quiet_is_flexible(rules_only: None) -> None:
    r = pitch("Could I drop by for 20 minutes, whenever the workshop is quiet?")
    assert r.check("pitch.flexible_scheduling").passed


def test_having_toured_their_site_is_a_connection(rules_only: None) -> None:
    r = pitch("Our class toured your mill in March. Could we talk for 20 minutes?")
    assert r.check("pitch.connection").passed


@pytest.mark.parametrize("first, second", [
    ("What do you enjoy most about the job?", "Which part of the work do you find most enjoyable?"),
    ("What are the main frustrations in the role?", "What's the most frustrating part of it?"),
])
def test_enjoyable_and_frustrations_ask_the_same_as_enjoy_and_frustrating(
        first: str, second: str) -> None:
    from exercises.grading import grade_questions

    r = grade_questions(f"1. How did you get started in upholstery?\n2. {first}\n"
                        f"3. What does a normal week look like?\n4. {second}\n"
                        "5. Who else should I talk to?", minutes=20)
    assert not r.check("questions.no_duplicates").passed


@pytest.mark.parametrize("word", ["merch", "enduro", "abuela"])
def test_loanwords_and_trade_words_in_the_allow_list_are_not_slips(word: str) -> None:
    from exercises.grading.spelling import misspellings

    assert misspellings(f"My {word} story is a long one.") == []


@pytest.mark.parametrize("goal", [
    "I want to understand how new sensors are changing collision repair for small shops.",
    "Find out what car detailers like and dislike about running a mobile van.",
])
def test_collision_repair_and_detailers_name_a_target(rules_only: None,
                                                                  goal: str) -> None:
    assert grade_goal(goal).check("goal.names_target").passed


def test_land_and_asap_name_no_target(rules_only: None) -> None:
    # A bare job hunt: "land" is the verb, "asap" the deadline; neither is a field.
    assert not grade_goal("land a job asap").check("goal.names_target").passed


@pytest.mark.parametrize("text, known", [
    # Tagalog phrases read as another language; one Tagalog-looking word alone is a slip.
    ("Salamat po sa time ninyo, pwede po ba tayong mag-usap next week?", True),
    ("Thanks again, and ingat always!", True),  # a Tagalog sign-off, in the allow list
    ("I would like to ask kung you have time.", False),
    ("I could've asked about the climbing ticket sooner.", True),
    ("Our groundmen at SK hynix and kakao use phasor diagrams.", True),
    ("He has worked in the jua kali sector for years.", True),
    # A contraction of a word that is not listed is still a slip.
    ("I woudl've asked sooner.", False),
])
def test_tagalog_contractions_lower_case_brands_and_trade_words(text: str, known: bool) -> None:
    from exercises.grading.spelling import misspellings

    assert (misspellings(text) == []) is known


@pytest.mark.parametrize("note", [
    "Thanks for Saturday. As you advised, I will keep a daily logbook from my first week.",
    "Thanks for the call. I'm going to put my application in with the utility program.",
])
def test_a_logbook_or_an_application_is_a_next_step(rules_only: None, note: str) -> None:
    from exercises.grading.thanks import grade_thank_you

    assert grade_thank_you(note).check("thanks.next_step").passed


@pytest.mark.parametrize("text", [
    "My aunt worked with you at Kapsabet County Referral. Could we talk for 20 minutes? Thanks.",
    "I would love to hear about your first year on the job. Could we talk for 20 minutes? Thanks.",
])
def test_a_referral_hospital_and_a_first_year_on_the_job_ask_for_no_job(
        rules_only: None, text: str) -> None:
    assert pitch(text).check("pitch.no_job_ask").passed


@pytest.mark.parametrize("goal", [
    "Learn how staff at international firms grow their careers, since I hope to work in an "
    "international environment one day.",
    "Find out how people with chemistry degrees end up in business side jobs.",
    "Hear how people in corporate jobs fit evening classes around their work.",
    "Talk to a few people who do practical jobs about what their weeks look like.",
    "I need work soon, anything in Leeds, so I want people to refer me.",
    # where they came from is their background, not what the goal explores
    "Learn which office jobs former flight attendants move into.",
])
def test_settings_backgrounds_and_kinds_of_work_name_no_target(rules_only: None,
                                                               goal: str) -> None:
    assert not grade_goal(goal).check("goal.names_target").passed


@pytest.mark.parametrize("goal", [
    "Understand whether heat pump installation is a sensible first specialism after college.",
    "Learn what a first year in corporate finance at a mid-sized bank is like.",
    "Learn what flight attendants do between long-haul rotations.",
])
def test_heat_pumps_and_corporate_finance_name_a_target(rules_only: None, goal: str) -> None:
    assert grade_goal(goal).check("goal.names_target").passed


@pytest.mark.parametrize("line", [
    "Could we talk for 20 minutes? I can adjust to Singapore time, mornings or nights.",
    "Could we talk for 20 minutes? Please advise when it would be convenient to speak.",
    "Could we talk for 20 minutes, whatever fits round your shifts?",
    "Could we talk for 20 minutes when you've time?",
])
def test_fitting_round_them_is_flexible(rules_only: None, line: str) -> None:
    assert pitch(line).check("pitch.flexible_scheduling").passed


def test_a_cv_changed_on_their_advice_is_a_next_step(rules_only: None) -> None:
    text = "I have updated my CV according to your suggestion to put the lab project first."
    assert note(text).check("thanks.next_step").passed


@pytest.mark.parametrize("line", [
    "I'd like to take you up on your offer of a visit to the depot in spring.",
    "Let me know if you ever do another site walk I could join!",
])
def test_their_offer_or_their_next_event_keeps_in_touch(rules_only: None, line: str) -> None:
    assert note(line).check("thanks.keeps_in_touch").passed


@pytest.mark.parametrize("text, known", [
    ("I read manga and some anime reviews in my free time.", True),
    ("Trading houses like sogo shosha hire many graduates.", True),
    ("My uncle has a semicondutor plant in Hsinchu.", False),  # long word, one edit off
    ("The old coasters need a lot to keep them runing.", False),  # "running", not "rune"
])
def test_loanwords_long_slips_and_undoubled_ing(text: str, known: bool) -> None:
    from exercises.grading.spelling import misspellings

    assert (misspellings(text) == []) is known


@pytest.mark.parametrize("question", [
    "Could you let me work in your bakery as a trainee?",
    "Could you let me know if you need any help in the salon this summer?",
])
def test_letting_me_work_or_help_in_their_place_is_a_job_ask(question: str) -> None:
    assert "job_ask" in classify_question(question).flags


def test_teach_me_asks_for_an_explanation() -> None:
    assert "closed" not in classify_question(
        "Could you teach me which tools a beginner should buy first?").flags


@pytest.mark.parametrize("goal", [
    "Learn what it takes to stay in the skilled trades for thirty years.",
    "Hear from people who work in customers' homes how they handle awkward visits.",
])
def test_the_skilled_trades_and_customers_homes_name_no_target(rules_only: None,
                                                               goal: str) -> None:
    assert not grade_goal(goal).check("goal.names_target").passed


@pytest.mark.parametrize("text", [
    "We work onsite with septage trucks, so my skillset keeps growing.",
    "Mabrook on the new role, and insha Allah we meet soon.",
    "I lived on a flotel for two rotations.",
    "Thanks again for the advice.\n\nChen Yu-hsuan",
])
def test_trade_words_arabic_wishes_and_hyphenated_given_names(text: str) -> None:
    from exercises.grading.spelling import misspellings

    assert misspellings(text) == []


@pytest.mark.parametrize("text, known", [
    ("Thanks again.\n\nSincerly,\nTom", False),
    ("Thanks again.\n\nGratefuly,\nTom", False),
    # inside a line, short or unlisted capitalised words stay names or other languages
    ("Subject: Demande de stage\n\nDana said the shift was long.", True),
    ("I met Rachael there, and Rachael said hello.", True),
])
def test_long_capitalised_slips_alone_on_a_sign_off_line(text: str, known: bool) -> None:
    from exercises.grading.spelling import misspellings

    assert (misspellings(text) == []) is known


@pytest.mark.parametrize("text, known", [
    ("I want to ask about your carrer in audit.", False),  # "career", not "carr" + "er"
    # a subject line's capitalised words stay names or other languages, not slips
    ("Subject: Demande de stage chez Ortiz\n\nBonjour,", True),
    ("Subject: Metropolia Student About Apprentie Roles\n\nHei,", True),
    ("We toured the cidery, met the maltster and I learnt to bartend.", True),
    ("Apa said the nano brewery needs a shift lead, yaar.", True),
])
def test_carrer_cider_trade_words_and_subject_lines(text: str, known: bool) -> None:
    from exercises.grading.spelling import misspellings

    assert (misspellings(text) == []) is known


def test_a_repeated_misspelling_is_named_once() -> None:
    from exercises.grading.spelling import spelling_check

    check, n = spelling_check("thanks", "The recieve step and the recieve log.")
    assert n == 2 and check.message.count("recieve") == 1, check.message


@pytest.mark.parametrize("line", [
    "I hope we can continue in contact after my exams.",
    "I will keep following your posts about the co-op.",
    "I hope I can continue to learn from you as I go.",
])
def test_following_their_posts_or_staying_in_contact_keeps_in_touch(rules_only: None,
                                                                     line: str) -> None:
    assert note(line).check("thanks.keeps_in_touch").passed


@pytest.mark.parametrize("line", [
    "I allready signed up for the spring workshop.",
    "ill def look into the first-aid course u mentioned",
    "I will take your advice and do the forklift course before applying.",
    "I will use your advice as I compare the two colleges.",
])
def test_a_misspelt_or_casual_plan_is_a_next_step(rules_only: None, line: str) -> None:
    assert note(line).check("thanks.next_step").passed


def test_valuing_their_view_on_something_is_a_learning_purpose(rules_only: None) -> None:
    text = "Could I have 20 minutes of your time? I would value your view on the first year."
    assert pitch(text).check("pitch.learning_purpose").passed


@pytest.mark.parametrize("line", [
    "Could we speak for 20 minutes some evening, whatever is easy for you?",
    "Could we speak for 20 minutes? Let me know when you can talk.",
])
def test_whatever_is_easy_for_them_is_flexible(rules_only: None, line: str) -> None:
    assert pitch(line).check("pitch.flexible_scheduling").passed


@pytest.mark.parametrize("question", [
    "Can I do my 80 hours of placement in your clinic?",
    "Could I shadow you so it counts toward my practicum hours?",
    "Could I shadow you for two weeks in the summer holidays?",
    "Could you introduce me to your manager so I can ask about the trainee openings?",
])
def test_doing_my_placement_hours_with_them_is_a_job_ask(question: str) -> None:
    assert "job_ask" in classify_question(question).flags


def test_an_apprentice_in_any_trade_names_no_target(rules_only: None) -> None:
    goal = "Get taken on as an apprentice in any trade by the summer."
    assert not grade_goal(goal).check("goal.names_target").passed


def test_a_cidery_or_distillery_is_a_target(rules_only: None) -> None:
    assert grade_goal("Learn how people get trained in small cideries.").check(
        "goal.names_target").passed


def test_what_got_you_interested_repeats_how_did_you_start() -> None:
    from exercises.grading.similarity import find_duplicates

    questions = ["What got you interested in surveying?", "What inspired you to become a surveyor?",
                 "How is the surveying industry changing?"]
    assert find_duplicates(questions) == [(0, 1)]


def test_a_path_question_inside_a_trend_question_is_no_duplicate() -> None:
    from exercises.grading.similarity import find_duplicates

    questions = ["How did you get into pet aftercare?",
                 "How is the pet aftercare industry changing?"]
    assert find_duplicates(questions, categories=["path", "trends"]) == []


@pytest.mark.parametrize("question", [
    "Who is the chief engineer at Severn Trent?",
    "What does Halden Foods sell apart from flour?",
    "What lens brands does your shop stock?",
])
def test_a_named_firms_chief_or_stock_is_googleable(question: str) -> None:
    assert "googleable" in classify_question(question).flags


def test_shadowing_for_a_day_is_not_a_job_ask() -> None:
    assert "job_ask" not in classify_question("Could I shadow you for a day sometime?").flags


@pytest.mark.parametrize("text, known", [
    ("The forecast holds, j'espère, for the fair.", True),  # accents after an apostrophe
    ("Send whichever slot is easyer for you.", False),  # a consonant before y takes -ier
    ("Which traning did you find most useful?", False),  # "training", not rare "tran" + "ing"
    ("We went karting and I was repping the club.", True),  # a swap or a double, no lost letter
    ("That stat about aeroplanes and tornadic storms stayed with me.", True),
    ("The scopist cleans up depos, and the captionist works live.", True),
    ("I wrote the configs in numpy, khob khun krub.", True),
])
def test_accented_clitics_y_endings_rare_stems_and_trade_words(text: str, known: bool) -> None:
    from exercises.grading.spelling import misspellings

    assert (misspellings(text) == []) is known


@pytest.mark.parametrize("line", [
    "I will inform you my exam result in June.",
    "May I check back with you after the trial month?",
    "I hope to stop by your stall at the spring fair.",
    "I would be glad to send you my finished sketch.",
    "I will send you one page of notes every Monday.",
])
def test_reporting_results_and_dropping_by_keep_in_touch(rules_only: None, line: str) -> None:
    assert note(line).check("thanks.keeps_in_touch").passed


def test_offering_a_cv_is_no_keep_in_touch(rules_only: None) -> None:
    assert not note("I would be happy to send you my CV.").check("thanks.keeps_in_touch").passed


def test_a_filled_form_is_a_next_step(rules_only: None) -> None:
    assert note("I have filled in the application for the evening course.").check(
        "thanks.next_step").passed


def test_minutes_on_their_move_is_a_learning_purpose(rules_only: None) -> None:
    assert pitch("Could I have 15 minutes on your move into teaching?").check(
        "pitch.learning_purpose").passed


@pytest.mark.parametrize("line", [
    "Could we talk for 20 minutes? I can call any afternoon.",
    "Could we talk for 20 minutes at your convinience?",
    "Could we talk for 20 minutes in the next two weeks?",
])
def test_any_afternoon_a_misspelt_convenience_and_a_window_are_flexible(rules_only: None,
                                                                        line: str) -> None:
    assert pitch(line).check("pitch.flexible_scheduling").passed


@pytest.mark.parametrize("text", [
    "Hi Rosa, I was in your pottery class last spring. Could we talk?",
    "Hi Rosa, I am teacher and now learning CAD. Could we talk?",
    "Hi Rosa, I volunteer with the canal trust. Could we talk?",
    "Hi Rosa, I completed the basic barista course in May. Could we talk?",
])
def test_a_status_without_a_name_introduces_the_writer(rules_only: None, text: str) -> None:
    assert grade_pitch(text).check("pitch.introduces_self").passed


@pytest.mark.parametrize("line", [
    "I am much obliged for any time you can spare.",
    "Could we talk for 20 minutes? Ta",
    "Could we talk for 20 minutes? Khop khun krub.",
])
def test_obliged_ta_and_thai_thanks_close_politely(rules_only: None, line: str) -> None:
    assert grade_pitch("Hi Rosa, I am a welder. " + line).check("pitch.polite_close").passed


@pytest.mark.parametrize("line", [
    "Are there any oppertunities to start as an improver?",
    "Do you take on new trainees at the moment?",
    "Would you train me as a signwriter?",
    "Could you pass any jobs you turn down to me?",
    "Could you look over my CV and say if it suits German firms?",
    "Is your department hiring this year?",
    "Maybe you know some vacancy for a junior tester?",
    "If you have any overflow work, I am free straight away.",
    "Could you give me the chance of a placement on your ward?",
])
def test_work_passed_on_training_and_vacancies_are_job_asks(rules_only: None, line: str) -> None:
    assert not pitch(line).check("pitch.no_job_ask").passed


@pytest.mark.parametrize("line", [
    "You clearly have a lot of impressive experience.",
    "I heard you are having great knowledge of the field.",
])
def test_praise_for_their_experience_is_no_reason(rules_only: None, line: str) -> None:
    text = "Hi Rosa, I am a welder. " + line + " Could we talk for 20 minutes? Thanks"
    assert not grade_pitch(text).check("pitch.why_them").passed


@pytest.mark.parametrize("line", [
    "I noticed you are shift supervisor at Harbour Foods.",
    "I enjoyed your writing on night-shift rotas.",
    "Your practice has been taking on more rural clients.",
])
def test_their_role_writing_or_firm_news_is_a_reason(rules_only: None, line: str) -> None:
    text = "Hi Rosa, I am a welder. " + line + " Could we talk for 20 minutes? Thanks"
    assert grade_pitch(text).check("pitch.why_them").passed


@pytest.mark.parametrize("line", [
    "Saw on here you run a sign shop in Hull.",
    "Leeds '21 here too!",
    "I studied at your old college in Derby.",
    "My uncle has worked for years at your depot.",
])
def test_on_here_shared_schools_and_family_are_connections(rules_only: None, line: str) -> None:
    text = "Hi Rosa, I am a welder. " + line + " Could we talk for 20 minutes? Thanks"
    assert grade_pitch(text).check("pitch.connection").passed


@pytest.mark.parametrize("goal", [
    "Learn what the work is like in a hands-on trade.",
    "Find out whether the physical side would suit me.",
])
def test_a_hands_on_trade_or_the_shifts_name_no_target(rules_only: None, goal: str) -> None:
    assert not grade_goal(goal).check("goal.names_target").passed


@pytest.mark.parametrize("line", [
    "Your bakery was recommended to me by my evening-class tutor.",
    "saw your insta and had to message, love your stuff.",
    "I saw you are listed as the mentor for new guild members.",
    "I heard about Millbank Farm from the county training day.",
    "I saw your chart of old apple varieties in the Orchard Weekly article.",
    "I'm 16 and keen on signwriting after reading about your taster scheme.",
    # saying that a piece of theirs stayed with you says you read it
    "Your guide to sash windows, and the bit about old paint layers, stayed with me.",
    "your 'first year mistakes' list made my day",
    "Your video series on lime mortar really helped me.",
])
def test_a_recommendation_a_listing_a_feature_or_their_piece_is_a_connection(
    rules_only: None, line: str
) -> None:
    text = "Hi Rosa, I am a welder. " + line + " Could we talk for 20 minutes? Thanks"
    assert grade_pitch(text).check("pitch.connection").passed


@pytest.mark.parametrize("line", [
    "I'd love to hear how the new kiln works out.",
    "When I open in May I will call you and tell everything.",
])
def test_asking_how_it_went_and_promising_a_call_keep_in_touch(rules_only: None,
                                                               line: str) -> None:
    assert note(line).check("thanks.keeps_in_touch").passed


@pytest.mark.parametrize("line", [
    "Could we talk sometime when your week is calmer?",
    "Could we meet for 20 minutes when you will be in Leeds next?",
    "Could I ask 15 min about your path this month?",
])
def test_a_quieter_week_their_next_visit_or_this_month_is_flexible(rules_only: None,
                                                                   line: str) -> None:
    assert pitch(line).check("pitch.flexible_scheduling").passed


@pytest.mark.parametrize("question, job_ask", [
    # "recommend me X" is how many writers say "recommend X to me": advice, not a job ask
    ("Which courses do you recommend me to take first?", False),
    ("Could you recommend me some books on pricing?", False),
    ("Could you recommend me someone at the port I can interview?", False),
    ("Could you recommend me for the trainee post in March?", True),
    ("If the depot takes on drivers, could you recommend me?", True),
    # what employers do about visas is a question about the field
    ("Do firms here help with the visa for new graduates?", False),
])
def test_recommend_me_is_a_job_ask_only_when_it_puts_the_asker_forward(
    question: str, job_ask: bool
) -> None:
    assert ("job_ask" in classify_question(question).flags) is job_ask


def test_and_also_joins_a_second_question() -> None:
    question = ("Could you suggest how to practise for the test and also what to read for "
                "the theory?")
    flags = classify_question(question).flags
    assert "double_barreled" in flags


@pytest.mark.parametrize("text", [
    "I want to learn tebori and sumi shading from you.",
    "I run six nucs and one Warre hive.",
    "I took the ielts last spring and want to teach it.",
    "Nasiba opa showed me the suzani and the tandir patir.",
    "I make ghanti bells and polish on a scaife.",
])
def test_trade_words_and_honorifics_from_the_rounds_are_known(text: str) -> None:
    from exercises.grading.spelling import misspellings

    assert misspellings(text) == []


@pytest.mark.parametrize("line", [
    "We're going to ask the council about a stall licence next week.",
    "We're going to try a deposit on the next commission.",
])
def test_a_plan_said_for_two_or_a_thing_to_try_is_a_next_step(rules_only: None,
                                                             line: str) -> None:
    assert note(line).check("thanks.next_step").passed


def test_trying_to_keep_in_touch_is_still_no_next_step(rules_only: None) -> None:
    assert not note("I will try my best to stay in touch.").check("thanks.next_step").passed


def test_landing_a_trainee_place_is_job_seeking(rules_only: None) -> None:
    goal = "I want to land a trainee place at a shipping firm and learn what the tests are like."
    assert not grade_goal(goal).check("goal.not_job_seeking").passed


@pytest.mark.parametrize("question", [
    "Could you give a look to my CV before I apply to your firm?",
    "Would you pass my showreel on to the studio's producer?",
    "Could you take a look to my reel?",
])
def test_looking_over_or_passing_on_a_reel_or_cv_is_a_job_ask(question: str) -> None:
    assert "job_ask" in classify_question(question).flags


@pytest.mark.parametrize("first, second", [
    ("Which skills from a doctorate are valued in industry?",
     "What skills from the PhD are appreciated in industry?"),
    ("What skills matter most in rigging?", "What are the most important skills in rigging?"),
    ("What qualifications do you need to be a surveyor?",
     "What degree is needed to become a surveyor?"),
    ("What is the biggest challenge with scheduling?",
     "What is the biggest headache with scheduling?"),
    # the other forms folded with them
    ("What do doctoral graduates do in industry?", "What do PhD graduates do in industry?"),
    ("Which skill matters most in rigging?", "Which skill is most important in rigging?"),
    ("Which degrees do surveyors need?", "Which qualifications do surveyors need?"),
    ("What are the biggest headaches with scheduling?",
     "What are the biggest challenges with scheduling?"),
    ("How do you get insured as a freelance rigger?",
     "How do you get insurance as a freelance rigger?"),
])
def test_synonyms_from_the_rounds_make_a_repeat(first: str, second: str) -> None:
    from exercises.grading.similarity import find_duplicates

    assert find_duplicates([first, second]) == [(0, 1)]


def test_observatory_shift_words_are_known() -> None:
    from exercises.grading.spelling import misspellings

    assert misspellings("How do the obs crews split the turno, and how long are turnos?") == []
