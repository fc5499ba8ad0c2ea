"""`edusalud match` on files alone: an auditor's rerun, and every bad file refused with its row."""

import csv
import io
import random
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

POSITIONS = [("programme", "capacity"), ("UMAE-1", "1"), ("HGZ-2", "2"), ("HGR-3", "0")]
# Ana and Beto tie on score: the tie rule (smaller folio first) decides for Ana.
APPLICANTS = [
    ("applicant", "score"),
    ("F003-ANA", "90"),
    ("F004-BETO", "90"),
    ("F001-CARMEN", "85.5"),
    ("F002-DAVID", "70"),
    ("F005-ELENA", "60"),
]
PREFERENCES = [
    ("applicant", "rank", "programme"),
    ("F003-ANA", "1", "UMAE-1"),
    ("F003-ANA", "2", "HGZ-2"),
    ("F004-BETO", "1", "UMAE-1"),
    ("F004-BETO", "2", "HGZ-2"),
    ("F001-CARMEN", "2", "UMAE-1"),  # rows in any order: the rank column orders them
    ("F001-CARMEN", "1", "HGR-3"),
    ("F001-CARMEN", "3", "HGZ-2"),
    ("F002-DAVID", "1", "HGZ-2"),
    ("F005-ELENA", "1", "UMAE-1"),
]


def write(folder: Path, name: str, rows, encoding="utf-8") -> Path:
    path = folder / name
    with path.open("w", newline="", encoding=encoding) as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    return path


def run(
    folder: Path,
    *,
    positions=POSITIONS,
    applicants=APPLICANTS,
    preferences=PREFERENCES,
    rankings=None,
) -> dict[str, tuple[str, str]]:
    out = folder / "result.csv"
    arguments = [
        "--positions",
        write(folder, "positions.csv", positions),
        "--applicants",
        write(folder, "applicants.csv", applicants),
        "--preferences",
        write(folder, "preferences.csv", preferences),
        "--out",
        out,
    ]
    if rankings is not None:
        arguments += ["--programme-rankings", write(folder, "rankings.csv", rankings)]
    with translation.override("es-mx"):
        call_command("match", *map(str, arguments), stdout=io.StringIO())
    with out.open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["applicant", "programme", "rank_obtained"]
    return {applicant: (programme, rank) for applicant, programme, rank in rows[1:]}


def refusal(folder: Path, **files) -> str:
    stderr = io.StringIO()
    arguments = [
        "--positions",
        write(folder, "positions.csv", files.get("positions", POSITIONS)),
        "--applicants",
        write(folder, "applicants.csv", files.get("applicants", APPLICANTS)),
        "--preferences",
        write(folder, "preferences.csv", files.get("preferences", PREFERENCES)),
        "--out",
        folder / "result.csv",
    ]
    with translation.override("es-mx"), pytest.raises(CommandError) as error:
        call_command("match", *map(str, arguments), stdout=io.StringIO(), stderr=stderr)
    assert not (folder / "result.csv").exists()  # nothing written
    return stderr.getvalue() + str(error.value)


def test_the_result_follows_scores_the_tie_rule_and_preferences(tmp_path):
    result = run(tmp_path)

    assert result == {
        "F003-ANA": ("UMAE-1", "1"),  # ties with Beto at 90 and has the smaller folio
        "F004-BETO": ("HGZ-2", "2"),
        "F001-CARMEN": ("HGZ-2", "3"),  # HGR-3 has no place; UMAE-1 went to a higher score
        "F002-DAVID": ("", ""),  # HGZ-2 filled by higher scores; he ranked nothing else
        "F005-ELENA": ("", ""),
    }


def test_a_rerun_on_shuffled_rows_gives_the_same_file(tmp_path):
    first = run(tmp_path)
    rows = PREFERENCES[1:]
    random.Random(3).shuffle(rows)

    again = run(tmp_path, preferences=[PREFERENCES[0], *rows])

    assert again == first


def test_a_programme_ranking_replaces_scores_and_leaves_out_who_it_does_not_rank(tmp_path):
    rankings = [
        ("programme", "rank", "applicant"),
        ("UMAE-1", "1", "F005-ELENA"),
        ("UMAE-1", "2", "F001-CARMEN"),
    ]

    result = run(tmp_path, rankings=rankings)

    assert result["F005-ELENA"] == ("UMAE-1", "1")
    assert result["F003-ANA"] == ("HGZ-2", "2")  # UMAE-1 does not rank her
    assert result["F004-BETO"] == ("HGZ-2", "2")
    assert result["F001-CARMEN"] == ("", "")


def test_places_reserved_for_foreign_applicants_go_to_them_first(tmp_path):
    positions = [("programme", "capacity", "reserved"), ("UMAE-1", "2", "1"), ("HGZ-2", "2", "")]
    applicants = [
        ("applicant", "score", "category"),
        ("F003-ANA", "90", "mexican"),
        ("F004-BETO", "90", ""),  # no category: Mexican
        ("F001-CARMEN", "85.5", "foreign"),
        ("F002-DAVID", "70", "FOREIGN"),
        ("F005-ELENA", "60", "mexican"),
    ]
    preferences = [
        ("applicant", "rank", "programme"),
        *((folio, "1", "UMAE-1") for folio, *_ in applicants[1:]),
        *((folio, "2", "HGZ-2") for folio, *_ in applicants[1:]),
    ]

    result = run(tmp_path, positions=positions, applicants=applicants, preferences=preferences)

    assert result == {
        "F003-ANA": ("UMAE-1", "1"),  # the one open place of UMAE-1
        "F001-CARMEN": ("UMAE-1", "1"),  # its reserved place, though Beto scored more
        "F004-BETO": ("HGZ-2", "2"),
        "F002-DAVID": ("HGZ-2", "2"),  # foreign applicants also take open places
        "F005-ELENA": ("", ""),
    }


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"preferences": [*PREFERENCES, ("F002-DAVID", "2", "UMF-9")]},
            "preferences.csv, fila 11, columna programme: no existe el programa «UMF-9» "
            "en el archivo de posiciones.",
        ),
        (
            {"preferences": [*PREFERENCES, ("F009-NADIE", "1", "UMAE-1")]},
            "preferences.csv, fila 11, columna applicant: no existe el aspirante «F009-NADIE» "
            "en el archivo de aspirantes.",
        ),
        (
            {"applicants": [*APPLICANTS, ("F003-ANA", "50")]},
            "applicants.csv, fila 7, columna applicant: «F003-ANA» está repetido.",
        ),
        (
            {"applicants": [*APPLICANTS, ("F006-FER", "alto")]},
            "applicants.csv, fila 7, columna score: «alto» no es un número.",
        ),
        (
            {"positions": [*POSITIONS, ("UMF-4", "-1")]},
            "positions.csv, fila 5, columna capacity: «-1» no es un número entero de 0 o más.",
        ),
        (
            {"positions": [("programa", "lugares"), ("UMAE-1", "1")]},
            "positions.csv, fila 1: el encabezado debe ser «programme,capacity» o "
            "«programme,capacity,reserved»; es «programa,lugares».",
        ),
        (
            {"positions": [("programme", "capacity", "reserved"), ("UMAE-1", "1", "2")]},
            "positions.csv, fila 2, columna reserved: 2 plazas reservadas de 1: más de las "
            "que hay.",
        ),
        (
            {"applicants": [("applicant", "score", "category"), ("F003-ANA", "90", "suiza")]},
            "applicants.csv, fila 2, columna category: «suiza» no es una categoría; escriba "
            "mexican o foreign.",
        ),
        (
            {"preferences": [*PREFERENCES, ("F002-DAVID", "3", "UMAE-1")]},
            "preferences.csv, fila 9, columna rank: los lugares de F002-DAVID deben ir 1, 2, "
            "3... sin huecos; falta el 2.",
        ),
        (
            {"preferences": [*PREFERENCES, ("F002-DAVID", "1", "UMAE-1")]},
            "preferences.csv, fila 11, columna rank: F002-DAVID ya tiene el lugar 1.",
        ),
        (
            {"preferences": [*PREFERENCES, ("F002-DAVID", "2", "HGZ-2")]},
            "preferences.csv, fila 9, columna programme: el aspirante F002-DAVID ordena dos "
            "veces el programa «HGZ-2».",
        ),
        (
            {"preferences": [*PREFERENCES, ("F002-DAVID", "2", "HGR-3", "sobra")]},
            "preferences.csv, fila 11: se esperaban 3 columnas; hay 4.",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_row_and_column_in_spanish(tmp_path, files, message):
    assert message in refusal(tmp_path, **files)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    applicants = [*APPLICANTS, ("F006-ÑOÑO", "50")]
    write(tmp_path, "applicants.csv", applicants, encoding="cp1252")
    arguments = [
        "--positions",
        write(tmp_path, "positions.csv", POSITIONS),
        "--applicants",
        tmp_path / "applicants.csv",
        "--preferences",
        write(tmp_path, "preferences.csv", PREFERENCES),
        "--out",
        tmp_path / "result.csv",
    ]
    stderr = io.StringIO()

    with translation.override("es-mx"), pytest.raises(CommandError):
        call_command("match", *map(str, arguments), stdout=io.StringIO(), stderr=stderr)

    assert "applicants.csv" in stderr.getvalue()
    assert "UTF-8" in stderr.getvalue()
    assert not (tmp_path / "result.csv").exists()
