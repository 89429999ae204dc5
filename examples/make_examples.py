"""Regenerate the bundled example ElementLists from their scripts (deterministic).

    python examples/make_examples.py [OUTDIR]

Writes podcast_v3.json (a few minutes, three speakers, sounds, disfluencies, slang, British
spellings) and interview_v3_int_types.json (integer token types) into OUTDIR, by default
examples/ itself (the tests write elsewhere and compare with the committed files).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from synth import synthesize

HERE = Path(__file__).resolve().parent

PODCAST = [
    ("Effects", "[MUSIC]"),
    (
        "Maya Okafor",
        "Welcome back to Kitchen Table, the show about food and the people who make it. "
        "I'm Maya Okafor, and with me today is the baker Daniel Reyes. Daniel, thanks for coming in.",
    ),
    (
        "Daniel Reyes",
        "Thanks for having me, Maya. Um, I've been a listener for, uh, a long time, "
        "so this is kinda surreal.",
    ),
    ("Maya Okafor", "So let's start at the beginning. How did you get into bread?"),
    (
        "Daniel Reyes",
        "Honestly, it was an accident. I was working nights at a hotel, and the "
        "pastry chef needed somebody to watch the proofing room. I said, sure, why not? And I "
        "never left. [LAUGH]",
    ),
    ("Maya Okafor", "[LAUGH] That's the best kind of accident."),
    (
        "Daniel Reyes",
        "It really is. Um, the thing nobody tells you is that bread is mostly "
        "waiting. You mix, you wait, you fold, you wait again. You gotta be patient, or the dough "
        "will tell on you.",
    ),
    ("Maya Okafor", "What's your favourite loaf to make right now?"),
    (
        "Daniel Reyes",
        "Right now it's a rye with caraway and a little honey. The colour is "
        "gorgeous, this deep brown, and the flavour is, uh, sweet and sour at the same time. "
        "People who say they don't like rye are gonna change their minds.",
    ),
    ("Maya Okafor", "I wanna try that. Is it hard for a home baker?"),
    (
        "Daniel Reyes",
        "Not at all. Rye is forgiving cuz it doesn't rely on gluten the way wheat "
        "does. You don't knead it, you just stir it and let it sit overnight.",
    ),
    ("Effects", "[APPLAUSE]"),
    (
        "Maya Okafor",
        "Our studio audience agrees. Okay, a listener question. Sam from Leeds "
        "asks: what's the one tool every beginner should buy?",
    ),
    (
        "Daniel Reyes",
        "A scale. Not a fancy mixer, not a stone, a cheap digital scale. Cups lie, "
        "grams don't. If you measure by weight, your results are gonna be the same every time.",
    ),
    ("Maya Okafor", "Cups lie, grams don't. I'm putting that on a T-shirt."),
    ("Daniel Reyes", "[LAUGH] Please do. Uh, send me one."),
    ("Maya Okafor", "Before we go, where can people find your bakery?"),
    (
        "Daniel Reyes",
        "We're on Fifth Street, next to the library. We open at seven, and the "
        "rye is usually gone by ten, so, um, come early.",
    ),
    ("Maya Okafor", "Daniel Reyes, thank you so much. That's our show. Go bake something."),
    ("Effects", "[MUSIC]"),
]

INTERVIEW = [
    ("Interviewer", "Can you tell us what happened on the night of the flood?"),
    (
        "Resident",
        "The water came up so fast. We had maybe ten minutes to get out, and we grabbed "
        "the kids and the dog and drove to my sister's place.",
    ),
    ("Interviewer", "Did you have any warning?"),
    ("Resident", "A text message, but it came after the water was already in the street."),
    ("Effects", "[NOISE]"),
    ("Interviewer", "What do you want the council to do now?"),
    ("Resident", "Fix the drains. We've been asking for years."),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the bundled example ElementLists.")
    parser.add_argument(
        "outdir", nargs="?", type=Path, default=HERE, help="where to write (default: examples/)"
    )
    outdir: Path = parser.parse_args(argv).outdir
    podcast = synthesize(
        PODCAST,
        seed=7,
        genders={"Maya Okafor": "FEMALE", "Daniel Reyes": "MALE", "Effects": "UNKNOWN"},
    )
    interview = synthesize(INTERVIEW, seed=11, int_types=True, language="en")
    for name, doc in (("podcast_v3.json", podcast), ("interview_v3_int_types.json", interview)):
        (outdir / name).write_text(
            json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
