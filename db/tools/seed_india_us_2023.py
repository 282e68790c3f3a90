#!/usr/bin/env python3
"""Writes db/migration/V2__seed_india_us_2plus2_2023.sql from the article in db/sources/.

The editorial reading of the article (who spoke, which nations, topics, subjects, commitments)
lives here as data; spans are computed from the article itself so they cannot drift from it.
Rerun after editing: python3 db/tools/seed_india_us_2023.py
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "india-us-2plus2-2023-11-12.txt"
OUT = ROOT / "migration" / "V2__seed_india_us_2plus2_2023.sql"

text = SOURCE.read_text(encoding="utf-8")
assert text.isascii(), "offsets below are byte offsets; a non-ASCII source needs code-point handling"

NATIONS = [(1, "IN", "India"), (2, "US", "United States")]

# id, name, nation, other names as spelled in sources, office title, office start
OFFICIALS = [
    (1, "Narendra Modi", 1, ["PM Narendra Modi"], "Prime Minister", "2014-05-26"),
    (2, "Rajnath Singh", 1, ["Defence Minister Rajnath Singh"], "Minister of Defence", "2019-05-30"),
    (3, "S. Jaishankar", 1, ["S Jaishankar", "Jaishankar"], "Minister of External Affairs", "2019-05-30"),
    (4, "Lloyd J. Austin III", 2, ["Lloyd Austin"], "Secretary of Defense", "2021-01-22"),
    (5, "Antony J. Blinken", 2, ["Anthony Blinken"], "Secretary of State", "2021-01-26"),
]

TOPICS = [
    (1, "defence", "Defence"),
    (2, "security", "Security"),
    (3, "space", "Space"),
    (4, "technology", "Technology"),
    (5, "logistics", "Logistics"),
    (6, "counter-terrorism", "Counter-terrorism"),
    (7, "semiconductors", "Semiconductors"),
    (8, "critical-minerals", "Critical minerals"),
    (9, "supply-chains", "Supply chains"),
    (10, "mro", "Maintenance, repair and overhaul (MRO)"),
    (11, "indo-pacific-security", "Indo-Pacific security"),
    (12, "humanitarian", "Humanitarian assistance"),
    (13, "defence-manufacturing", "Defence manufacturing"),
    (14, "regional-security", "Regional security"),
]
T = {slug: i for i, slug, _ in TOPICS}

SUBJECTS = [
    (1, "china", "China", "COUNTRY"),
    (2, "indo-pacific", "Indo-Pacific", "REGION"),
    (3, "hamas", "Hamas", "ARMED_GROUP"),
    (4, "israel", "Israel", "COUNTRY"),
    (5, "gaza", "Gaza", "TERRITORY"),
    (6, "hamas-israel-conflict", "Hamas-Israel conflict", "ARMED_CONFLICT"),
    (7, "russia", "Russia", "COUNTRY"),
    (8, "ukraine", "Ukraine", "COUNTRY"),
    (9, "russia-ukraine-war", "Russia-Ukraine war", "ARMED_CONFLICT"),
    (10, "taliban", "Taliban", "ARMED_GROUP"),
    (11, "afghanistan", "Afghanistan", "COUNTRY"),
    (12, "quad", "Quad", "ORGANIZATION"),
    (13, "general-electric", "General Electric", "COMPANY"),
    (14, "ge-f414", "GE F414 jet engine", "MILITARY_SYSTEM"),
    (15, "mq-9b", "MQ-9B drone", "MILITARY_SYSTEM"),
    (16, "mumbai-26-11-attack", "26/11 Mumbai attack", "EVENT"),
    (17, "pathankot-attack", "Pathankot strike", "EVENT"),
    (18, "armoured-infantry-vehicles", "Armoured infantry vehicles", "MILITARY_SYSTEM"),
    (19, "us-industry", "US industry", "ORGANIZATION"),
]
S = {slug: i for i, slug, _, _ in SUBJECTS}

DIALOGUE = dict(id=1, title="Fifth India-US 2+2 Ministerial Dialogue", format="2+2 Ministerial Dialogue",
                edition=5, held_on="2023-11-10", place="New Delhi")
PARTICIPANTS = [(1, 1, "CALLED_ON"), (2, 2, "DELEGATION_MEMBER"), (3, 3, "DELEGATION_MEMBER"),
                (4, 4, "DELEGATION_MEMBER"), (5, 5, "DELEGATION_MEMBER")]
DOCUMENT = dict(id=1, title="Key Takeaways From India-US 2+2 Ministerial Dialogue", published_on="2023-11-12")

BOTH = [1, 2]
# Statements in document order: (text prefix that locates the line, kind, speakers, nations, topics, subjects).
# Lead paragraphs are whole lines; takeaways drop their "N. " numbering.
STATEMENTS = [
    ("India and the US have pledged", "JOINT_POSITION", [], BOTH, ["defence", "security", "regional-security"],
     ["china", "hamas-israel-conflict", "hamas", "israel", "russia-ukraine-war", "russia", "ukraine"]),
    ("The bilateral meet also was on plans", "SUMMARY", [], BOTH,
     ["defence-manufacturing", "defence", "indo-pacific-security"], ["armoured-infantry-vehicles", "quad", "indo-pacific"]),
    ("The discussions also covered defence ties", "SUMMARY", [], BOTH,
     ["defence", "space", "technology", "logistics", "counter-terrorism"], []),
    ("Both nations have plans for co-producing", "JOINT_POSITION", [], BOTH, ["defence-manufacturing", "defence"],
     ["general-electric", "ge-f414", "mq-9b"]),
    ("1. India and the US pledged", "JOINT_POSITION", [], BOTH, ["defence", "security"], []),
    ("2. The ministerial dialogue meet", "SUMMARY", [], BOTH, ["regional-security", "security"],
     ["china", "hamas-israel-conflict", "hamas", "israel", "russia-ukraine-war", "russia", "ukraine"]),
    ("3. The two sides discussed", "JOINT_POSITION", [], BOTH, ["defence", "security"], ["china"]),
    ("4. Both nations discussed", "JOINT_POSITION", [], BOTH,
     ["indo-pacific-security", "defence-manufacturing"], ["china", "indo-pacific", "armoured-infantry-vehicles"]),
    ("5. Defence Minister Rajnath Singh", "REPORTED_REMARK", [2], [1], ["indo-pacific-security"], ["china", "indo-pacific"]),
    ("6. US Secretary of Defence Lloyd Austin", "REPORTED_REMARK", [4], [2], ["indo-pacific-security"], ["indo-pacific"]),
    ("7. The two sides inked", "JOINT_POSITION", [], BOTH, ["defence-manufacturing", "defence"],
     ["armoured-infantry-vehicles"]),
    ("8. Upcoming Quad leaders'", "SUMMARY", [], [], ["indo-pacific-security"], ["quad", "indo-pacific"]),
    ("9. External Affairs Minister S Jaishankar", "REPORTED_REMARK", [3], [1],
     ["defence", "space", "technology", "logistics"], []),
    ("10. \"We are bolstering", "DIRECT_QUOTE", [3], [1], ["security"], []),
    ("11. The joint statement outlines", "JOINT_POSITION", [], BOTH, ["defence"], []),
    ("12. Talks covered", "SUMMARY", [], BOTH,
     ["counter-terrorism", "technology", "semiconductors", "critical-minerals"], []),
    ("13. Discussion on strengthening", "SUMMARY", [], BOTH, ["supply-chains"], []),
    ("14. The two sides welcomed", "JOINT_POSITION", [], BOTH, ["mro", "defence"], ["us-industry"]),
    ("15. India and the US jointly condemned", "JOINT_POSITION", [], BOTH, ["counter-terrorism", "humanitarian"],
     ["israel", "gaza", "hamas-israel-conflict"]),
    ("16. Both the nations condemned", "JOINT_POSITION", [], BOTH, ["counter-terrorism"],
     ["mumbai-26-11-attack", "pathankot-attack"]),
    ("17. Both urge action", "JOINT_POSITION", [], BOTH, ["counter-terrorism"], []),
    ("18. Discussions on Afghanistan", "SUMMARY", [], BOTH, ["counter-terrorism", "regional-security"],
     ["afghanistan", "taliban"]),
    ("19. Plans for co-production", "SUMMARY", [], BOTH, ["defence-manufacturing", "defence"],
     ["general-electric", "ge-f414", "mq-9b"]),
]

# Commitments: id, title, description, kind, parties [(nation id | subject slug, role)], topics,
# statements [(ordinal, relation)], history [(status, as_of, note, evidence ordinal)].
COMMITMENTS = [
    (1, "Co-production of armoured infantry vehicles",
     "India and the US agreed to move forward with co-producing armoured infantry vehicles as part of their "
     "collaboration in defence manufacturing.",
     "CO_PRODUCTION", [(1, "CO_PRODUCER"), (2, "CO_PRODUCER")], ["defence-manufacturing", "defence"],
     [(2, "MADE"), (8, "REAFFIRMED"), (11, "REAFFIRMED")],
     [("AGREED", "2023-11-10", "An agreement to move forward with co-production was inked at the dialogue.", 11)]),
    (2, "Co-production of the GE F414 jet engine",
     "India and the US plan to co-produce General Electric's GE F414 jet engine.",
     "CO_PRODUCTION", [(1, "CO_PRODUCER"), (2, "CO_PRODUCER")], ["defence-manufacturing", "defence"],
     [(4, "MADE"), (23, "REAFFIRMED")],
     [("IN_PROGRESS", "2023-11-10", "Confirmed at the dialogue to be on track.", 23)]),
    (3, "Supply of MQ-9B drones to India",
     "The US is to supply MQ-9B drones to India.",
     "SUPPLY", [(2, "SUPPLIER"), (1, "RECIPIENT")], ["defence"],
     [(4, "MADE"), (23, "REAFFIRMED")],
     [("IN_PROGRESS", "2023-11-10", "Confirmed at the dialogue to be on track.", 23)]),
    (4, "Liaison positions between the armed forces",
     "Setting up liaison positions for seamless communication and cooperation between the armed forces of "
     "India and the US.",
     "INSTITUTIONAL_ARRANGEMENT", [(1, "PARTICIPANT"), (2, "PARTICIPANT")], ["defence"],
     [(3, "MADE"), (15, "REAFFIRMED")],
     [("ANNOUNCED", "2023-11-10", "Outlined in the joint statement of the dialogue.", 15)]),
    (5, "US industry support for India's MRO capabilities",
     "Commitments from US industry to further increase India's maintenance, repair and overhaul capabilities, "
     "including for the repair of aircraft and unmanned aerial vehicles.",
     "CAPABILITY_BUILDING", [("us-industry", "PROVIDER"), (1, "BENEFICIARY")], ["mro", "defence"],
     [(18, "MADE")],
     [("ANNOUNCED", "2023-11-10", "Welcomed by both sides at the dialogue.", 18)]),
    (6, "Counter-terrorism cooperation",
     "Cooperation between India and the US on counter-terrorism efforts.",
     "COOPERATION", [(1, "PARTICIPANT"), (2, "PARTICIPANT")], ["counter-terrorism"],
     [(3, "MADE"), (16, "REAFFIRMED")],
     [("ANNOUNCED", "2023-11-10", "Highlighted in the joint statement of the dialogue.", 3)]),
    (7, "Technology cooperation on semiconductors and critical minerals",
     "Enhancing cooperation in cutting-edge technologies, in areas such as semiconductors and critical minerals.",
     "COOPERATION", [(1, "PARTICIPANT"), (2, "PARTICIPANT")], ["technology", "semiconductors", "critical-minerals"],
     [(3, "MADE"), (16, "REAFFIRMED")],
     [("ANNOUNCED", "2023-11-10", "Discussed at the dialogue.", 16)]),
    (8, "Supply-chain security and industrial integration",
     "Strengthening supply chain security and integrating goods and services between US and Indian firms.",
     "COOPERATION", [(1, "PARTICIPANT"), (2, "PARTICIPANT")], ["supply-chains"],
     [(17, "MADE")],
     [("ANNOUNCED", "2023-11-10", "Discussed at the dialogue.", 17)]),
    (9, "Coordination on humanitarian assistance in Gaza",
     "India and the US called for coordination on humanitarian assistance in Gaza.",
     "COOPERATION", [(1, "PARTICIPANT"), (2, "PARTICIPANT")], ["humanitarian"],
     [(19, "MADE")],
     [("ANNOUNCED", "2023-11-10", "Called for jointly at the dialogue.", 19)]),
]


def q(value):
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def spans():
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    result = []
    for ordinal, (prefix, *_rest) in enumerate(STATEMENTS, start=1):
        hits = [(o, l) for o, l in lines if l.startswith(prefix)]
        assert len(hits) == 1, f"statement {ordinal}: {len(hits)} lines start with {prefix!r}"
        start, line = hits[0]
        number = re.match(r"\d+\. ", line)
        if number:
            start, line = start + number.end(), line[number.end():]
        assert text[start:start + len(line)] == line
        result.append((start, start + len(line), line))
    return result


out = ["-- Generated by db/tools/seed_india_us_2023.py from db/sources/india-us-2plus2-2023-11-12.txt; do not edit by hand.",
       "-- The India-US 2+2 Ministerial Dialogue of 10 November 2023 as reported on 12 November 2023.", ""]
for i, code, name in NATIONS:
    out.append(f"insert into nation (id, code, name) values ({i}, {q(code)}, {q(name)});")
for i, slug, name in TOPICS:
    out.append(f"insert into topic (id, slug, name) values ({i}, {q(slug)}, {q(name)});")
for i, slug, name, kind in SUBJECTS:
    out.append(f"insert into subject (id, slug, name, kind) values ({i}, {q(slug)}, {q(name)}, {q(kind)});")
for i, name, nation, others, title, start in OFFICIALS:
    arr = "array[" + ", ".join(q(o) for o in others) + "]::text[]"
    out.append(f"insert into official (id, name, nation_id, other_names) values ({i}, {q(name)}, {nation}, {arr});")
    out.append(f"insert into office (id, official_id, title, start_date) values ({i}, {i}, {q(title)}, {q(start)});")
d = DIALOGUE
out.append(f"insert into dialogue (id, title, format, edition, held_on, place) values ({d['id']}, {q(d['title'])}, "
           f"{q(d['format'])}, {d['edition']}, {q(d['held_on'])}, {q(d['place'])});")
for n, _, _ in NATIONS:
    out.append(f"insert into dialogue_nation (dialogue_id, nation_id) values (1, {n});")
for i, (official, _, role) in enumerate(PARTICIPANTS, start=1):
    out.append(f"insert into dialogue_participant (id, dialogue_id, official_id, role) values ({i}, 1, {official}, {q(role)});")
assert "$source$" not in text
out.append(f"insert into source_document (id, title, published_on, content) values (1, {q(DOCUMENT['title'])}, "
           f"{q(DOCUMENT['published_on'])}, $source${text}$source$);")
for ordinal, ((start, end, line), (_, kind, speakers, nations, topics, subjects)) in enumerate(zip(spans(), STATEMENTS), 1):
    out.append(f"insert into statement (id, dialogue_id, document_id, ordinal, span_start, span_end, text, kind) values "
               f"({ordinal}, 1, 1, {ordinal}, {start}, {end}, {q(line)}, {q(kind)});")
    out += [f"insert into statement_speaker (statement_id, official_id) values ({ordinal}, {o});" for o in speakers]
    out += [f"insert into statement_nation (statement_id, nation_id) values ({ordinal}, {n});" for n in nations]
    out += [f"insert into statement_topic (statement_id, topic_id) values ({ordinal}, {T[t]});" for t in topics]
    out += [f"insert into statement_subject (statement_id, subject_id) values ({ordinal}, {S[s]});" for s in subjects]
party_id = entry_id = 0
for cid, title, desc, kind, parties, topics, statements, history in COMMITMENTS:
    out.append(f"insert into commitment (id, dialogue_id, title, description, kind) values "
               f"({cid}, 1, {q(title)}, {q(desc)}, {q(kind)});")
    for party, role in parties:
        party_id += 1
        nation, subject = (party, None) if isinstance(party, int) else (None, S[party])
        out.append(f"insert into commitment_party (id, commitment_id, nation_id, subject_id, role) values "
                   f"({party_id}, {cid}, {q(nation)}, {q(subject)}, {q(role)});")
    out += [f"insert into commitment_topic (commitment_id, topic_id) values ({cid}, {T[t]});" for t in topics]
    out += [f"insert into commitment_statement (commitment_id, statement_id, relation) values ({cid}, {s}, {q(r)});"
            for s, r in statements]
    for status, as_of, note, evidence in history:
        entry_id += 1
        out.append(f"insert into commitment_status_entry (id, commitment_id, status, as_of, note, evidence_statement_id) "
                   f"values ({entry_id}, {cid}, {q(status)}, {q(as_of)}, {q(note)}, {evidence});")

# Rows added later by the application must not collide with the explicit keys above.
for table in ["nation", "topic", "subject", "official", "office", "dialogue", "dialogue_participant", "source_document",
              "statement", "commitment", "commitment_party", "commitment_status_entry"]:
    out.append(f"select setval(pg_get_serial_sequence('{table}', 'id'), (select max(id) from {table}));")
OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"wrote {OUT.relative_to(ROOT.parent)}: {len(STATEMENTS)} statements, {len(COMMITMENTS)} commitments")
