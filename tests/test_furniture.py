"""Page-furniture detection on hand-written pages, the seeds and the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nato_timeline.furniture import default_rules, detect_furniture, parse_rules
from nato_timeline.read import read_file, read_text

HERE = Path(__file__).parent
DATA = HERE / "data" / "read"
SEEDS = HERE.parent / "seeds"
DEV = HERE.parent.parent / "shared" / "data" / "nato-russia-dev"
if not DEV.is_dir():
    DEV = Path("/work/shared/data/nato-russia-dev")


def reasons_of(body: str) -> dict[str, str]:
    """Each furniture line (stripped) mapped to its reason."""
    out = {}
    for f in detect_furniture(body):
        for line in f.text.splitlines():
            if line.strip():
                out[line.strip()] = f.reason
    return out


def sentence_texts(doc) -> list[str]:
    return [s.text for s in doc.sentences]


# ----------------------------------------------------------------- own pages


@pytest.mark.parametrize(
    ("file", "furniture", "content"),
    [
        (
            "share_and_bio.txt",
            {
                "share on:": "share",
                "Share this article": "share",
                "Facebook": "share",
                "Twitter": "share",
                "About the author": "author-bio",
                "Maria Lindqvist covers European security for the paper. She joined the newsroom in 2015.": "author-bio",
                "Contact: m.lindqvist@example.org": "author-bio",
            },
            ["Envoys from the alliance and from Moscow met in Vienna on 3 March 2021 to review the arms-control agenda."],
        ),
        (
            "comment_form.txt",
            {
                "4 Comments": "comment-form",
                "Leave a comment": "comment-form",
                "Your email address will not be published. Required fields are marked *": "comment-form",
                "Name *": "comment-form",
                "Website": "comment-form",
                "Notify me of new comments via email.": "comment-form",
                "Post Comment": "comment-form",
            },
            ["Observers from partner countries will be invited to two of the drills."],
        ),
        (
            "prev_next_teaser.txt",
            {
                "Short of time?": "teaser",
                "Read the digest": "teaser",
                "« Previous post": "navigation",
                "Parliament debates the defence budget": "link-title",
                "Next post »": "navigation",
                "Harbour upgrade finished ahead of schedule": "link-title",
            },
            ["The foreign ministers of the alliance met in Riga on 30 November 2021.", "Foreign ministers meet in Riga"],
        ),
        (
            "newsletter_cookie.txt",
            {
                "Skip to content": "navigation",
                "Home": "navigation",
                "Opinion": "navigation",
                "Sign up for our daily newsletter to get the top stories in your inbox.": "newsletter",
                "We use cookies to improve your experience. By continuing you accept our cookie policy.": "cookie",
                "Accept all cookies": "cookie",
                "Related articles": "navigation",
            },
            ["Summit communique published", "The heads of state published their communique on 11 July 2023."],
        ),
        (
            "byline_top.txt",
            {"By Peter van Aalst and Ines Moreau": "byline", "Follow the author": "author-bio"},
            ["Negotiators returned to the table in Geneva on Tuesday, ending a pause of almost a year."],
        ),
    ],
)
def test_own_pages(file: str, furniture: dict[str, str], content: list[str]) -> None:
    body = (DATA / file).read_text(encoding="utf-8")
    found = reasons_of(body)
    for line, reason in furniture.items():
        assert found.get(line) == reason, (line, found.get(line))
    doc = read_file(DATA / file)[0]
    texts = sentence_texts(doc)
    for sentence in content:
        assert sentence in texts
    for line in furniture:
        assert not any(line in t for t in texts), line


@pytest.mark.parametrize(
    "body",
    [
        # prose that mentions furniture words is content
        "NATO allies share intelligence on Russian movements.\n\nThe comment came after the summit ended on Tuesday.",
        "Russia and Ukraine are next to each other. Next, the ministers met in Paris.",
        "The author of the report, a former ambassador, said the talks had failed.",
        "Subscribers to the treaty agreed to meet in 2024 to review it.",
        # a caption line at the end (date, no final stop) is kept
        "The alliance met in Madrid.\n\nLeaders pose for a photo in Madrid on June 29, 2022",
        # infobox lines glued to labels are kept
        "Treaty on Open Skies\n\nThe treaty was signed in Helsinki.\n\nSigned24 March 1992\nLocationHelsinki, Finland\nEffective1 January 2002",
        # two short headings in the middle are not a menu
        "Intro text about the treaty.\n\nHistory\n\nBackground\n\nThe treaty was negotiated in the 1980s.",
    ],
)
def test_no_false_positives(body: str) -> None:
    assert detect_furniture(body) == []


def test_glued_more_label_is_only_the_label() -> None:
    body = "News list\nThe alliance issued statements.\nmoreMinisters meet in Oslo\n01 Jan. 2020The ministers met.\nmore"
    furn = detect_furniture(body)
    assert [(f.text, f.reason) for f in furn] == [("more", "navigation"), ("more", "navigation")]
    doc = read_text(body)
    assert "Ministers meet in Oslo" in sentence_texts(doc)


def test_email_line_and_tail_rule() -> None:
    body = (
        "Talks in Geneva\n\nThe delegations met on Monday. They will meet again.\n\n"
        "Write to us: desk@example.com\n\nMore from this section\nTop ten stories"
    )
    found = reasons_of(body)
    assert found["Write to us: desk@example.com"] == "email"
    assert found["Top ten stories"] == "tail"  # after other tail furniture


def test_furniture_spans_are_exact_and_ordered() -> None:
    for path in sorted(DATA.glob("*.txt")) + sorted(SEEDS.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        furn = detect_furniture(body)
        for f in furn:
            assert body[f.start : f.end] == f.text
        assert all(a.end <= b.start for a, b in zip(furn, furn[1:]))


def test_rules_come_from_the_data_file() -> None:
    rules = default_rules()
    names = {name for name, _ in rules.patterns}
    assert {"share", "navigation", "newsletter", "comment-form", "author-bio"} <= names
    custom = parse_rules(["[share]\nspread the word\n"])
    assert [(f.text, f.reason) for f in detect_furniture("Real text here.\nSpread the word", rules=custom)] == [
        ("Spread the word", "share")
    ]
    with pytest.raises(ValueError):
        parse_rules(["pattern before any section\n"])


def test_repeated_lines() -> None:
    from nato_timeline.furniture import RepeatedLines
    from nato_timeline.pipeline import with_furniture

    a = "Site Daily\nThe council met on Monday.\nAll rights reserved by Site Daily\n"
    b = "Site Daily\nThe ministers met on Friday.\nAll rights reserved by Site Daily\nAll rights reserved by Site Daily\n"
    c = "Other text.\n"
    docs = [_doc(a, "site/a.txt"), _doc(b, "site/b.txt"), _doc(c, "site/c.txt")]
    for min_docs, expected in ((2, ["Site Daily", "All rights reserved by Site Daily"]), (3, [])):
        seen = RepeatedLines(min_docs)
        for d in docs:
            seen.add(d)
        assert [f.text for f in seen.spans(docs[0])] == expected
    # the title is found when the page is read, before the site is known, so it stays
    seen = RepeatedLines()
    for d in docs:
        seen.add(d)
    doc = read_text(a, path="site/a.txt")
    doc = with_furniture(doc, seen.spans(doc))
    assert doc.title == "Site Daily"
    assert "All rights reserved by Site Daily" not in sentence_texts(doc)


# ----------------------------------------------------------------- seeds


def seed(prefix: str):
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return read_file(path)[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
@pytest.mark.parametrize(
    ("prefix", "absent", "present"),
    [
        ("000", ["No time to read", "Get a summary", "Previous Article", "Next Article", "Defence Investment Trends"],
         ["The last formal meeting of the Russia-NATO Council took place in January of the previous year"]),
        ("001", ["Author:", "E-mail", "Share to friends", "Rate author", "Add a comment", "Function:", "USTV"],
         ["The NATO-Russia Council has existed in its previous form since 2002.", "Stoltenberg meets US President Biden"]),
        ("002", ["share on"],
         ["The NATO-Russia Council met in Brussels on January 12, to discuss the situation"]),
        ("003", ["commenting using", "Leave a Reply", "Fill in your details", "Connecting to", "Facebook photo", "Logo"],
         ["On December 17, 2021, the Russian Foreign Ministry published the draft agreements",
          "The council meeting marked the second stage in a series of talks"]),
        ("004", ["moreNews", "moreNATO"],
         ["NATO Secretary General meets world leaders in New York", "05 Oct. 2015I just met with the Foreign Minister of Turkey"]),
    ],
)
def test_seed_furniture_removed(prefix: str, absent: list[str], present: list[str]) -> None:
    doc = seed(prefix)
    texts = sentence_texts(doc)
    for word in absent:
        assert not any(word in t for t in texts), word
    for start in present:
        assert any(t.startswith(start) for t in texts), start
    assert doc.title and doc.title in texts  # the title is content
    assert not doc.in_furniture(*next((s.start, s.end) for s in doc.sentences if s.text == doc.title))
    assert texts[-1] != "more"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_seed_004_more_lines() -> None:
    doc = seed("004")
    assert [f.text for f in doc.furniture] == ["moreNews", "more", "more", "more"]


# ----------------------------------------------------------------- dev set


@pytest.mark.skipif(not (DEV / "gold_events.jsonl").is_file(), reason="dev set not present")
def test_gold_evidence_is_never_furniture(capsys) -> None:
    docs = {}
    overlaps = []
    missing = []
    events = [json.loads(line) for line in (DEV / "gold_events.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    for g in events:
        if g["file"] not in docs:
            docs[g["file"]] = read_file(DEV / "docs" / g["file"])[0]
        doc = docs[g["file"]]
        s, e = g["evidence_start"], g["evidence_end"]
        assert doc.body[s:e] == g["evidence"]
        if doc.in_furniture(s, e):
            overlaps.append((g["file"], g["evidence"][:60]))
        if not any(x.start < e and s < x.end for x in doc.sentences):
            missing.append((g["file"], g["evidence"][:60]))
    with capsys.disabled():
        print(f"\n[dev set] {len(events)} gold evidence spans, {len(overlaps)} overlap furniture, "
              f"{len(missing)} without a sentence")
    assert overlaps == []
    assert missing == []


@pytest.mark.skipif(not (DEV / "docs").is_dir(), reason="dev set not present")
def test_dev_set_obvious_furniture() -> None:
    by_name = {p.name[:2]: read_file(p)[0] for p in (DEV / "docs").glob("*.txt")}
    # the title found is the one the set's metadata gives (which may add a revision note)
    titles = {m["file"][:2]: m["title"] for m in map(json.loads, (DEV / "docs.jsonl").read_text(encoding="utf-8").splitlines())}
    for key in ("09", "02"):
        assert by_name[key].title and titles[key].startswith(by_name[key].title), key
    for key, needle in [("09", "Jump to content"), ("09", "From Wikipedia"), ("14", "More to Discover"), ("02", "daily almanac")]:
        doc = by_name[key]
        assert not any(needle in s.text for s in doc.sentences), (key, needle)
        assert any(needle in f.text for f in doc.furniture), (key, needle)


# ------------------------------------------------------------------ lines repeated across a site
def _doc(body, path="site/a.txt", url=None, publisher=None):
    from nato_timeline.records import Document

    return Document(name=path.rsplit("/", 1)[-1], path=path, body=body, sha256="x", url=url, publisher=publisher)


def test_site_furniture_marks_lines_shared_by_different_pages_of_a_site():
    from nato_timeline.furniture import site_furniture

    menu = "Home | World | Europe"
    a = _doc(f"{menu}\nNATO met in Brussels on Monday.\nShare this story\n", "site/a.txt")
    b = _doc(f"{menu}\nRussia expelled diplomats on Tuesday.\nShare this story\n", "site/b.txt")
    c = _doc(f"{menu}\nA story of another site.\n", "other/c.txt")
    fa, fb, fc = site_furniture([a, b, c])
    assert [f.text for f in fa] == [menu, "Share this story"]
    assert all(f.reason == "repeated" for f in fa + fb)
    assert [a.body[f.start:f.end] for f in fa] == [menu, "Share this story"]
    assert fc == []  # another folder is another site


def test_site_furniture_copies_of_one_story_keep_their_text():
    from nato_timeline.furniture import site_furniture

    story = "Headline\nNATO and Russia met in Brussels on Monday to discuss the crisis in Ukraine.\n"
    assert site_furniture([_doc(story, "s/a.txt"), _doc(story, "s/b.txt")]) == [[], []]


def test_site_is_publisher_then_url_host_then_folder():
    from nato_timeline.furniture import site_furniture, site_key

    assert site_key(_doc("x", publisher=" The  Paper ")) == "publisher:the paper"
    assert site_key(_doc("x", url="https://www.example.org/a/b")) == "host:example.org"
    assert site_key(_doc("x", path="/data/feed/a.txt")) == "folder:/data/feed"
    line = "Subscribe to our newsletter"
    a = _doc(f"First story happened here.\n{line}\n", "x/a.txt", url="https://example.org/1")
    b = _doc(f"Second story happened there.\n{line}\n", "y/b.txt", url="http://www.example.org/2")
    assert [[f.text for f in fs] for fs in site_furniture([a, b])] == [[line], [line]]
    with pytest.raises(ValueError):
        site_furniture([a], min_docs=0)


def test_extract_document_takes_extra_furniture():
    from nato_timeline.furniture import site_furniture
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_text
    from nato_timeline.temporal.types import PartialDate

    promo = "Read our report on the summit held in Madrid on 29 June 2022"
    a = read_text(f"Russia and NATO met in Vienna on 3 March 2021.\n\n{promo}\n", name="a.txt", path="s/a.txt",
                  published=PartialDate(2021, 3, 5))
    b = read_text(f"The council met in Brussels on 4 March 2021.\n\n{promo}\n", name="b.txt", path="s/b.txt",
                  published=PartialDate(2021, 3, 5))
    plain = extract_document(a)
    assert "2022-06-29" in {e.date_value for e in plain.events}
    fa, _ = site_furniture([a, b])
    ex = extract_document(a, fa)
    assert {e.date_value for e in ex.events} == {"2021-03-03"}
    assert ex.document.in_furniture(a.body.index(promo), a.body.index(promo) + 5)
    assert all(promo not in s.text for s in ex.document.sentences)


def test_a_site_name_repeated_as_first_line_is_not_the_title_and_content_stays():
    from nato_timeline.furniture import site_furniture
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_text
    from nato_timeline.temporal.types import PartialDate

    site = "Example Daily News"
    pages = [
        f"{site}\nCouncil Meets in Brussels\nThe NATO-Russia Council met in Brussels on 12 January 2022.\n",
        f"{site}\nRussia Expels Diplomats\nRussia expelled eight diplomats on 6 October 2021.\n",
        f"{site}\nNATO ministers met on Tuesday to talk.\n",  # no headline: the title found on reading stays
    ]
    docs = [read_text(b, name=f"{i}.txt", path=f"s/{i}.txt", published=PartialDate(2022, 1, 13))
            for i, b in enumerate(pages)]
    assert [d.title for d in docs[:2]] == [site, site]  # what the page alone suggests
    extracted = [extract_document(d, f) for d, f in zip(docs, site_furniture(docs))]
    assert [e.document.title for e in extracted] == ["Council Meets in Brussels", "Russia Expels Diplomats", site]
    assert [[ev.date_value for ev in e.events] for e in extracted][:2] == [["2022-01-12"], ["2021-10-06"]]
    assert "NATO ministers met on Tuesday to talk." in [s.text.strip() for s in extracted[2].document.sentences]
    assert all(site not in s.text for e in extracted for s in e.document.sentences)


def test_a_sentence_broken_over_short_lines_is_no_menu() -> None:
    # a page whose links broke a sentence: a short line after a comma, and lower-case
    # lines after it, go on with the sentence
    body = ("The harbour board met twice in 2019.\n"
            "On 4 May 2019,\nMayor Nordmann visited Bergen\nto open the new\nferry quay and its\nlights.\n"
            "The quay is the longest in the county and cost four million crowns to build.\n")
    assert detect_furniture(body) == []
    # ... also at the end of a text, where short lines are otherwise a stray tail
    assert detect_furniture("The harbour board met twice in 2019.\nOn 4 May 2019,\nMayor Nordmann\nvisited Bergen.\n") == []
    from nato_timeline.pipeline import extract_document

    found = extract_document(read_text(body, name="quay.txt")).events
    assert [(c.date_value, c.title) for c in found if c.date_value == "2019-05-04"] == [
        ("2019-05-04", "Mayor Nordmann visits Bergen")]
    # ... while a run of short capitalised labels is still a menu
    menu = "Home\nNews\nSport\nWeather\n\nThe ferry sailed at dawn on Monday and arrived in Bergen at noon.\n"
    assert [f.reason for f in detect_furniture(menu)] == ["navigation"]


def test_a_breadcrumb_trail_is_navigation() -> None:
    body = ("Home  /  Harbour News  /  2017  /  New quay opens\n\nNew quay opens\n\n"
            "The harbour board opened the new quay in Bergen on 4 May 2017.\n")
    found = reasons_of(body)
    assert found["Home  /  Harbour News  /  2017  /  New quay opens"] == "navigation", found
    assert reasons_of("You are here: Home > News > Ferries\n\nThe ferry sailed at dawn on Monday.\n")[
        "You are here: Home > News > Ferries"] == "navigation"
    # a sentence that starts with the word is no trail
    assert detect_furniture("Home secretaries met in Leeds on Monday to discuss the plan.\n") == []


def test_a_credit_line_and_an_infobox_link_to_the_next_event_are_furniture() -> None:
    body = ("Harbour summit\n\n"
            "Follows | 2018 Bergen harbour summit |\nPreceded by: 2016 Oslo harbour summit\n\n"
            "© Harbour Wire / Ola Nordmann / Go to the photo bankThe mayor opens the summit.\n\n"
            "Photo: Harbour Wire\n\n"
            "The harbour summit was held in Tromso on 4 May 2019.\n")
    found = reasons_of(body)
    assert found["Follows | 2018 Bergen harbour summit |"] == "infobox-navigation", found
    assert found["Preceded by: 2016 Oslo harbour summit"] == "infobox-navigation", found
    assert found["Photo: Harbour Wire"] == "credit", found
    assert any(line.startswith("©") and r == "credit" for line, r in found.items()), found
    # prose that mentions copyright or follows an event is content
    assert detect_furniture("Copyright talks followed the summit in Tromso on Monday.\n") == []
    assert detect_furniture("Follows talks in Oslo, the summit opened on Monday.\n") == []
